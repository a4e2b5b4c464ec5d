using Azure;
using LiveCommerce.Domain;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Storage.Disputes;

/// <summary>What one purge run did.</summary>
public sealed record EvidencePurgeReport(int Examined, int Purged, int Kept, int Held);

/// <summary>
/// Deletes the evidence whose retention has run out, and nothing earlier: each record found through the index is
/// judged again on the facts known now, and only if its last day to keep has passed (Asia/Shanghai) is its content
/// deleted. Its row stays, marked purged, so a bundle can say the item is gone by retention. The hosts run it on a
/// timer (the local host every <c>Disputes:PurgeInterval</c>; the Functions app daily).
/// </summary>
public sealed class EvidencePurge(EvidenceStore store, EvidenceRetention retention, TimeProvider clock, ILogger<EvidencePurge> logger)
{
    // A blob under a time-based immutability policy (infra: the evidence container in production) cannot be deleted
    // yet; look again this much later.
    private static readonly Period ImmutableRetry = Period.FromDays(30);

    public async Task<EvidencePurgeReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var today = ChinaTime.DateOf(now);
        var rules = new Dictionary<string, Func<EvidenceRecord, LocalDate?>>(StringComparer.Ordinal);
        int examined = 0, purged = 0, kept = 0, held = 0;

        await foreach (var hint in store.DueHintsAsync(today, cancellationToken))
        {
            examined++;
            var record = await store.FindRecordAsync(hint.Folder, hint.Kind, hint.RecordId, cancellationToken);
            if (record is null || record.PurgedAt is not null)
            {
                await store.RemoveHintAsync(hint, cancellationToken);
                continue;
            }

            if (!rules.TryGetValue(hint.Folder.Partition, out var rule))
            {
                rule = await retention.RuleForAsync(hint.Folder, cancellationToken);
                rules[hint.Folder.Partition] = rule;
            }

            var retainUntil = rule(record);
            if (retainUntil is not { } lastDay || today <= lastDay)
            {
                // Kept longer than the index said (a sale it shows, a later end): re-index it where it now belongs.
                if (retainUntil != record.RetainUntil)
                {
                    await retention.RefreshAsync(hint.Folder, r => r.RecordId == record.RecordId && r.Kind == record.Kind, cancellationToken);
                }

                await store.RemoveHintAsync(hint, cancellationToken);
                kept++;
                continue;
            }

            if (!await store.ClaimForPurgeAsync(hint.Folder, record, now, cancellationToken))
            {
                continue; // changed since read: judged again next run
            }

            try
            {
                await store.DeleteContentAsync(record.BlobName, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                logger.LogWarning("Evidence {Blob} is past its retention but still immutable: {Message}", record.BlobName, ex.Message);
                await store.HintAsync(hint.Folder, [record with { RetainUntil = today.Plus(ImmutableRetry) }], cancellationToken);
                await store.RemoveHintAsync(hint, cancellationToken);
                held++;
                continue;
            }

            await store.MarkPurgedAsync(hint.Folder, record, now, cancellationToken);
            await store.RemoveHintAsync(hint, cancellationToken);
            purged++;
            logger.LogInformation("Purged evidence {Blob}: kept until {RetainUntil}", record.BlobName, lastDay);
        }

        return new EvidencePurgeReport(examined, purged, kept, held);
    }
}
