using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Disputes;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Storage.Disputes;

/// <summary>Content written to an evidence blob: its SHA-256 (lower-case hex) and size.</summary>
public sealed record StoredContent(string Sha256, long Size);

/// <summary>A due entry of the purge index: which record to re-examine.</summary>
public sealed record RetentionHint(string PartitionKey, string RowKey, EvidenceFolder Folder, EvidenceRecordKind Kind, string RecordId);

/// <summary>
/// Pushed dispute evidence. Content in container <c>evidence</c> (create-only, hashed while it streams through a
/// fixed buffer); rows in table <c>disputes</c>, one partition per folder (<see cref="EvidenceFolder.Partition"/>):
/// the folder's <c>timeline|{partition}</c>, its <c>record|{kind}|{id}</c> rows and, for a live session, one
/// <c>sale|{orderId}</c> row per order bought in it. Partitions <c>retention|{date}</c> index which records may be
/// purgeable from that date; they are hints, re-checked before anything is deleted.
/// </summary>
public sealed class EvidenceStore(StorageClients clients)
{
    private const string TimelineKind = "timeline";
    private const string RecordPrefix = "record|";
    private const string SalePrefix = "sale|";
    private const string HintPrefix = "retention|";

    private TableClient Table => clients.Table(StorageNames.DisputesTable);

    private BlobContainerClient Evidence => clients.Container(StorageNames.EvidenceContainer);

    public async Task<EvidenceRecord?> FindRecordAsync(EvidenceFolder folder, EvidenceRecordKind kind, string recordId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(folder.Partition, RecordRow(kind, recordId), cancellationToken: cancellationToken);
        return row.HasValue ? RecordOf(row.Value!, folder.Scope) : null;
    }

    public async Task<IReadOnlyList<EvidenceRecord>> ListRecordsAsync(EvidenceFolder folder, CancellationToken cancellationToken)
    {
        var records = new List<EvidenceRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {folder.Partition} and RowKey ge {RecordPrefix} and RowKey lt {"record}"}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            records.Add(RecordOf(row, folder.Scope));
        }

