using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Storage.BackgroundChecks;
using LiveCommerce.Storage.Idempotency;
using NodaTime;

namespace LiveCommerce.Storage.Identity;

/// <summary>Which account a qualification check is about.</summary>
public enum SubjectKind
{
    Merchant,
    Host,
}

/// <summary>
/// A stored review record: the decision exactly as answered, plus the columns later checks query. A re-verification
/// names its <paramref name="Trigger"/> (<c>reverification</c>) and the <paramref name="CorrelationId"/> of its message.
/// </summary>
public sealed record CheckRecord(
    string CheckId, string Body, string Outcome, Instant CheckedAt, Instant? ValidUntil, string RuleSetVersion, string? Trigger = null, string? CorrelationId = null);

/// <summary>
/// An account's current standing: the latest decision, which subjects it stands for, and (for merchants) the
/// licences it relied on, so screening and pre-live checks need one point read. <paramref name="Snapshot"/>,
/// <paramref name="NameHash"/> (the keyed hash of the name the check was made under) and the subject hashes are
/// what a re-verification works from; <paramref name="LicenceExpiresAt"/> is what the daily sweep selects on.
/// </summary>
public sealed record StandingRecord(
    string CheckId,
    string Outcome,
    Instant CheckedAt,
    Instant? ValidUntil,
    string? SubjectHash,
    string? RepresentativeHash,
    string? LicencesJson,
    string? NameHash,
    QualificationSnapshot? Snapshot,
    Instant? LicenceExpiresAt)
{
    /// <summary>The row's version when read: a re-verification replaces the standing only if it is still this one.</summary>
    public ETag ETag { get; init; }
}

/// <summary>An approved account the daily sweep found due (see <see cref="ReverificationSchedule"/>).</summary>
public sealed record DueAccount(PlatformId Platform, SubjectKind Kind, string AccountId, ReverificationCause Cause);

/// <summary>What became of a re-verification's commit.</summary>
public enum ReverificationCommit
{
    Committed,

    /// <summary>The message was handled before: nothing was written.</summary>
    AlreadyProcessed,

    /// <summary>Another check replaced the standing since it was read: read it again and re-verify that one.</summary>
    StandingChanged,
}

/// <summary>An Idempotency-Key use to commit together with the resource it created.</summary>
public sealed record IdempotencyWrite(string Scope, string Key, string Fingerprint);

/// <summary>
/// Review records and standings in table <c>qualification</c>, partitioned by platform and account
/// (<c>{platform}|{kind}|{id}</c>): a check, the account's standing and the idempotency record commit in one
/// entity-group transaction. Subjects (blacklist, verified names) live in table <c>subjects</c>, one partition per
/// platform and keyed hash.
/// </summary>
public sealed class QualificationStore(StorageClients clients)
{
    private const string SubjectRowKind = "subject";
    private const string StandingRowKind = "standing";
    private const string MessageRowPrefix = "message|";
    private const string BlacklistRowPrefix = "blacklist|";

    /// <summary>Stands for "no expiry" in storage, since a merge cannot remove an earlier expiry.</summary>
    internal static readonly Instant NoExpiry = Instant.FromUtc(9999, 12, 31, 0, 0);

    private TableClient Checks => clients.Table(StorageNames.QualificationTable);

    private TableClient Subjects => clients.Table(StorageNames.SubjectsTable);

    public static string PartitionOf(PlatformId platform, SubjectKind kind, string accountId) =>
        $"{platform.Value}|{(kind == SubjectKind.Merchant ? "merchant" : "host")}|{accountId}";

    public async Task<SubjectRecord?> FindSubjectAsync(PlatformId platform, string subjectHash, CancellationToken cancellationToken)
    {
        var partition = SubjectPartition(platform, subjectHash);
        var found = await Subjects.GetEntityIfExistsAsync<TableEntity>(partition, SubjectRowOf(partition), cancellationToken: cancellationToken);
        return found.HasValue ? SubjectRecord.From(found.Value!) : null;
    }

