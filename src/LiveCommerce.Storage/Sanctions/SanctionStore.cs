using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Ratings;
using LiveCommerce.Domain.Sanctions;
using NodaTime;

namespace LiveCommerce.Storage.Sanctions;

/// <summary>An approved appeal: when, by which case, decided by whom.</summary>
public sealed record SanctionRevocation(Instant At, string CaseId, string RevokedBy);

/// <summary>
/// A sanction as imposed (never rewritten). <paramref name="BlacklistedSubjects"/> are the keyed hashes of the people
/// and entities a <c>blacklist</c> measure wrote an entry for (<see cref="BlacklistIdOf"/>), so an appeal can lift them.
/// With its revocation if an appeal was approved. Its status at any instant
/// is <see cref="Term"/>'s (<see cref="SanctionTerm.StatusAt"/>): computed, not stored.
/// </summary>
public sealed record SanctionRecord(
    string SanctionId,
    SanctionSubject Subject,
    SanctionMeasure Measure,
    string Reason,
    string Facts,
    Instant StartsAt,
    Instant? EndsAt,
    Instant ImposedAt,
    string ImposedBy,
    IReadOnlyList<string> BlacklistedSubjects,
    SanctionRevocation? Revocation = null)
{
    public SanctionTerm Term => new(Measure, StartsAt, EndsAt, Revocation?.At);

    /// <summary>The blacklist entry a blacklist measure writes: named after its sanction.</summary>
    public static string BlacklistIdOf(string sanctionId) => "bl_" + sanctionId;
}

/// <summary>
/// Sanctions in table <c>sanctions</c>, append-only: one partition per sanctioned subject
/// (<c>{platform}|{host|merchant|room}|{id}</c>) holds its sanctions (<c>sanction|{id}</c>), their revocations
/// (<c>revoked|{id}</c>) and the rejections of its review cases (<c>violation|{caseId}</c>), so a subject's history,
/// what is in force and its rating file are one partition query each. Every row is create-only; a later fact is a new
/// row. An id row (<c>{platform}|id|{sanctionId}</c>) finds a sanction's subject; it is written first, so a sanction
/// that has effect can always be found (and appealed) by its id.
/// </summary>
public sealed class SanctionStore(StorageClients clients)
{
    private const string SanctionPrefix = "sanction|";
    private const string RevokedPrefix = "revoked|";
    private const string ViolationPrefix = "violation|";

    private TableClient Table => clients.Table(StorageNames.SanctionsTable);

    public static string PartitionOf(PlatformId platform, SanctionSubject subject) => $"{platform.Value}|{subject.KindId}|{subject.Id}";

    /// <summary>Stores a new sanction. Repeating it with the same id (an idempotent retry) writes nothing more.</summary>
    public async Task ImposeAsync(PlatformId platform, SanctionRecord sanction, CancellationToken cancellationToken)
    {
        var index = IdPartition(platform, sanction.SanctionId);
        await Table.UpsertEntityAsync(
            new TableEntity(index, SingleRowKey.Of("sanction", index)) { ["Subject"] = sanction.Subject.KindId, ["SubjectId"] = sanction.Subject.Id },
            TableUpdateMode.Replace,
            cancellationToken);
        await AddOnceAsync(new TableEntity(PartitionOf(platform, sanction.Subject), SanctionPrefix + sanction.SanctionId)
        {
            ["Measure"] = SanctionLadder.Of(sanction.Measure).Id,
            ["Reason"] = sanction.Reason,
            ["Facts"] = sanction.Facts,
            ["StartsAt"] = sanction.StartsAt.ToDateTimeOffset(),
            ["EndsAt"] = sanction.EndsAt?.ToDateTimeOffset(),
            ["ImposedAt"] = sanction.ImposedAt.ToDateTimeOffset(),
            ["ImposedBy"] = sanction.ImposedBy,
            ["BlacklistedSubjects"] = string.Join(',', sanction.BlacklistedSubjects),
        }, cancellationToken);
    }

    /// <summary>Records that an approved appeal ended the sanction. The first revocation stands; a repeat writes nothing.</summary>
    public Task RevokeAsync(PlatformId platform, SanctionRecord sanction, SanctionRevocation revocation, CancellationToken cancellationToken) =>
        AddOnceAsync(new TableEntity(PartitionOf(platform, sanction.Subject), RevokedPrefix + sanction.SanctionId)
        {
            ["RevokedAt"] = revocation.At.ToDateTimeOffset(),
            ["CaseId"] = revocation.CaseId,
            ["RevokedBy"] = revocation.RevokedBy,
        }, cancellationToken);

    /// <summary>A review case of the subject was decided <c>rejected</c>: a violation on its rating file (once per case).</summary>
    public Task RecordViolationAsync(PlatformId platform, SanctionSubject subject, string caseId, Instant at, CancellationToken cancellationToken) =>
        AddOnceAsync(new TableEntity(PartitionOf(platform, subject), ViolationPrefix + caseId)
        {
            ["Kind"] = "case_rejected",
            ["At"] = at.ToDateTimeOffset(),
        }, cancellationToken);

