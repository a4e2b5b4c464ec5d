using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Tipping;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Storage.Tipping;

/// <summary>
/// Table <c>tipping</c>. Partitions:
/// <list type="bullet">
/// <item><c>{platform}|user|{userId}</c>: the user's row (profile and counters, <c>user|…</c>) and the user's tip
/// decisions (<c>tip|{tipId}</c>), so a decision and its counters commit in one entity-group transaction, the
/// counters under their ETag.</item>
/// <item><c>{platform}|tip|{tipId}</c>: the claim of the tip id (which user, which request), written create-only
/// before deciding: it makes a tip id name one tip across users and finds the decision from the id alone.</item>
/// <item><c>{platform}|host|{hostId}</c>: the host's allowed tips (<c>htip|{tipId}</c>, with their settlement status),
/// tipping suspensions by sanction (<c>suspension|{sanctionId}</c>) and the <c>tip.refunded</c> outbox
/// (<c>event|…</c>), written in the refund's own transaction.</item>
/// <item><c>{platform}|tipping-policy</c>: the policy's versions and its current pointer.</item>
/// </list>
/// No raw ID number is stored: the user row keeps the birth date only.
/// </summary>
public sealed class TippingStore(StorageClients clients)
{
    private const string UserKind = "user";
    private const string ClaimKind = "claim";
    private const string PolicyKind = "current";
    private const string TipPrefix = "tip|";
    private const string HostTipPrefix = "htip|";
    private const string SuspensionPrefix = "suspension|";
    private const string EventPrefix = "event|";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => clients.Table(StorageNames.TippingTable);

    // ---- Users ----

    /// <summary>Stores the user's profile (merge: the counters stay). A user without an ID number has no birth date.</summary>
    public Task PutUserAsync(PlatformId platform, string userId, TippingUser user, Instant now, CancellationToken cancellationToken)
    {
        var partition = UserPartition(platform, userId);
        return Table.UpsertEntityAsync(
            new TableEntity(partition, SingleRowKey.Of(UserKind, partition))
            {
                ["RealNameVerified"] = user.RealNameVerified,
                ["BirthDate"] = user.BirthDate is { } birth ? LocalDatePattern.Iso.Format(birth) : string.Empty, // merge cannot remove
                ["ProfileUpdatedAt"] = now.ToDateTimeOffset(),
            },
            TableUpdateMode.Merge,
            cancellationToken);
    }

    /// <summary>The user's profile and counters with the row's ETag; an unknown user has neither.</summary>
    public async Task<TippingAccount> FindAccountAsync(PlatformId platform, string userId, CancellationToken cancellationToken)
    {
        var partition = UserPartition(platform, userId);
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(partition, SingleRowKey.Of(UserKind, partition), cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return new TippingAccount(null, TippingCounters.Empty, null);
        }

        var e = found.Value!;
        var user = e.GetBoolean("RealNameVerified") is { } verified
            ? new TippingUser(verified, e.GetString("BirthDate") is { Length: > 0 } birth ? LocalDatePattern.Iso.Parse(birth).GetValueOrThrow() : null)
            : null;
        var counters = e.GetString("Day") is { Length: > 0 } day
            ? new TippingCounters(
                LocalDatePattern.Iso.Parse(day).GetValueOrThrow(),
                e.GetInt64("DayTotalFen") ?? 0,
                (ReminderState)(e.GetInt32("DayReminder") ?? 0),
                YearMonthPattern.Iso.Parse(e.GetString("Month") ?? "1970-01").GetValueOrThrow(),
                e.GetInt64("MonthTotalFen") ?? 0,
                (ReminderState)(e.GetInt32("MonthReminder") ?? 0))
            : TippingCounters.Empty;
        return new TippingAccount(user, counters, e.ETag);
    }

    // ---- Claims ----