    /// <summary>
    /// Stores the review record and the new standing in one transaction (create-only for the record). With an
    /// Idempotency-Key whose record already exists, nothing is written and the earlier outcome is returned.
    /// </summary>
    public async Task<IdempotencyOutcome?> CommitCheckAsync(
        PlatformId platform, SubjectKind kind, string accountId, CheckRecord check, StandingRecord standing, IdempotencyWrite? idempotency, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, kind, accountId);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, CheckEntity(partition, check)),
            new(TableTransactionActionType.UpsertReplace, StandingEntity(partition, standing)),
        };
        if (idempotency is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, IdempotencyRecord.Create(
                partition, idempotency.Scope, idempotency.Key, idempotency.Fingerprint, new StoredResponse(200, check.Body))));
        }

        try
        {
            await Checks.SubmitTransactionAsync(actions, cancellationToken);
            return null;
        }
        catch (TableTransactionFailedException ex) when (idempotency is not null && ex.Status == 409 && ex.FailedTransactionActionIndex == actions.Count - 1)
        {
            var row = IdempotencyRecord.RowKey(idempotency.Scope, idempotency.Key);
            var stored = await Checks.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            if (!IdempotencyRecord.IsExpired(stored.Value, DateTimeOffset.UtcNow))
            {
                return IdempotencyRecord.Evaluate(stored.Value, idempotency.Fingerprint);
            }

            // The key's record expired: the key is free again, and this check replaces it (conditional on the row read).
            actions[^1] = new(TableTransactionActionType.UpdateReplace, actions[^1].Entity, stored.Value.ETag);
            await Checks.SubmitTransactionAsync(actions, cancellationToken);
            return null;
        }
    }

    public async Task<string?> FindCheckBodyAsync(PlatformId platform, SubjectKind kind, string accountId, string checkId, CancellationToken cancellationToken)
    {
        var found = await Checks.GetEntityIfExistsAsync<TableEntity>(
            PartitionOf(platform, kind, accountId), "check|" + checkId, select: ["Body"], cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.GetString("Body") : null;
    }

    public async Task<StandingRecord?> FindStandingAsync(PlatformId platform, SubjectKind kind, string accountId, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, kind, accountId);
        var found = await Checks.GetEntityIfExistsAsync<TableEntity>(partition, StandingRowOf(partition), cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return null;
        }

        var e = found.Value!;
        return new StandingRecord(
            e.GetString("CheckId") ?? string.Empty,
            e.GetString("Outcome") ?? string.Empty,
            Instant.FromDateTimeOffset(e.GetDateTimeOffset("CheckedAt") ?? DateTimeOffset.MinValue),
            InstantOf(e, "ValidUntil"),
            e.GetString("SubjectHash"),
            e.GetString("RepresentativeHash"),
            e.GetString("Licences"),
            e.GetString("NameHash"),
            StoredSnapshot.Deserialize(e.GetString("Snapshot")),
            InstantOf(e, "LicenceExpiresAt"))
        {
            ETag = e.ETag,
        };
    }

    /// <summary>
    /// Stores a re-verification in one transaction: the processed-message row (create-only, keyed by the message id,
    /// so a re-delivered message writes nothing), the new review record, and the standing, replaced only if it is
    /// still the one read (<see cref="StandingRecord.ETag"/> of <paramref name="read"/>).
    /// </summary>
    public async Task<ReverificationCommit> CommitReverificationAsync(
        PlatformId platform, SubjectKind kind, string accountId, StandingRecord read, CheckRecord check, StandingRecord standing, string messageId, Instant processedAt, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, kind, accountId);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new TableEntity(partition, MessageRow(messageId))
            {
                ["MessageId"] = messageId,
                ["CorrelationId"] = check.CorrelationId,
                ["CheckId"] = check.CheckId,
                ["ProcessedAt"] = processedAt.ToDateTimeOffset(),
            }),
            new(TableTransactionActionType.Add, CheckEntity(partition, check)),
            new(TableTransactionActionType.UpdateReplace, StandingEntity(partition, standing), read.ETag),
        ];
        try
        {
            await Checks.SubmitTransactionAsync(actions, cancellationToken);
            return ReverificationCommit.Committed;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            // Which action failed decides nothing on its own: a re-delivery also finds the standing changed (by itself).
            var processed = await Checks.GetEntityIfExistsAsync<TableEntity>(partition, MessageRow(messageId), select: ["MessageId"], cancellationToken: cancellationToken);
            return processed.HasValue ? ReverificationCommit.AlreadyProcessed : ReverificationCommit.StandingChanged;
        }
    }

    /// <summary>
    /// Approved standings due for re-verification at <paramref name="at"/>, of one platform or of all: the table
    /// filter narrows to approvals ending or relying on a licence lapsing within the horizons, and
    /// <see cref="ReverificationSchedule"/> decides. One filtered scan a day; the filter runs in the table service.
    /// </summary>
    public async IAsyncEnumerable<DueAccount> FindDueForReverificationAsync(
        PlatformId? platform, Instant at, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var approvalsEnding = (at + ReverificationSchedule.ApprovalHorizon).ToDateTimeOffset();
        var licencesLapsing = (at + ReverificationSchedule.LicenceHorizon).ToDateTimeOffset();
        var filter = SingleRowKey.Filter(StandingRowKind) + " and " + TableClient.CreateQueryFilter(
            $"Outcome eq {"approved"} and (ValidUntil le {approvalsEnding} or LicenceExpiresAt le {licencesLapsing})");
        if (platform is { } only)
        {
            // '}' follows '|' in ASCII: the range holds exactly the partitions "{platform}|...".
            filter = TableClient.CreateQueryFilter($"PartitionKey ge {only.Value + "|"} and PartitionKey lt {only.Value + "}"}") + " and " + filter;
        }

        await foreach (var e in Checks.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "ValidUntil", "LicenceExpiresAt"], cancellationToken: cancellationToken))
        {
            var parts = e.PartitionKey.Split('|');
            if (parts.Length != 3 || !PlatformId.TryParse(parts[0], out var owner) || parts[1] is not ("merchant" or "host"))
            {
                continue;
            }

            if (ReverificationSchedule.CauseAt(Decision.Approved, InstantOf(e, "ValidUntil"), InstantOf(e, "LicenceExpiresAt"), at) is { } cause)
            {
                yield return new DueAccount(owner, parts[1] == "merchant" ? SubjectKind.Merchant : SubjectKind.Host, parts[2], cause);
            }
        }
    }

    /// <summary>
    /// Binds the name an approval is about to verify to this ID number, unless another name is bound already: a
    /// create-only insert, or a merge conditional on the ETag of a subject row without a name (a blacklisted subject).
    /// Of two concurrent first checks under different names exactly one wins; false tells the other NAME_MISMATCH.
    /// Called before the approval is committed, so an approval is never stored for a name that lost.
    /// </summary>
    public async Task<bool> TryBindVerifiedNameAsync(PlatformId platform, string subjectHash, string subjectType, string masked, string nameHash, CancellationToken cancellationToken)
    {
        var partition = SubjectPartition(platform, subjectHash);
        var row = SubjectRowOf(partition);
        while (true)
        {
            var found = await Subjects.GetEntityIfExistsAsync<TableEntity>(partition, row, select: ["VerifiedNameHash"], cancellationToken: cancellationToken);
            try
            {
                if (!found.HasValue)
                {
                    await Subjects.AddEntityAsync(
                        new TableEntity(partition, row)
                        {
                            ["SubjectHash"] = subjectHash,
                            ["SubjectType"] = subjectType,
                            ["Masked"] = masked,
                            ["VerifiedNameHash"] = nameHash,
                        },
                        cancellationToken);
                    return true;
                }

                if (found.Value!.GetString("VerifiedNameHash") is { } bound)
                {
                    return string.Equals(bound, nameHash, StringComparison.Ordinal);
                }

                await Subjects.UpdateEntityAsync(new TableEntity(partition, row) { ["VerifiedNameHash"] = nameHash }, found.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another writer got there first: read what it bound.
            }
        }
    }

    /// <summary>
    /// Blacklists a subject. Entries are a history: each is its own create-only row (<c>blacklist|{id}</c>) in the
    /// subject's partition, never changed or removed; the subject row keeps, for the one-read hot path, the latest
    /// end of any entry (a permanent one never ends). An entry only ever extends that end, by a merge conditional on
    /// the row read, so a shorter entry never shortens or erases an earlier one.
    /// </summary>
    public async Task BlacklistAsync(PlatformId platform, string subjectHash, string subjectType, string masked, BlacklistEntry entry, string decidedBy, CancellationToken cancellationToken)
    {
        var partition = SubjectPartition(platform, subjectHash);
        var until = (entry.ExpiresAt ?? NoExpiry).ToDateTimeOffset();
        await Subjects.AddEntityAsync(
            new TableEntity(partition, BlacklistRowPrefix + entry.BlacklistId)
            {
                ["Reason"] = entry.Reason,
                ["BlacklistedAt"] = entry.BlacklistedAt.ToDateTimeOffset(),
                ["ExpiresAt"] = until,
                ["DecidedBy"] = decidedBy,
            },
            cancellationToken);

        var row = SubjectRowOf(partition);
        var summary = new TableEntity(partition, row)
        {
            ["SubjectHash"] = subjectHash,
            ["SubjectType"] = subjectType,
            ["Masked"] = masked,
            ["BlacklistId"] = entry.BlacklistId,
            ["BlacklistReason"] = entry.Reason,
            ["BlacklistedAt"] = entry.BlacklistedAt.ToDateTimeOffset(),
            ["BlacklistExpiresAt"] = until,
        };
        while (true)
        {
            var found = await Subjects.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            try
            {
                if (!found.HasValue)
                {
                    await Subjects.AddEntityAsync(summary, cancellationToken);
                    return;
                }

                if (found.Value!.GetString("BlacklistId") is not null && found.Value.GetDateTimeOffset("BlacklistExpiresAt") is { } current && current >= until)
                {
                    return; // an earlier entry lasts at least as long: it stays the one in force
                }

                await Subjects.UpdateEntityAsync(summary, found.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another blacklisting or name binding changed the row: read it again.
            }
        }
    }

    /// <summary>Every blacklist entry of a subject, oldest first.</summary>
    public async Task<IReadOnlyList<(BlacklistEntry Entry, string DecidedBy)>> BlacklistHistoryAsync(PlatformId platform, string subjectHash, CancellationToken cancellationToken)
    {
        var partition = SubjectPartition(platform, subjectHash);
        var entries = new List<(BlacklistEntry, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {BlacklistRowPrefix} and RowKey lt {"blacklist}"}");
        await foreach (var e in Subjects.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var expires = Instant.FromDateTimeOffset(e.GetDateTimeOffset("ExpiresAt") ?? NoExpiry.ToDateTimeOffset());
            entries.Add((new BlacklistEntry(
                e.RowKey[BlacklistRowPrefix.Length..],
                e.GetString("Reason") ?? string.Empty,
                Instant.FromDateTimeOffset(e.GetDateTimeOffset("BlacklistedAt") ?? DateTimeOffset.MinValue),
                expires < NoExpiry ? expires : null), e.GetString("DecidedBy") ?? string.Empty));
        }

        return [.. entries.OrderBy(e => e.Item1.BlacklistedAt)];
    }

    private static string SubjectPartition(PlatformId platform, string subjectHash) => $"{platform.Value}|{subjectHash}";

    private static string SubjectRowOf(string partition) => SingleRowKey.Of(SubjectRowKind, partition);

    private static string StandingRowOf(string partition) => SingleRowKey.Of(StandingRowKind, partition);

    private static string MessageRow(string messageId) => MessageRowPrefix + ProcessedMessages.RowKeyOf(messageId);

    private static Instant? InstantOf(TableEntity entity, string property) =>
        entity.GetDateTimeOffset(property) is { } value ? Instant.FromDateTimeOffset(value) : null;

    private static TableEntity CheckEntity(string partition, CheckRecord check) => new(partition, "check|" + check.CheckId)
    {
        ["Body"] = check.Body,
        ["Outcome"] = check.Outcome,
        ["CheckedAt"] = check.CheckedAt.ToDateTimeOffset(),
        ["ValidUntil"] = check.ValidUntil?.ToDateTimeOffset(),
        ["RuleSetVersion"] = check.RuleSetVersion,
        ["Trigger"] = check.Trigger,
        ["CorrelationId"] = check.CorrelationId,
    };

    private static TableEntity StandingEntity(string partition, StandingRecord standing) => new(partition, StandingRowOf(partition))
    {
        ["CheckId"] = standing.CheckId,
        ["Outcome"] = standing.Outcome,
        ["CheckedAt"] = standing.CheckedAt.ToDateTimeOffset(),
        ["ValidUntil"] = standing.ValidUntil?.ToDateTimeOffset(),
        ["SubjectHash"] = standing.SubjectHash,
        ["RepresentativeHash"] = standing.RepresentativeHash,
        ["Licences"] = standing.LicencesJson,
        ["NameHash"] = standing.NameHash,
        ["Snapshot"] = standing.Snapshot is null ? null : StoredSnapshot.Serialize(standing.Snapshot),
        ["LicenceExpiresAt"] = standing.LicenceExpiresAt?.ToDateTimeOffset(),
    };
}
