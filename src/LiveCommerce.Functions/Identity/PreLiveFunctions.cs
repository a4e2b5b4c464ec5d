using LiveCommerce.Domain;
using LiveCommerce.Functions.Workflows;
using LiveCommerce.Http.Identity;
using LiveCommerce.Workflows.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LiveCommerce.Functions.Identity;

/// <summary>
/// The contract's "Pre-live identity verification" on Durable Functions: the orchestration, its activities and the
/// HTTP routes, each one line over the shared workflow, activities and handlers.
/// </summary>
public sealed class PreLiveFunctions(
    PreLiveCheckWorkflow workflow,
    CheckStandingsActivity checkStandings,
    ScreenSessionItemsActivity screenItems,
    IssueIdentityChallengeActivity issueChallenge,
    RecordPreLiveOutcomeActivity recordOutcome,
    LiveSessionEndpoints sessions)
{
    [Function(PreLiveCheckWorkflow.Name)]
    public Task<PreLiveCheckResult> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        workflow.RunAsync(new DurableWorkflowContext(context), context.GetInput<PreLiveCheckInput>()!);

    [Function(CheckStandingsActivity.Name)]
    public Task<IReadOnlyList<Reason>> CheckStandings([ActivityTrigger] StandingsRequest input, CancellationToken cancellationToken) =>
        checkStandings.RunAsync(input, cancellationToken);

    [Function(ScreenSessionItemsActivity.Name)]
    public Task<IReadOnlyList<Reason>> ScreenItems([ActivityTrigger] SessionScreeningRequest input, CancellationToken cancellationToken) =>
        screenItems.RunAsync(input, cancellationToken);

    [Function(IssueIdentityChallengeActivity.Name)]
    public Task<IdentityChallengeIssued> IssueChallenge([ActivityTrigger] IdentityChallengeRequest input, CancellationToken cancellationToken) =>
        issueChallenge.RunAsync(input, cancellationToken);

    [Function(RecordPreLiveOutcomeActivity.Name)]
    public Task<bool> RecordOutcome([ActivityTrigger] PreLiveOutcome input, CancellationToken cancellationToken) =>
        recordOutcome.RunAsync(input, cancellationToken);

    [Function("PreLiveCheckStart")]
    public Task<IResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "live-sessions/{sessionId}/pre-live-checks")] HttpRequest request,
        string sessionId,
        [DurableClient] DurableTaskClient durable) => sessions.Start(request, sessionId, new DurableWorkflowClient(durable));

    [Function("PreLiveCheckGet")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "live-sessions/{sessionId}/pre-live-checks")] HttpRequest request,
        string sessionId,
        [DurableClient] DurableTaskClient durable) => sessions.Get(request, sessionId, new DurableWorkflowClient(durable));

    /// <summary>Withdrawn in v2 (410): results come signed from the provider, IdentityProviderFunctions.</summary>
    [Function("IdentityResult")]
    public IResult PostResult(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "live-sessions/{sessionId}/identity-results")] HttpRequest request,
        string sessionId) => LiveSessionEndpoints.PostResult();
}
