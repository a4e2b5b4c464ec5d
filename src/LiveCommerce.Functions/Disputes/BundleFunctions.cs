using LiveCommerce.Functions.Workflows;
using LiveCommerce.Http.Disputes;
using LiveCommerce.Workflows.Disputes;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LiveCommerce.Functions.Disputes;

/// <summary>
/// The contract's evidence bundles: one line per route over the shared handlers, and the bundle workflow with its
/// fan-out activities over the Durable adapter.
/// </summary>
public sealed class BundleFunctions(
    BundleEndpoints bundles,
    EvidenceBundleWorkflow workflow,
    GatherEvidenceActivity gather,
    AssembleBundleActivity assemble,
    RecordBundleActivity record)
{
    [Function("EvidenceBundleStart")]
    public Task<IResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "disputes/{disputeId}/evidence-bundles")] HttpRequest request,
        string disputeId,
        [DurableClient] DurableTaskClient durable) => bundles.Start(request, disputeId, new DurableWorkflowClient(durable));

    [Function("EvidenceBundleGet")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "disputes/{disputeId}/evidence-bundles")] HttpRequest request,
        string disputeId,
        [DurableClient] DurableTaskClient durable) => bundles.Get(request, disputeId, new DurableWorkflowClient(durable));

    [Function("EvidenceBundleVerify")]
    public Task<IResult> Verify(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "disputes/{disputeId}/evidence-bundles/verification")] HttpRequest request,
        string disputeId) => bundles.Verify(request, disputeId);

    [Function("EvidenceBundleCustody")]
    public Task<IResult> Custody(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "disputes/{disputeId}/evidence-bundles/custody")] HttpRequest request,
        string disputeId) => bundles.Custody(request, disputeId);

    [Function(EvidenceBundleWorkflow.Name)]
    public Task<EvidenceBundleResult> RunBundleWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) =>
        workflow.RunAsync(new DurableWorkflowContext(context), context.GetInput<EvidenceBundleInput>()!);

    [Function(GatherEvidenceActivity.Name)]
    public Task<EvidenceGathered> Gather([ActivityTrigger] GatherRequest request, CancellationToken cancellationToken) =>
        gather.RunAsync(request, cancellationToken);

    [Function(AssembleBundleActivity.Name)]
    public Task<AssembledBundle> Assemble([ActivityTrigger] AssembleRequest request, CancellationToken cancellationToken) =>
        assemble.RunAsync(request, cancellationToken);

    [Function(RecordBundleActivity.Name)]
    public Task<bool> Record([ActivityTrigger] BundleOutcome outcome, CancellationToken cancellationToken) =>
        record.RunAsync(outcome, cancellationToken);
}
