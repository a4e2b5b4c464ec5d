using LiveCommerce.Functions.Workflows;
using LiveCommerce.Http.Disputes;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LiveCommerce.Functions.Disputes;

/// <summary>
/// The contract's evidence bundles: one line per route over the shared handlers (the bundle workflow and its fan-out
/// activities are the shared classes, registered once in LiveCommerceTasks).
/// </summary>
public sealed class BundleFunctions(BundleEndpoints bundles)
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




}