    public async Task<SanctionRecord?> FindAsync(PlatformId platform, string sanctionId, CancellationToken cancellationToken)
    {
        var index = IdPartition(platform, sanctionId);
        var pointer = await Table.GetEntityIfExistsAsync<TableEntity>(index, SingleRowKey.Of("sanction", index), cancellationToken: cancellationToken);
        if (!pointer.HasValue || !SanctionSubject.TryParseKind(pointer.Value!.GetString("Subject") ?? string.Empty, out var kind))
        {
            return null;
        }

        var subject = new SanctionSubject(kind, pointer.Value.GetString("SubjectId") ?? string.Empty);
        var history = await HistoryAsync(platform, subject, cancellationToken);
        return history.FirstOrDefault(s => s.SanctionId == sanctionId);
    }

    /// <summary>Every sanction of the subject, oldest first, each with its revocation if any.</summary>
    public async Task<IReadOnlyList<SanctionRecord>> HistoryAsync(PlatformId platform, SanctionSubject subject, CancellationToken cancellationToken) =>
        (await ReadPartitionAsync(platform, subject, cancellationToken)).Sanctions;

    /// <summary>
    /// The sanctions of <paramref name="subject"/> in force at <paramref name="at"/> (started, not ended, not revoked),
    /// with any measure: callers ask the ladder what each does (<see cref="SanctionTerm.BlocksLiveAt"/>,
    /// <see cref="SanctionTerm.SuspendsTippingAt"/>). One partition query.
    /// </summary>
    public async Task<IReadOnlyList<SanctionRecord>> FindActiveAsync(PlatformId platform, SanctionSubject subject, Instant at, CancellationToken cancellationToken) =>
        [.. (await HistoryAsync(platform, subject, cancellationToken)).Where(s => s.Term.IsInForceAt(at))];

    /// <summary>The subject's violations for its rating file: sanctions not revoked on appeal, and rejected review cases.</summary>
    public async Task<IReadOnlyList<Violation>> ViolationsAsync(PlatformId platform, SanctionSubject subject, CancellationToken cancellationToken)
    {
        var (sanctions, violations) = await ReadPartitionAsync(platform, subject, cancellationToken);
        return
        [
            .. sanctions.Where(s => s.Revocation is null).Select(s => new Violation(ViolationKind.Sanction, s.ImposedAt, s.SanctionId)),
            .. violations,
        ];
    }

    private async Task<(List<SanctionRecord> Sanctions, List<Violation> Violations)> ReadPartitionAsync(PlatformId platform, SanctionSubject subject, CancellationToken cancellationToken)
    {
        var sanctions = new List<SanctionRecord>();
        var revocations = new Dictionary<string, SanctionRevocation>(StringComparer.Ordinal);
        var violations = new List<Violation>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(platform, subject)}");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (e.RowKey.StartsWith(SanctionPrefix, StringComparison.Ordinal) && SanctionLadder.TryParse(e.GetString("Measure") ?? string.Empty, out var measure))
            {
                sanctions.Add(new SanctionRecord(
                    e.RowKey[SanctionPrefix.Length..],
                    subject,
                    measure,
                    e.GetString("Reason") ?? string.Empty,
                    e.GetString("Facts") ?? string.Empty,
                    InstantOf(e, "StartsAt")!.Value,
                    InstantOf(e, "EndsAt"),
                    InstantOf(e, "ImposedAt")!.Value,
                    e.GetString("ImposedBy") ?? string.Empty,
                    (e.GetString("BlacklistedSubjects") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)));
            }
            else if (e.RowKey.StartsWith(RevokedPrefix, StringComparison.Ordinal))
            {
                revocations[e.RowKey[RevokedPrefix.Length..]] = new SanctionRevocation(InstantOf(e, "RevokedAt")!.Value, e.GetString("CaseId") ?? string.Empty, e.GetString("RevokedBy") ?? string.Empty);
            }
            else if (e.RowKey.StartsWith(ViolationPrefix, StringComparison.Ordinal))
            {
                violations.Add(new Violation(ViolationKind.CaseRejected, InstantOf(e, "At")!.Value, e.RowKey[ViolationPrefix.Length..]));
            }
        }

        return ([.. sanctions.Select(s => revocations.TryGetValue(s.SanctionId, out var r) ? s with { Revocation = r } : s).OrderBy(s => s.ImposedAt)], violations);
    }

    private async Task AddOnceAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Already recorded: history is append-only and the first fact stands.
        }
    }

    private static string IdPartition(PlatformId platform, string sanctionId) => $"{platform.Value}|id|{sanctionId}";

    private static Instant? InstantOf(TableEntity entity, string property) =>
        entity.GetDateTimeOffset(property) is { } value ? Instant.FromDateTimeOffset(value) : null;
}
