using LiveCommerce.Domain;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Storage.Idempotency;
using LiveCommerce.Workflows;
using Microsoft.DurableTask;
using LiveCommerce.Workflows.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace LiveCommerce.Http.Identity;

/// <summary>
/// The contract's "Pre-live identity verification": start the check (202 + Location), take the identity provider's
/// results, and report where the check stands. The work itself is <see cref="PreLiveCheckWorkflow"/>. The workflow
/// client is a parameter, not a dependency: Durable Functions hands its client to each function through a binding.
/// </summary>
public sealed class LiveSessionEndpoints(
    LiveSessionStore sessions,
    IdempotentPosts posts,
    TimeProvider clock,
    IConfiguration configuration)
{
    public const int MaxHosts = 20;
    public const int MaxItems = 10_000;

    public Task<IResult> Start(HttpRequest request, string sessionId, IWorkflowClient workflows) =>
        posts.HandleAsync<PreLiveCheckRequest>(request, [PlatformRoles.PlatformApi], post => StartAsync(post, sessionId, workflows), 32 * 1024 * 1024);

    private async Task<IResult> StartAsync(PostRequest<PreLiveCheckRequest> post, string sessionId, IWorkflowClient workflows)
    {
        if (!WaitSeconds.TryRead(post.Http, out var wait, out var problem))
        {
            return problem;
        }

        var (platform, b, cancellation, request) = (post.Platform, post.Body, post.Cancellation, post.Http);
        var v = new RequestValidator();
        v.Key(sessionId, "sessionId");
        var roomId = v.Key(b.RoomId, "roomId");
        var merchantId = v.Key(b.MerchantId, "merchantId");
        var hostIds = v.RequiredList(b.HostIds, "hostIds", MaxHosts);
        for (var i = 0; i < hostIds.Count; i++)
        {
            v.Key(hostIds[i], $"hostIds[{i}]");
            if (hostIds.Take(i).Contains(hostIds[i], StringComparer.Ordinal))
            {
                v.Add($"hostIds[{i}]", "DUPLICATE", $"Host '{hostIds[i]}' is listed twice.");
            }
        }

        var start = v.Time(b.ScheduledStart, "scheduledStart", required: true);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        if (start is { } s && s <= now)
        {
            v.Add("scheduledStart", "OUT_OF_RANGE", "'scheduledStart' is in the past: a pre-live check must finish before the live starts.");
        }

        var listId = b.ListId is null ? null : v.Key(b.ListId, "listId");
        var items = v.OptionalList(b.Items, "items", MaxItems);
        var preLiveItems = new List<PreLiveItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is null)
            {
                v.Add($"items[{i}]", "REQUIRED", $"'items[{i}]' must be an object.");
                continue;
            }

            preLiveItems.Add(new PreLiveItem(
                v.RequiredString(item.Sku, $"items[{i}].sku", 100),
                v.RequiredString(item.Title, $"items[{i}].title", 500),
                v.OptionalString(item.Description, $"items[{i}].description", 10_000),
                v.OptionalString(item.Category, $"items[{i}].category", 100),
                v.OptionalString(item.Brand, $"items[{i}].brand", 200)));
        }

        if (preLiveItems.Count > 0 && listId is null)
        {
            v.Add("listId", "REQUIRED", "'listId' is required to screen items.");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var instanceId = PreLiveCheckWorkflow.InstanceIdFor(platform.Value, sessionId);
        var scheduledStart = start!.Value.ToDateTimeOffset();
        var created = await sessions.CreateSessionAsync(
            platform, new LiveSessionRecord(sessionId, roomId, merchantId, hostIds, scheduledStart, listId, post.Fingerprint, instanceId), cancellation);
        if (created == CreateOutcome.AlreadyExistsDifferent)
        {
            return Problem.Conflict("PRE_LIVE_CHECK_EXISTS", $"Session '{sessionId}' already has a pre-live check with other details.");
        }

        // Deterministic instance id: a repeated request (or a retry after a crash) never starts a second check.
        var minimumLiveness = configuration.GetValue("PreLive:MinimumLivenessScore", Domain.Identity.IdentityVerification.DefaultMinimumLivenessScore);
        await workflows.ScheduleNewAsync(
            PreLiveCheckWorkflow.Name,
            new PreLiveCheckInput(platform.Value, sessionId, roomId, merchantId, hostIds, scheduledStart, minimumLiveness, listId, preLiveItems.Count > 0 ? preLiveItems : null),
            new StartOrchestrationOptions(instanceId),
            cancellation);

        return await StatusResponseAsync(workflows, platform, sessionId, scheduledStart, instanceId, wait, accepted: true, request.Path.Value!, cancellation);
    }

    /// <summary>
    /// v1's route for the platform to post its own host's identity result, withdrawn in v2: the regulated platform
    /// cannot assert its host's identity. Results come signed from the provider (IdentityProviderEndpoints).
    /// </summary>
    public static IResult PostResult() =>
        Problem.Of(410, "ROUTE_WITHDRAWN", "Gone.",
            "POST /api/live-sessions/{sessionId}/identity-results is withdrawn (contract v2): the identity provider posts the signed result to " +
            "POST /api/identity-providers/{provider}/results for the host's challengeId, shown by GET /api/live-sessions/{sessionId}/pre-live-checks.");

    public async Task<IResult> Get(HttpRequest request, string sessionId, IWorkflowClient workflows)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var session = PlatformId.IsWellFormedKey(sessionId, 64) ? await sessions.FindSessionAsync(platform, sessionId, cancellation) : null;
        return session is null
            ? Problem.NotFound("SESSION_NOT_FOUND", $"No pre-live check for session '{sessionId}'.")
            : await StatusResponseAsync(workflows, platform, sessionId, session.ScheduledStart, session.InstanceId, TimeSpan.Zero, accepted: false, request.Path.Value!, cancellation);
    }

    private async Task<JsonText> StatusResponseAsync(IWorkflowClient workflows, PlatformId platform, string sessionId, DateTimeOffset scheduledStart, string instanceId, TimeSpan wait, bool accepted, string location, CancellationToken cancellation)
    {
        var instance = wait > TimeSpan.Zero
            ? await workflows.WaitForCompletionAsync(instanceId, wait, cancellation)
            : await workflows.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellation);
        var result = instance switch
        {
            { Status: WorkflowStatus.Completed } => instance.ReadOutputAs<PreLiveCheckResult>(),
            { Status: WorkflowStatus.Failed or WorkflowStatus.Terminated } => new PreLiveCheckResult(
                PreLiveCheckResult.Blocked, [], [new Reason("CHECK_FAILED", "The pre-live check could not complete; the session must not go live. Start a new check under a new session id.")], instance.LastUpdatedAt),
            _ => instance?.ReadCustomStatusAs<PreLiveCheckResult>(),
        } ?? new PreLiveCheckResult(PreLiveCheckResult.Pending, [], [], null);

        var finished = result.Status != PreLiveCheckResult.Pending;
        var challenges = result.Hosts.Count == 0 ? new Dictionary<string, (string, string)>() : await sessions.ListChallengesAsync(platform, sessionId, cancellation);
        var body = new Dictionary<string, object?>
        {
            ["sessionId"] = sessionId,
            ["status"] = result.Status,
            ["hosts"] = result.Hosts.Select(h => HostBody(h, challenges)).ToList(),
            ["reasons"] = result.Reasons.Select(ReasonBody.Of).ToList(),
            ["scheduledStart"] = ApiTime.Format(Instant.FromDateTimeOffset(scheduledStart)),
        };
        if (result.CompletedAt is { } completed)
        {
            body["completedAt"] = ApiTime.Format(Instant.FromDateTimeOffset(completed));
        }

        // 202 + Location while it runs; 200 with the final body when it finished within ?waitSeconds.
        return accepted && !finished ? JsonText.Of(202, body, location) : JsonText.Of(200, body);
    }

    /// <summary>A host's identity and, once issued, its challenge: the platform hands the id to the provider's client flow.</summary>
    private static Dictionary<string, object?> HostBody(PreLiveHostStatus host, IReadOnlyDictionary<string, (string ChallengeId, string Provider)> challenges)
    {
        var body = new Dictionary<string, object?> { ["hostId"] = host.HostId, ["identity"] = host.Identity };
        if (challenges.TryGetValue(host.HostId, out var challenge))
        {
            body["challengeId"] = challenge.ChallengeId;
            body["provider"] = challenge.Provider;
        }

        return body;
    }
}
