using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using Microsoft.Extensions.Configuration;

namespace LiveCommerce.Storage.Idempotency;

/// <summary>What claiming an Idempotency-Key found.</summary>
public abstract record IdempotencyClaim
{
    private IdempotencyClaim()
    {
    }

    /// <summary>This attempt runs the work; it completes or releases the claim with <see cref="Tag"/>.</summary>
    public sealed record Claimed(ETag Tag) : IdempotencyClaim;

    /// <summary>The key was used before: the first response, or a refusal for another body.</summary>
    public sealed record Earlier(IdempotencyOutcome Outcome) : IdempotencyClaim;

    /// <summary>Another attempt with this key and body is running now.</summary>
    public sealed record InProgress : IdempotencyClaim;
}

/// <summary>
/// Table <c>idempotency</c>: Idempotency-Keys of the POSTs that keep their record apart from their resource. An
/// attempt first claims its key (a create-only row marked in progress), so of two concurrent first attempts only one
/// runs the work; the other waits for its response or is told to retry. A record is replayed for
/// <c>Idempotency:RecordLifetime</c> (24 h by default) or until its response says (<see cref="StoredResponse.ReplayUntil"/>);
/// after that the key is free again. A claim whose attempt died is taken over after <see cref="ClaimLease"/>.
/// </summary>
public sealed class IdempotencyLedger(StorageClients clients, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>How long a claim holds its key without a response (longer than any request may run).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    private readonly TimeSpan _lifetime = configuration.GetValue("Idempotency:RecordLifetime", IdempotencyRecord.DefaultLifetime);

    private TableClient Table => clients.Table(StorageNames.IdempotencyTable);

    public async Task<IdempotencyClaim> ClaimAsync(PlatformId platform, string scope, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var row = IdempotencyRecord.RowKey(scope, key);
        var partition = PartitionOf(platform, row);
        while (true)
        {
            var now = clock.GetUtcNow();
            var claim = new TableEntity(partition, row)
            {
                ["Fingerprint"] = fingerprint,
                ["Status"] = IdempotencyRecord.InProgress,
                ["ClaimedUntil"] = now + ClaimLease,
                ["ExpiresAt"] = now + _lifetime,
            };
            try
            {
                var added = await Table.AddEntityAsync(claim, cancellationToken);
                return new IdempotencyClaim.Claimed(added.Headers.ETag ?? ETag.All);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }

            var stored = await Table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            if (!stored.HasValue)
            {
                continue; // released meanwhile
            }

            var existing = stored.Value!;
            var abandoned = existing.GetInt32("Status") == IdempotencyRecord.InProgress && existing.GetDateTimeOffset("ClaimedUntil") is { } until && until <= now;
            if (IdempotencyRecord.IsExpired(existing, now) || abandoned)
            {
                try
                {
                    var taken = await Table.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                    return new IdempotencyClaim.Claimed(taken.Headers.ETag ?? ETag.All);
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                {
                    continue;
                }
            }

            if (!string.Equals(existing.GetString("Fingerprint"), fingerprint, StringComparison.Ordinal))
            {
                return new IdempotencyClaim.Earlier(new IdempotencyOutcome.KeyReused());
            }

            if (existing.GetInt32("Status") == IdempotencyRecord.InProgress)
            {
                return new IdempotencyClaim.InProgress();
            }

            return new IdempotencyClaim.Earlier(await ReplayAsync(existing, fingerprint, cancellationToken));
        }
    }

    /// <summary>Keeps the first response in the claimed record (a claim taken over meanwhile keeps the other's).</summary>
    public async Task CompleteAsync(PlatformId platform, string scope, string key, string fingerprint, StoredResponse response, ETag claim, CancellationToken cancellationToken)
    {
        var row = IdempotencyRecord.RowKey(scope, key);
        string? bodyBlob = null;
        if (!IdempotencyRecord.FitsInline(response))
        {
            // Large responses (a 10,000-item screening) are kept beside the record; the blob name carries no request data.
            bodyBlob = $"{platform.Value}/{row[5..]}-{Guid.NewGuid():N}.json";
            await clients.Container(StorageNames.IdempotencyContainer).GetBlobClient(bodyBlob).UploadIfAbsentAsync(BinaryData.FromString(response.Body), cancellationToken);
        }

        var record = IdempotencyRecord.Create(PartitionOf(platform, row), scope, key, fingerprint, response, bodyBlob, clock.GetUtcNow() + _lifetime);
        try
        {
            await Table.UpdateEntityAsync(record, claim, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
        }
    }

    /// <summary>Frees the key after a response that is not kept (an error): a retry runs the work again.</summary>
    public async Task ReleaseAsync(PlatformId platform, string scope, string key, ETag claim, CancellationToken cancellationToken)
    {
        var row = IdempotencyRecord.RowKey(scope, key);
        try
        {
            await Table.DeleteEntityAsync(PartitionOf(platform, row), row, claim, CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
        }
    }

    private async Task<IdempotencyOutcome> ReplayAsync(TableEntity stored, string fingerprint, CancellationToken cancellationToken)
    {
        var outcome = IdempotencyRecord.Evaluate(stored, fingerprint);
        if (outcome is IdempotencyOutcome.Replay replay && IdempotencyRecord.BodyBlobOf(stored) is { } blob)
        {
            var body = await clients.Container(StorageNames.IdempotencyContainer).GetBlobClient(blob).DownloadContentAsync(cancellationToken);
            return new IdempotencyOutcome.Replay(replay.Response with { Body = body.Value.Content.ToString() });
        }

        return outcome;
    }

    private static string PartitionOf(PlatformId platform, string rowKey) => $"{platform.Value}|{rowKey[5..9]}";
}
