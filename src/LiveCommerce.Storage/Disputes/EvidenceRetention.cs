using LiveCommerce.Domain;
using LiveCommerce.Domain.Disputes;
using NodaTime;

namespace LiveCommerce.Storage.Disputes;

/// <summary>
/// Keeps each record's retention date current as the facts it depends on arrive (the live ends, a sale in it
/// completes), and indexes the date for the purge job.
/// </summary>
public sealed class EvidenceRetention(EvidenceStore store)
{
    /// <summary>How long a record of <paramref name="folder"/> is kept, by what is known now (one or two reads).</summary>
    public async Task<Func<EvidenceRecord, LocalDate?>> RuleForAsync(EvidenceFolder folder, CancellationToken cancellationToken)
    {
        if (folder.Scope == EvidenceScope.LiveSession)
        {
            var facts = await store.SessionFactsAsync(folder, cancellationToken);
            return record => RecordRetention.ForSessionRecord(record.Kind, record.Span, facts);
        }

        var order = await store.FindOrderTimelineAsync(folder, cancellationToken);
        var completedOn = order?.CompletedAt is { } completed ? ChinaTime.DateOf(completed) : (LocalDate?)null;
        return record => RecordRetention.ForOrderRecord(record.Kind, completedOn);
    }

    /// <summary>Recomputes the retention of the folder's records (those <paramref name="which"/> selects), storing and indexing what changed.</summary>
    public async Task RefreshAsync(EvidenceFolder folder, Func<EvidenceRecord, bool>? which, CancellationToken cancellationToken)
    {
        var rule = await RuleForAsync(folder, cancellationToken);
        var changed = (await store.ListRecordsAsync(folder, cancellationToken))
            .Where(r => r.PurgedAt is null && (which is null || which(r)))
            .Select(r => (Record: r, Now: rule(r)))
            .Where(r => r.Now != r.Record.RetainUntil)
            .Select(r => r.Record with { RetainUntil = r.Now })
            .ToList();
        await store.SetRetentionAsync(folder, changed, cancellationToken);
        await store.HintAsync(folder, changed, cancellationToken);
    }
}
