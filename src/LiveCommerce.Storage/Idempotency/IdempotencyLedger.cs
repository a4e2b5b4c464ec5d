using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;

namespace LiveCommerce.Storage.Idempotency;

/// <summary>
/// Idempotency for POSTs whose resource partition depends on the body (so the record cannot share its transaction):
/// look the key up first, do the work, then record the response create-only. Two racing first attempts both run;
/// the handlers behind this ledger make their own side effects idempotent by deterministic ids.
/// </summary>
public sealed class IdempotencyLedger(StorageClients clients)
{
    private TableClient Table => clients.Table(StorageNames.IdempotencyTable);

    public async Task<IdempotencyOutcome?> FindAsync(PlatformId platform, string scope, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var row = IdempotencyRecord.RowKey(scope, key);
        var stored = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(platform, row), row, cancellationToken: cancellationToken);
        if (!stored.HasValue)
        {
            return null;
        }

        var outcome = IdempotencyRecord.Evaluate(stored.Value!, fingerprint);
        if (outcome is IdempotencyOutcome.Replay replay && IdempotencyRecord.BodyBlobOf(stored.Value!) is { } blob)
        {
            var body = await clients.Container(StorageNames.IdempotencyContainer).GetBlobClient(blob).DownloadContentAsync(cancellationToken);
            return new IdempotencyOutcome.Replay(replay.Response with { Body = body.Value.Content.ToString() });
        }

        return outcome;
    }

    /// <summary>Records the first response; when another attempt recorded first, returns what that one stored.</summary>
    public async Task<IdempotencyOutcome?> RecordAsync(PlatformId platform, string scope, string key, string fingerprint, StoredResponse response, CancellationToken cancellationToken)
    {
        var row = IdempotencyRecord.RowKey(scope, key);
        string? bodyBlob = null;
        if (!IdempotencyRecord.FitsInline(response))
        {
            // Large responses (a 10,000-item screening) are kept beside the record; the blob name carries no request data.
            bodyBlob = $"{platform.Value}/{row[5..]}-{Guid.NewGuid():N}.json";
            await clients.Container(StorageNames.IdempotencyContainer).GetBlobClient(bodyBlob).UploadIfAbsentAsync(BinaryData.FromString(response.Body), cancellationToken);
        }

        try
        {
            await Table.AddEntityAsync(IdempotencyRecord.Create(PartitionOf(platform, row), scope, key, fingerprint, response, bodyBlob), cancellationToken);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await FindAsync(platform, scope, key, fingerprint, cancellationToken);
        }
    }

    private static string PartitionOf(PlatformId platform, string rowKey) => $"{platform.Value}|{rowKey[5..9]}";
}
