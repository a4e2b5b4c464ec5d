using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.Identity;

namespace LiveCommerce.Storage.Identity;

/// <summary>A live session as its pre-live check was requested.</summary>
public sealed record LiveSessionRecord(string SessionId, string RoomId, string MerchantId, IReadOnlyList<string> HostIds, DateTimeOffset ScheduledStart, string? ListId, string Fingerprint, string InstanceId);

/// <summary>What happened to a write that must happen at most once.</summary>
public enum CreateOutcome
{
    Created,
    AlreadyExistsSame,
    AlreadyExistsDifferent,
}

/// <summary>
/// Table <c>livesessions</c>, one partition per platform and session: the request, one row per identity challenge
/// (its hash, never the challenge), one per provider result, and the outcome — the pre-live verification record
/// that dispute evidence later cites. Every write is create-only or keyed, so re-runs change nothing. Row keys are
/// <see cref="SingleRowKey"/>s of the kinds <c>session</c>, <c>challenge|{hostId}</c>, <c>result|{hostId}</c> and
/// <c>outcome</c>.
/// </summary>
public sealed class LiveSessionStore(StorageClients clients) : IPreLiveRecords
{
    private TableClient Table => clients.Table(StorageNames.LiveSessionsTable);

    public static string PartitionOf(PlatformId platform, string sessionId) => PartitionOf(platform.Value, sessionId);

    private static string PartitionOf(string platform, string sessionId) => $"{platform}|{sessionId}";

    private static string SessionRow(string partition) => SingleRowKey.Of("session", partition);

    private static string OutcomeRow(string partition) => SingleRowKey.Of("outcome", partition);

    public async Task<CreateOutcome> CreateSessionAsync(PlatformId platform, LiveSessionRecord session, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, session.SessionId);
        var entity = new TableEntity(partition, SessionRow(partition))
        {
            ["RoomId"] = session.RoomId,
            ["MerchantId"] = session.MerchantId,
            ["HostIds"] = string.Join('\n', session.HostIds),
            ["ScheduledStart"] = session.ScheduledStart,
            ["ListId"] = session.ListId,
            ["Fingerprint"] = session.Fingerprint,
            ["InstanceId"] = session.InstanceId,
        };
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
            return CreateOutcome.Created;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await FindSessionAsync(platform, session.SessionId, cancellationToken);
            return existing?.Fingerprint == session.Fingerprint ? CreateOutcome.AlreadyExistsSame : CreateOutcome.AlreadyExistsDifferent;
        }
    }

    public async Task<LiveSessionRecord?> FindSessionAsync(PlatformId platform, string sessionId, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, sessionId);
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(partition, SessionRow(partition), cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return null;
        }

        var e = found.Value!;
        return new LiveSessionRecord(
            sessionId,
            e.GetString("RoomId") ?? string.Empty,
            e.GetString("MerchantId") ?? string.Empty,
            (e.GetString("HostIds") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries),
            e.GetDateTimeOffset("ScheduledStart") ?? DateTimeOffset.MinValue,
            e.GetString("ListId"),
            e.GetString("Fingerprint") ?? string.Empty,
            e.GetString("InstanceId") ?? string.Empty);
    }

    /// <summary>The finished check's result as recorded (JSON of <see cref="PreLiveCheckResult"/>), or null while it runs.</summary>
    public async Task<string?> FindOutcomeAsync(PlatformId platform, string sessionId, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, sessionId);
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(partition, OutcomeRow(partition), select: ["Result"], cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.GetString("Result") : null;
    }

    /// <summary>Keeps a provider's result once; the same callback again is a duplicate, another outcome a conflict.</summary>
    public async Task<CreateOutcome> RecordResultAsync(PlatformId platform, string sessionId, IdentityResult result, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, sessionId);
        var entity = new TableEntity(partition, SingleRowKey.Of("result|" + result.HostId, partition))
        {
            ["Matched"] = result.Matched,
            ["LivenessScore"] = result.LivenessScore,
            ["ProviderReference"] = result.ProviderReference,
            ["ReceivedAt"] = result.ReceivedAt,
        };
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
            return CreateOutcome.Created;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = (await Table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken)).Value;
            return existing.GetBoolean("Matched") == result.Matched && existing.GetString("ProviderReference") == result.ProviderReference
                ? CreateOutcome.AlreadyExistsSame
                : CreateOutcome.AlreadyExistsDifferent;
        }
    }

    /// <summary>Each host's issued challenge (id and provider), for the pre-live status.</summary>
    public async Task<IReadOnlyDictionary<string, (string ChallengeId, string Provider)>> ListChallengesAsync(PlatformId platform, string sessionId, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, sessionId);
        var found = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"challenge|"} and RowKey lt {"challenge}"}");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", "ChallengeId", "Provider"], cancellationToken: cancellationToken))
        {
            // Row key: challenge|{hostId}|{partition}
            var hostId = e.RowKey["challenge|".Length..^(partition.Length + 1)];
            found[hostId] = (e.GetString("ChallengeId") ?? string.Empty, e.GetString("Provider") ?? "simulated");
        }

        return found;
    }

    public async Task RecordOutcomeAsync(PreLiveOutcome outcome, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(outcome.Platform, outcome.SessionId);
        await Table.UpsertEntityAsync(
            new TableEntity(partition, OutcomeRow(partition))
            {
                ["Status"] = outcome.Result.Status,
                ["Result"] = WorkflowJson.Serialize(outcome.Result),
                ["CompletedAt"] = outcome.Result.CompletedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>Records a challenge once per host and session (create-only: a re-run activity issues nothing new).</summary>
    public async Task<bool> RecordChallengeAsync(string platform, string sessionId, string hostId, string challengeId, string challengeHash, string provider, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, sessionId);
        try
        {
            await Table.AddEntityAsync(
                new TableEntity(partition, SingleRowKey.Of("challenge|" + hostId, partition))
                {
                    ["ChallengeId"] = challengeId,
                    ["ChallengeHash"] = challengeHash,
                    ["Provider"] = provider,
                    ["IssuedAt"] = issuedAt,
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}