    /// <summary>Claims the tip id for this request (create-only): null when this call claimed it, else the earlier claim.</summary>
    public async Task<TipClaim?> ClaimAsync(PlatformId platform, string tipId, TipClaim claim, Instant now, CancellationToken cancellationToken)
    {
        var partition = ClaimPartition(platform, tipId);
        try
        {
            await Table.AddEntityAsync(
                new TableEntity(partition, SingleRowKey.Of(ClaimKind, partition)) { ["UserId"] = claim.UserId, ["Fingerprint"] = claim.Fingerprint, ["ClaimedAt"] = now.ToDateTimeOffset() },
                cancellationToken);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await FindClaimAsync(platform, tipId, cancellationToken)
                ?? throw new InvalidOperationException("A tip claim reported as existing could not be read.");
        }
    }

    public async Task<TipClaim?> FindClaimAsync(PlatformId platform, string tipId, CancellationToken cancellationToken)
    {
        var partition = ClaimPartition(platform, tipId);
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(partition, SingleRowKey.Of(ClaimKind, partition), cancellationToken: cancellationToken);
        return found.HasValue ? new TipClaim(found.Value!.GetString("UserId") ?? string.Empty, found.Value!.GetString("Fingerprint") ?? string.Empty) : null;
    }

    // ---- Decisions ----

    public async Task<StoredTip?> FindTipAsync(PlatformId platform, string userId, string tipId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(UserPartition(platform, userId), TipPrefix + tipId, cancellationToken: cancellationToken);
        return found.HasValue ? ReadTip(found.Value!) : null;
    }

    /// <summary>
    /// Stores a first decision (create-only) and, when it changed them, the user's counters, replaced only if the row
    /// is still the one read (<paramref name="read"/>): one entity-group transaction.
    /// </summary>
    public Task<TipCommit> CommitDecisionAsync(PlatformId platform, StoredTip tip, TippingCounters? counters, ETag? read, CancellationToken cancellationToken) =>
        CommitAsync(platform, tip, TableTransactionActionType.Add, default, counters, read, cancellationToken);

    /// <summary>
    /// Stores a confirmation's decision on the tip row (only if the row is still <paramref name="tip"/>'s version, so
    /// two confirmations cannot both count) and the counters under their ETag: one entity-group transaction.
    /// </summary>
    public Task<TipCommit> CommitConfirmationAsync(PlatformId platform, StoredTip tip, TippingCounters? counters, ETag? read, CancellationToken cancellationToken) =>
        CommitAsync(platform, tip, TableTransactionActionType.UpdateReplace, tip.ETag, counters, read, cancellationToken);

