using LiveCommerce.Functions.Workflows;
using LiveCommerce.Http.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LiveCommerce.Functions.Identity;

/// <summary>
/// The contract's "Pre-live identity verification" routes over the shared handlers. The orchestration and its
/// activities are the shared classes, registered once (LiveCommerceTasks) and exposed as triggers by the Durable
/// extension.
/// </summary>
public sealed class PreLiveFunctions(LiveSessionEndpoints sessions)
{





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
