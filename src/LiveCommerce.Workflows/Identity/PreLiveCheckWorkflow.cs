using Microsoft.DurableTask;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Identity;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Workflows.Identity;

/// <summary>
/// Dynamic identity verification before a live session (the contract's "Pre-live identity verification"): the
/// merchant's and every host's stored qualification must be current at the scheduled start, then each host answers
/// one identity challenge before that start. Cleared only when every host is verified and, looked at again once they
/// are, every standing is still current.
/// </summary>
[DurableTask(Name)]
public sealed class PreLiveCheckWorkflow : TaskOrchestrator<PreLiveCheckInput, PreLiveCheckResult>
{
    public const string Name = "PreLiveCheck";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    /// <summary>One instance per platform and session: starting it twice is a no-op, and tenants never share one.</summary>
    public static string InstanceIdFor(string platform, string sessionId) => $"prelive:{platform}:{sessionId}";

    public static string ResultEvent(string hostId) => $"identity-result:{hostId}";

    public override async Task<PreLiveCheckResult> RunAsync(TaskOrchestrationContext context, PreLiveCheckInput input)
    {
        var log = context.CreateReplaySafeLogger<PreLiveCheckWorkflow>();
        var hosts = input.HostIds.Select(h => (Id: h, Identity: HostIdentity.Pending)).ToArray();
        var reasons = new List<Reason>();
        context.SetCustomStatus(Snapshot(PreLiveCheckResult.Pending, hosts, reasons, null));

        reasons.AddRange(await context.CallActivityAsync<IReadOnlyList<Reason>>(
            CheckStandingsActivity.Name, new StandingsRequest(input.Platform, input.MerchantId, input.HostIds, input.ScheduledStart), Retry));
        if (input.Items is { Count: > 0 } items && input.ListId is { } listId)
        {
            reasons.AddRange(await context.CallActivityAsync<IReadOnlyList<Reason>>(
                ScreenSessionItemsActivity.Name, new SessionScreeningRequest(input.Platform, input.SessionId, input.MerchantId, listId, items), Retry));
        }
        if (reasons.Count > 0)
        {
            log.LogInformation("Pre-live check {Session} blocked before any challenge: {Reasons}", input.SessionId, Codes(reasons));
            return await FinishAsync(context, input, hosts, reasons);
        }

        await Task.WhenAll(input.HostIds.Select(h => context.CallActivityAsync<IdentityChallengeIssued>(
            IssueIdentityChallengeActivity.Name, new IdentityChallengeRequest(input.Platform, input.SessionId, h), Retry)));

        // Every result until the scheduled start; a result that arrived before this point was kept and is read now.
        using var deadline = new CancellationTokenSource();
        var startsAt = context.CreateTimer(input.ScheduledStart.UtcDateTime, deadline.Token);
        var waits = input.HostIds.Select((h, i) => (Index: i, Wait: context.WaitForExternalEvent<IdentityResult>(ResultEvent(h)))).ToList();
        while (waits.Count > 0 && reasons.Count == 0)
        {
            var done = await Task.WhenAny(waits.Select(w => (Task)w.Wait).Append(startsAt));
            if (done == startsAt)
            {
                break;
            }

            var wait = waits.Single(w => w.Wait == done);
            waits.Remove(wait);
            var result = await wait.Wait;
            var (identity, reason) = IdentityVerification.Assess(result.HostId, wait.Index, result.Matched, result.LivenessScore, input.MinimumLivenessScore);
            hosts[wait.Index].Identity = identity;
            if (reason is not null)
            {
                reasons.Add(reason); // one failed host blocks the session: no need to wait for the others
            }

            context.SetCustomStatus(Snapshot(PreLiveCheckResult.Pending, hosts, reasons, null));
        }

        if (reasons.Count == 0)
        {
            foreach (var (index, _) in waits)
            {
                hosts[index].Identity = HostIdentity.TimedOut;
                reasons.Add(IdentityVerification.NoResult(hosts[index].Id, index));
            }
        }

        if (!startsAt.IsCompleted)
        {
            deadline.Cancel();
        }

        // Standings again just before clearing: a merchant or host rejected since the first look (a re-verification
        // from the background checks, a blacklisting) must not go live. The activity's answer is recorded in history,
        // so replays stay deterministic; but this call changed the history's shape: an instance that had already
        // scheduled its outcome record under the old code fails its replay (Durable: non-deterministic orchestration).
        // Deploy it with no instance between its identity results and its outcome, or as a new orchestrator version.
        if (reasons.Count == 0)
        {
            reasons.AddRange(await context.CallActivityAsync<IReadOnlyList<Reason>>(
                CheckStandingsActivity.Name, new StandingsRequest(input.Platform, input.MerchantId, input.HostIds, input.ScheduledStart), Retry));
            if (reasons.Count > 0)
            {
                log.LogInformation("Pre-live check {Session} blocked at the last standing check: {Reasons}", input.SessionId, Codes(reasons));
            }
        }

        return await FinishAsync(context, input, hosts, reasons);
    }

    private static async Task<PreLiveCheckResult> FinishAsync(TaskOrchestrationContext context, PreLiveCheckInput input, (string Id, HostIdentity Identity)[] hosts, List<Reason> reasons)
    {
        var status = reasons.Count == 0 ? PreLiveCheckResult.Cleared : PreLiveCheckResult.Blocked;
        var result = Snapshot(status, hosts, reasons, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
        await context.CallActivityAsync<bool>(RecordPreLiveOutcomeActivity.Name, new PreLiveOutcome(input.Platform, input.SessionId, result), Retry);
        context.SetCustomStatus(result);
        return result;
    }

    private static PreLiveCheckResult Snapshot(string status, (string Id, HostIdentity Identity)[] hosts, List<Reason> reasons, DateTimeOffset? completedAt) =>
        new(status, [.. hosts.Select(h => new PreLiveHostStatus(h.Id, h.Identity.Id()))], [.. reasons], completedAt);

    private static string Codes(IEnumerable<Reason> reasons) => string.Join(",", reasons.Select(r => r.Code));
}