    /// <summary>The tip row first: its failure (409 create-only, 412 changed) means another attempt decided the tip.</summary>
    private async Task<TipCommit> CommitAsync(
        PlatformId platform, StoredTip tip, TableTransactionActionType tipWrite, ETag tipVersion, TippingCounters? counters, ETag? read, CancellationToken cancellationToken)
    {
        var partition = UserPartition(platform, tip.UserId);
        var actions = new List<TableTransactionAction> { new(tipWrite, TipEntity(partition, tip), tipVersion) };
        if (counters is not null)
        {
            actions.Add(CountersAction(partition, counters, read));
        }

        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            return TipCommit.Committed;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && ex.FailedTransactionActionIndex == 0)
        {
            return TipCommit.TipExists;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return TipCommit.CountersChanged;
        }
    }

    // ---- Hosts: allowed tips, suspensions, refund events ----

    /// <summary>Lists an allowed tip under its host, pending (create-only: a repeat leaves a settled or refunded tip alone).</summary>
    public async Task AddHostTipAsync(PlatformId platform, string hostId, HostTip tip, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(HostTipEntity(HostPartition(platform, hostId), tip), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
    }

    public async Task<HostTip?> FindHostTipAsync(PlatformId platform, string hostId, string tipId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(HostPartition(platform, hostId), HostTipPrefix + tipId, cancellationToken: cancellationToken);
        return found.HasValue ? ReadHostTip(found.Value!) : null;
    }

    /// <summary>The host's tips, oldest tip id first within the partition's order, optionally of one status.</summary>
    public async IAsyncEnumerable<HostTip> ListHostTipsAsync(
        PlatformId platform, string hostId, TipStatus? status, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {HostPartition(platform, hostId)} and RowKey ge {HostTipPrefix} and RowKey lt {"htip}"}");
        if (status is { } only)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {StatusId(only)}");
        }

        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return ReadHostTip(e);
        }
    }

    /// <summary>
    /// Moves a host's tip from the status it was read in (<paramref name="tip"/>'s ETag) to <paramref name="to"/>,
    /// with the refund's outbox event in the same transaction. False when the tip changed since it was read, or the
    /// event exists (another run did this first): nothing was written.
    /// </summary>
    public async Task<bool> TransitionAsync(PlatformId platform, string hostId, HostTip tip, HostTip next, TipRefundedEvent? refunded, CancellationToken cancellationToken)
    {
        var partition = HostPartition(platform, hostId);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, HostTipEntity(partition, next), tip.ETag) };
        if (refunded is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(partition, EventPrefix + refunded.EventId)
            {
                ["Type"] = "tip.refunded",
                ["TipId"] = refunded.TipId,
                ["UserId"] = refunded.UserId,
                ["AmountFen"] = refunded.AmountFen,
                ["SanctionId"] = refunded.SanctionId,
                ["OccurredAt"] = refunded.OccurredAt.ToDateTimeOffset(),
            }));
        }

        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <summary>The host's <c>tip.refunded</c> events (the outbox), in event id order.</summary>
    public async IAsyncEnumerable<TipRefundedEvent> ListRefundEventsAsync(
        PlatformId platform, string hostId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {HostPartition(platform, hostId)} and RowKey ge {EventPrefix} and RowKey lt {"event}"}");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new TipRefundedEvent(
                e.RowKey[EventPrefix.Length..], e.GetString("TipId") ?? string.Empty, hostId, e.GetString("UserId") ?? string.Empty,
                e.GetInt64("AmountFen") ?? 0, e.GetString("SanctionId") ?? string.Empty, Instant.FromDateTimeOffset(e.GetDateTimeOffset("OccurredAt") ?? default));
        }
    }

    /// <summary>Records (or, for the same sanction, replaces) a suspension of tipping to the host.</summary>
    public Task PutSuspensionAsync(PlatformId platform, string hostId, HostTippingSuspension suspension, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(
            new TableEntity(HostPartition(platform, hostId), SuspensionPrefix + suspension.SanctionId)
            {
                ["SanctionId"] = suspension.SanctionId,
                ["From"] = suspension.From.ToDateTimeOffset(),
                ["Until"] = suspension.Until?.ToDateTimeOffset(),
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<IReadOnlyList<HostTippingSuspension>> FindSuspensionsAsync(PlatformId platform, string hostId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {HostPartition(platform, hostId)} and RowKey ge {SuspensionPrefix} and RowKey lt {"suspension}"}");
        var found = new List<HostTippingSuspension>();
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            found.Add(new HostTippingSuspension(
                e.GetString("SanctionId") ?? string.Empty,
                Instant.FromDateTimeOffset(e.GetDateTimeOffset("From") ?? default),
                e.GetDateTimeOffset("Until") is { } until ? Instant.FromDateTimeOffset(until) : null));
        }

        return found;
    }

    /// <summary>
    /// Pending tips due at <paramref name="now"/> on every platform: one filtered query the table service runs (the
    /// settlement timer's scan; <c>htip|</c> rows only).
    /// </summary>
    public async IAsyncEnumerable<(PlatformId Platform, string HostId, HostTip Tip)> FindDueAsync(
        Instant now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {HostTipPrefix} and RowKey lt {"htip}"} and Status eq {StatusId(TipStatus.Pending)} and SettlesAt le {now.ToDateTimeOffset()}");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var parts = e.PartitionKey.Split('|');
            if (parts.Length == 3 && parts[1] == "host" && PlatformId.TryParse(parts[0], out var platform))
            {
                yield return (platform, parts[2], ReadHostTip(e));
            }
        }
    }

    // ---- Policy ----

    public async Task<StoredTippingPolicy?> FindPolicyAsync(PlatformId platform, CancellationToken cancellationToken)
    {
        var partition = PolicyPartition(platform);
        var current = await Table.GetEntityIfExistsAsync<TableEntity>(partition, SingleRowKey.Of(PolicyKind, partition), cancellationToken: cancellationToken);
        return current.HasValue ? ReadPolicy(current.Value!) : null;
    }

    /// <summary>Stores the policy as the next version: the version row create-only, the pointer under its ETag, in one transaction.</summary>
    public async Task<StoredTippingPolicy> ReplacePolicyAsync(PlatformId platform, TippingPolicy policy, Instant now, CancellationToken cancellationToken)
    {
        var partition = PolicyPartition(platform);
        var pointer = SingleRowKey.Of(PolicyKind, partition);
        var json = JsonSerializer.Serialize(policy, Json);
        for (var attempt = 0; ; attempt++)
        {
            var head = await Table.GetEntityIfExistsAsync<TableEntity>(partition, pointer, cancellationToken: cancellationToken);
            var version = head.HasValue ? (head.Value!.GetInt32("Version") ?? 0) + 1 : 1;
            TableEntity Row(string rowKey) => new(partition, rowKey) { ["Version"] = version, ["Policy"] = json, ["UpdatedAt"] = now.ToDateTimeOffset() };
            TableTransactionAction[] actions =
            [
                head.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, Row(pointer), head.Value!.ETag)
                    : new(TableTransactionActionType.Add, Row(pointer)),
                new(TableTransactionActionType.Add, Row($"v|{version:D10}")),
            ];
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                return new StoredTippingPolicy(version, policy, now);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < 20)
            {
                // Another PUT took this version first: read the pointer again.
            }
        }
    }

    // ---- Rows ----

    public static string StatusId(TipStatus status) => status switch
    {
        TipStatus.Pending => "pending",
        TipStatus.Settled => "settled",
        _ => "refunded",
    };

    public static string OutcomeId(TipOutcome outcome) => outcome switch
    {
        TipOutcome.Allowed => "allowed",
        TipOutcome.ConfirmationRequired => "confirmation_required",
        _ => "denied",
    };

    private static TipOutcome ParseOutcome(string? id) => id switch
    {
        "allowed" => TipOutcome.Allowed,
        "confirmation_required" => TipOutcome.ConfirmationRequired,
        _ => TipOutcome.Denied,
    };

    private static TipStatus ParseStatus(string? id) => id switch
    {
        "settled" => TipStatus.Settled,
        "refunded" => TipStatus.Refunded,
        _ => TipStatus.Pending,
    };

    private static string UserPartition(PlatformId platform, string userId) => $"{platform.Value}|user|{userId}";

    private static string ClaimPartition(PlatformId platform, string tipId) => $"{platform.Value}|tip|{tipId}";

    private static string HostPartition(PlatformId platform, string hostId) => $"{platform.Value}|host|{hostId}";

    private static string PolicyPartition(PlatformId platform) => $"{platform.Value}|tipping-policy";

    /// <summary>Merge, so the profile properties stay; If-Match makes the read-decide-write atomic.</summary>
    private static TableTransactionAction CountersAction(string partition, TippingCounters c, ETag? read) => new(
        TableTransactionActionType.UpdateMerge,
        new TableEntity(partition, SingleRowKey.Of(UserKind, partition))
        {
            ["Day"] = LocalDatePattern.Iso.Format(c.Day),
            ["DayTotalFen"] = c.DayTotalFen,
            ["DayReminder"] = (int)c.DayReminder,
            ["Month"] = YearMonthPattern.Iso.Format(c.Month),
            ["MonthTotalFen"] = c.MonthTotalFen,
            ["MonthReminder"] = (int)c.MonthReminder,
        },
        read ?? throw new ArgumentException("Counters change only for a registered user, whose row was read with its ETag.", nameof(read)));

    private static TableEntity TipEntity(string partition, StoredTip t) => new(partition, TipPrefix + t.TipId)
    {
        ["TipId"] = t.TipId,
        ["UserId"] = t.UserId,
        ["HostId"] = t.HostId,
        ["RoomId"] = t.RoomId,
        ["AmountFen"] = t.AmountFen,
        ["Fingerprint"] = t.Fingerprint,
        ["DecidedAt"] = t.DecidedAt.ToDateTimeOffset(),
        ["Outcome"] = OutcomeId(t.Outcome),
        ["Body"] = t.Body,
        ["AllowedAt"] = t.AllowedAt?.ToDateTimeOffset(),
        ["SettlesAt"] = t.SettlesAt?.ToDateTimeOffset(),
        ["ConfirmationFingerprint"] = t.ConfirmationFingerprint,
        ["ConfirmationOutcome"] = t.ConfirmationOutcome is { } c ? OutcomeId(c) : null,
        ["ConfirmationBody"] = t.ConfirmationBody,
    };

    private static StoredTip ReadTip(TableEntity e) => new(
        e.GetString("TipId") ?? string.Empty,
        e.GetString("UserId") ?? string.Empty,
        e.GetString("HostId") ?? string.Empty,
        e.GetString("RoomId") ?? string.Empty,
        e.GetInt64("AmountFen") ?? 0,
        e.GetString("Fingerprint") ?? string.Empty,
        Instant.FromDateTimeOffset(e.GetDateTimeOffset("DecidedAt") ?? default),
        ParseOutcome(e.GetString("Outcome")),
        e.GetString("Body") ?? "{}",
        e.GetDateTimeOffset("AllowedAt") is { } allowed ? Instant.FromDateTimeOffset(allowed) : null,
        e.GetDateTimeOffset("SettlesAt") is { } settles ? Instant.FromDateTimeOffset(settles) : null,
        e.GetString("ConfirmationFingerprint"),
        e.GetString("ConfirmationOutcome") is { } c ? ParseOutcome(c) : null,
        e.GetString("ConfirmationBody"))
    {
        ETag = e.ETag,
    };

    private static TableEntity HostTipEntity(string partition, HostTip t) => new(partition, HostTipPrefix + t.TipId)
    {
        ["TipId"] = t.TipId,
        ["UserId"] = t.UserId,
        ["RoomId"] = t.RoomId,
        ["AmountFen"] = t.AmountFen,
        ["AllowedAt"] = t.AllowedAt.ToDateTimeOffset(),
        ["SettlesAt"] = t.SettlesAt.ToDateTimeOffset(),
        ["Status"] = StatusId(t.Status),
        ["SettledAt"] = t.SettledAt?.ToDateTimeOffset(),
        ["RefundedAt"] = t.RefundedAt?.ToDateTimeOffset(),
        ["SanctionId"] = t.SanctionId,
    };

    private static HostTip ReadHostTip(TableEntity e) => new(
        e.GetString("TipId") ?? string.Empty,
        e.GetString("UserId") ?? string.Empty,
        e.GetString("RoomId") ?? string.Empty,
        e.GetInt64("AmountFen") ?? 0,
        Instant.FromDateTimeOffset(e.GetDateTimeOffset("AllowedAt") ?? default),
        Instant.FromDateTimeOffset(e.GetDateTimeOffset("SettlesAt") ?? default),
        ParseStatus(e.GetString("Status")),
        e.GetDateTimeOffset("SettledAt") is { } s ? Instant.FromDateTimeOffset(s) : null,
        e.GetDateTimeOffset("RefundedAt") is { } r ? Instant.FromDateTimeOffset(r) : null,
        e.GetString("SanctionId"))
    {
        ETag = e.ETag,
    };

    private static StoredTippingPolicy ReadPolicy(TableEntity row) => new(
        row.GetInt32("Version") ?? 0,
        JsonSerializer.Deserialize<TippingPolicy>(row.GetString("Policy") ?? "{}", Json)!,
        row.GetDateTimeOffset("UpdatedAt") is { } at ? Instant.FromDateTimeOffset(at) : null);
}