        return records;
    }

    /// <summary>
    /// Streams <paramref name="content"/> into the blob (<see cref="CreateOnlyBlobStream"/>: a few pooled blocks,
    /// hashed as they pass) and commits it only if the blob does not exist yet. Content refused (digest, size) is
    /// never committed.
    /// </summary>
    public async Task<ContentWrite> WriteContentAsync(
        string blobName, Stream content, string contentType, string? expectedSha256, long maxBytes, CancellationToken cancellationToken)
    {
        var blob = Evidence.GetBlockBlobClient(blobName);
        await using var target = new CreateOnlyBlobStream(blob, cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                if (target.Length + read > maxBytes)
                {
                    return new ContentWrite.TooLarge();
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (target.Length == 0)
        {
            return new ContentWrite.Empty();
        }

        var sha256 = await target.CompleteAsync();
        if (expectedSha256 is not null && !string.Equals(expectedSha256, sha256, StringComparison.Ordinal))
        {
            return new ContentWrite.DigestMismatch(sha256);
        }

        if (await target.CommitAsync(contentType, new Dictionary<string, string> { ["sha256"] = sha256 }))
        {
            return new ContentWrite.Written(new StoredContent(sha256, target.Length));
        }

        // Written before: by a concurrent request, or by an attempt that failed before recording its row.
        var existing = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        return new ContentWrite.Existed(new StoredContent(existing.Value.Metadata.TryGetValue("sha256", out var stored) ? stored : string.Empty, existing.Value.ContentLength), sha256);
    }

    /// <summary>Reads <paramref name="content"/> to its end only to hash it (a re-sent record compared with the stored one).</summary>
    public static async Task<StoredContent?> HashAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        long size = 0;
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, 64 * 1024), cancellationToken)) > 0)
            {
                size += read;
                if (size > maxBytes)
                {
                    return null;
                }

                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new StoredContent(Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    /// <summary>Adds the record's row, create-only. False when a row for it exists already.</summary>
    public async Task<bool> AddRecordAsync(EvidenceFolder folder, EvidenceRecord record, CancellationToken cancellationToken)
    {
        var row = new TableEntity(folder.Partition, RecordRow(record.Kind, record.RecordId))
        {
            ["Kind"] = record.Kind.Id,
            ["RecordId"] = record.RecordId,
            ["BlobName"] = record.BlobName,
            ["Sha256"] = record.Sha256,
            ["Size"] = record.Size,
            ["ContentType"] = record.ContentType,
            ["Start"] = record.Start?.ToDateTimeOffset(),
            ["End"] = record.End?.ToDateTimeOffset(),
            ["ReceivedAt"] = record.ReceivedAt.ToDateTimeOffset(),
            ["RetainUntil"] = DateText(record.RetainUntil),
        };
        try
        {
            await Table.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Stores recomputed retention dates (records of one folder), 100 rows per transaction.</summary>
    public async Task SetRetentionAsync(EvidenceFolder folder, IEnumerable<EvidenceRecord> records, CancellationToken cancellationToken)
    {
        foreach (var batch in records.Chunk(100))
        {
            await Table.SubmitTransactionAsync(
                batch.Select(r => new TableTransactionAction(
                    TableTransactionActionType.UpdateMerge,
                    new TableEntity(folder.Partition, RecordRow(r.Kind, r.RecordId)) { ["RetainUntil"] = DateText(r.RetainUntil) })),
                cancellationToken);
        }
    }

    /// <summary>Indexes each record under the first day it may be purged (records whose end of retention is known).</summary>
    public async Task HintAsync(EvidenceFolder folder, IEnumerable<EvidenceRecord> records, CancellationToken cancellationToken)
    {
        var byDay = records
            .Where(r => r.RetainUntil is not null)
            .GroupBy(r => HintPrefix + DateText(RecordRetention.PurgeFrom(r.RetainUntil)));
        foreach (var day in byDay)
        {
            foreach (var batch in day.Chunk(100))
            {
                await Table.SubmitTransactionAsync(
                    batch.Select(r => new TableTransactionAction(
                        TableTransactionActionType.UpsertReplace,
                        new TableEntity(day.Key, $"{folder.Partition}|{r.Kind.Id}|{r.RecordId}"))),
                    cancellationToken);
            }
        }
    }

    /// <summary>Index entries due on or before <paramref name="today"/>, oldest first.</summary>
    public async IAsyncEnumerable<RetentionHint> DueHintsAsync(LocalDate today, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {HintPrefix} and PartitionKey le {HintPrefix + DateText(today)}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            // {platform}|{segment}|{scopeId}|{kind}|{recordId}; none of these contains '|'.
            var parts = row.RowKey.Split('|');
            if (parts.Length == 5 && PlatformId.TryParse(parts[0], out var platform))
            {
                var scope = parts[1] == "order" ? EvidenceScope.Order : EvidenceScope.LiveSession;
                if (EvidenceRecordKind.TryParse(parts[3], scope, out var kind))
                {
                    yield return new RetentionHint(row.PartitionKey, row.RowKey, new EvidenceFolder(platform, scope, parts[2]), kind, parts[4]);
                }
            }
        }
    }

    public async Task RemoveHintAsync(RetentionHint hint, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(hint.PartitionKey, hint.RowKey, ETag.All, cancellationToken);

    /// <summary>
    /// Claims a record for purging, only if its row is unchanged since it was read (a concurrent retention update
    /// wins, and the record is looked at again on the next run).
    /// </summary>
    public async Task<bool> ClaimForPurgeAsync(EvidenceFolder folder, EvidenceRecord record, Instant now, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(
                new TableEntity(folder.Partition, RecordRow(record.Kind, record.RecordId)) { ["PurgeClaimedAt"] = now.ToDateTimeOffset() },
                record.ETag,
                TableUpdateMode.Merge,
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Deletes a record's content (if still there).</summary>
    public async Task DeleteContentAsync(string blobName, CancellationToken cancellationToken) =>
        await Evidence.GetBlobClient(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    /// <summary>Keeps the row of a purged record, with when it was purged.</summary>
    public async Task MarkPurgedAsync(EvidenceFolder folder, EvidenceRecord record, Instant now, CancellationToken cancellationToken) =>
        await Table.UpdateEntityAsync(
            new TableEntity(folder.Partition, RecordRow(record.Kind, record.RecordId)) { ["PurgedAt"] = now.ToDateTimeOffset() },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken);

    /// <summary>Opens a record's stored content for reading.</summary>
    public async Task<Stream> OpenContentAsync(string blobName, CancellationToken cancellationToken) =>
        await Evidence.GetBlobClient(blobName).OpenReadAsync(cancellationToken: cancellationToken);

    public async Task<SessionTimeline?> FindSessionTimelineAsync(EvidenceFolder folder, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(folder.Partition, TimelineRow(folder), cancellationToken: cancellationToken);
        return row.HasValue ? SessionTimelineOf(row.Value!) : null;
    }

    public async Task<OrderTimeline?> FindOrderTimelineAsync(EvidenceFolder folder, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(folder.Partition, TimelineRow(folder), cancellationToken: cancellationToken);
        return row.HasValue ? OrderTimelineOf(row.Value!) : null;
    }

    /// <summary>Creates or updates a session's timeline, only if unchanged since read (its ETag). False on a race.</summary>
    public Task<bool> SaveSessionTimelineAsync(EvidenceFolder folder, SessionTimeline timeline, CancellationToken cancellationToken) =>
        SaveTimelineAsync(
            new TableEntity(folder.Partition, TimelineRow(folder))
            {
                ["RoomId"] = timeline.RoomId,
                ["MerchantId"] = timeline.MerchantId,
                ["HostIds"] = string.Join(",", timeline.HostIds),
                ["EndedAt"] = timeline.EndedAt?.ToDateTimeOffset(),
                ["KeyRoom"] = timeline.IsKeyRoom,
            },
            timeline.ETag,
            cancellationToken);

    public Task<bool> SaveOrderTimelineAsync(EvidenceFolder folder, OrderTimeline timeline, CancellationToken cancellationToken) =>
        SaveTimelineAsync(
            new TableEntity(folder.Partition, TimelineRow(folder))
            {
                ["SessionId"] = timeline.SessionId,
                ["Sku"] = timeline.Sku,
                ["PurchasedAt"] = timeline.PurchasedAt?.ToDateTimeOffset(),
                ["CompletedAt"] = timeline.CompletedAt?.ToDateTimeOffset(),
            },
            timeline.ETag,
            cancellationToken);

    /// <summary>Records in the session's partition that an order was bought during it (and when it completed).</summary>
    public async Task RecordSaleAsync(EvidenceFolder session, string orderId, Instant purchasedAt, LocalDate? completedOn, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(
            new TableEntity(session.Partition, SalePrefix + orderId)
            {
                ["PurchasedAt"] = purchasedAt.ToDateTimeOffset(),
                ["CompletedOn"] = DateText(completedOn),
            },
            TableUpdateMode.Replace,
            cancellationToken);

    /// <summary>What the retention of a session's records depends on: its timeline and its sales, in one query.</summary>
    public async Task<SessionRetentionFacts> SessionFactsAsync(EvidenceFolder session, CancellationToken cancellationToken)
    {
        var timelineRow = TimelineRow(session);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {session.Partition} and (RowKey eq {timelineRow} or (RowKey ge {SalePrefix} and RowKey lt {"sale}"}))");
        SessionTimeline? timeline = null;
        var sales = new List<SessionSale>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == timelineRow)
            {
                timeline = SessionTimelineOf(row);
            }
            else
            {
                sales.Add(new SessionSale(Instant.FromDateTimeOffset(row.GetDateTimeOffset("PurchasedAt")!.Value), DateOf(row.GetString("CompletedOn"))));
            }
        }

        return new SessionRetentionFacts(
            timeline?.EndedAt is { } ended ? ChinaTime.DateOf(ended) : null,
            timeline?.IsKeyRoom ?? false,
            sales);
    }

    private async Task<bool> SaveTimelineAsync(TableEntity entity, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            if (etag == default)
            {
                await Table.AddEntityAsync(entity, cancellationToken);
            }
            else
            {
                await Table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private static string RecordRow(EvidenceRecordKind kind, string recordId) => $"{RecordPrefix}{kind.Id}|{recordId}";

    private static string TimelineRow(EvidenceFolder folder) => SingleRowKey.Of(TimelineKind, folder.Partition);

    // "" stands for "not known yet": a merge cannot remove a property.
    private static string DateText(LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : string.Empty;

    private static LocalDate? DateOf(string? text) => string.IsNullOrEmpty(text) ? null : LocalDatePattern.Iso.Parse(text).Value;

    private static Instant? InstantOf(TableEntity row, string name) =>
        row.GetDateTimeOffset(name) is { } value ? Instant.FromDateTimeOffset(value) : null;

    private static EvidenceRecord RecordOf(TableEntity row, EvidenceScope scope)
    {
        var kindId = row.GetString("Kind") ?? string.Empty;
        if (!EvidenceRecordKind.TryParse(kindId, scope, out var kind))
        {
            throw new InvalidOperationException($"Stored record {row.PartitionKey}/{row.RowKey} has an unknown kind '{kindId}'.");
        }

        return new EvidenceRecord(
            kind,
            row.GetString("RecordId") ?? string.Empty,
            row.GetString("BlobName") ?? string.Empty,
            row.GetString("Sha256") ?? string.Empty,
            row.GetInt64("Size") ?? 0,
            row.GetString("ContentType") ?? "application/octet-stream",
            InstantOf(row, "Start"),
            InstantOf(row, "End"),
            InstantOf(row, "ReceivedAt")!.Value,
            DateOf(row.GetString("RetainUntil")),
            InstantOf(row, "PurgedAt"),
            row.ETag);
    }

    private static SessionTimeline SessionTimelineOf(TableEntity row) => new(
        row.GetString("RoomId"),
        row.GetString("MerchantId"),
        (row.GetString("HostIds") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        InstantOf(row, "EndedAt"),
        row.GetBoolean("KeyRoom") ?? false,
        row.ETag);

    private static OrderTimeline OrderTimelineOf(TableEntity row) => new(
        row.GetString("SessionId"),
        row.GetString("Sku"),
        InstantOf(row, "PurchasedAt"),
        InstantOf(row, "CompletedAt"),
        row.ETag);
}

/// <summary>What writing a record's content came to.</summary>
public abstract record ContentWrite
{
    private ContentWrite()
    {
    }

    public sealed record Written(StoredContent Content) : ContentWrite;

    /// <summary>The blob existed already: its stored content, and the hash of what was just sent.</summary>
    public sealed record Existed(StoredContent Content, string SentSha256) : ContentWrite;

    public sealed record DigestMismatch(string Sha256) : ContentWrite;

    public sealed record TooLarge : ContentWrite;

    public sealed record Empty : ContentWrite;
}
