using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using LiveCommerce.Storage.Idempotency;
using NodaTime;

namespace LiveCommerce.Storage.Identity;

/// <summary>Which account a qualification check is about.</summary>
public enum SubjectKind
{
    Merchant,
    Host,
}

/// <summary>A stored review record: the decision exactly as answered, plus the columns later checks query.</summary>
public sealed record CheckRecord(string CheckId, string Body, string Outcome, Instant CheckedAt, Instant? ValidUntil, string RuleSetVersion);

/// <summary>
/// An account's current standing: the latest decision, which subjects it stands for, and (for merchants) the
/// licences it relied on, so screening and pre-live checks need one point read.
/// </summary>
public sealed record StandingRecord(
    string CheckId,
    string Outcome,
    Instant CheckedAt,
    Instant? ValidUntil,
    string? SubjectHash,
    string? RepresentativeHash,
    string? LicencesJson);

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
    private const string SubjectRow = "subject";
    private const string StandingRow = "current";

    /// <summary>Stands for "no expiry" in storage, since a merge cannot remove an earlier expiry.</summary>
    internal static readonly Instant NoExpiry = Instant.FromUtc(9999, 12, 31, 0, 0);

    private TableClient Checks => clients.Table(StorageNames.QualificationTable);

    private TableClient Subjects => clients.Table(StorageNames.SubjectsTable);

    public static string PartitionOf(PlatformId platform, SubjectKind kind, string accountId) =>
        $"{platform.Value}|{(kind == SubjectKind.Merchant ? "merchant" : "host")}|{accountId}";

    public async Task<SubjectRecord?> FindSubjectAsync(PlatformId platform, string subjectHash, CancellationToken cancellationToken)
    {
        var found = await Subjects.GetEntityIfExistsAsync<TableEntity>(SubjectPartition(platform, subjectHash), SubjectRow, cancellationToken: cancellationToken);
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
            new(TableTransactionActionType.Add, new TableEntity(partition, "check|" + check.CheckId)
            {
                ["Body"] = check.Body,
                ["Outcome"] = check.Outcome,
                ["CheckedAt"] = check.CheckedAt.ToDateTimeOffset(),
                ["ValidUntil"] = check.ValidUntil?.ToDateTimeOffset(),
                ["RuleSetVersion"] = check.RuleSetVersion,
            }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, StandingRow)
            {
                ["CheckId"] = standing.CheckId,
                ["Outcome"] = standing.Outcome,
                ["CheckedAt"] = standing.CheckedAt.ToDateTimeOffset(),
                ["ValidUntil"] = standing.ValidUntil?.ToDateTimeOffset(),
                ["SubjectHash"] = standing.SubjectHash,
                ["RepresentativeHash"] = standing.RepresentativeHash,
                ["Licences"] = standing.LicencesJson,
            }),
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
            return IdempotencyRecord.Evaluate(stored.Value, idempotency.Fingerprint);
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
        var found = await Checks.GetEntityIfExistsAsync<TableEntity>(PartitionOf(platform, kind, accountId), StandingRow, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return null;
        }

        var e = found.Value!;
        return new StandingRecord(
            e.GetString("CheckId") ?? string.Empty,
            e.GetString("Outcome") ?? string.Empty,
            Instant.FromDateTimeOffset(e.GetDateTimeOffset("CheckedAt") ?? DateTimeOffset.MinValue),
            e.GetDateTimeOffset("ValidUntil") is { } until ? Instant.FromDateTimeOffset(until) : null,
            e.GetString("SubjectHash"),
            e.GetString("RepresentativeHash"),
            e.GetString("Licences"));
    }

    /// <summary>Keeps the name an approval verified for this ID number; a later, different name is NAME_MISMATCH.</summary>
    public async Task RecordVerifiedNameAsync(PlatformId platform, string subjectHash, string subjectType, string masked, string nameHash, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(SubjectPartition(platform, subjectHash), SubjectRow)
        {
            ["SubjectHash"] = subjectHash,
            ["SubjectType"] = subjectType,
            ["Masked"] = masked,
            ["VerifiedNameHash"] = nameHash,
        };
        try
        {
            await Subjects.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The subject exists (blacklisted, or verified concurrently): add the name only where none is kept yet.
            var current = await Subjects.GetEntityAsync<TableEntity>(entity.PartitionKey, SubjectRow, cancellationToken: cancellationToken);
            if (current.Value.GetString("VerifiedNameHash") is null)
            {
                await Subjects.UpdateEntityAsync(new TableEntity(entity.PartitionKey, SubjectRow) { ["VerifiedNameHash"] = nameHash }, current.Value.ETag, TableUpdateMode.Merge, cancellationToken);
            }
        }
    }

    /// <summary>Blacklists a subject (merge: a verified name kept for it stays).</summary>
    public async Task BlacklistAsync(PlatformId platform, string subjectHash, string subjectType, string masked, BlacklistEntry entry, CancellationToken cancellationToken)
    {
        await Subjects.UpsertEntityAsync(
            new TableEntity(SubjectPartition(platform, subjectHash), SubjectRow)
            {
                ["SubjectHash"] = subjectHash,
                ["SubjectType"] = subjectType,
                ["Masked"] = masked,
                ["BlacklistId"] = entry.BlacklistId,
                ["BlacklistReason"] = entry.Reason,
                ["BlacklistedAt"] = entry.BlacklistedAt.ToDateTimeOffset(),
                ["BlacklistExpiresAt"] = (entry.ExpiresAt ?? NoExpiry).ToDateTimeOffset(), // merge cannot clear a property
            },
            TableUpdateMode.Merge,
            cancellationToken);
    }

    private static string SubjectPartition(PlatformId platform, string subjectHash) => $"{platform.Value}|{subjectHash}";
}
