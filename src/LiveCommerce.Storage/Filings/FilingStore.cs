using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Filings;
using LiveCommerce.Storage.Idempotency;
using LiveCommerce.Storage.Identity;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Storage.Filings;

/// <summary>The authority's receipt of a filing.</summary>
public sealed record FilingReceipt(string ReceiptNumber, Instant SubmittedAt, Instant RecordedAt);

/// <summary>
/// A themed-event filing as stored: <paramref name="Document"/> is what was recorded at creation (the request's
/// fields and the computed deadline, reminders and advance reports, as JSON); the status and the latest receipt
/// change later.
/// </summary>
public sealed record FilingRecord(
    string EventId,
    string Document,
    FilingDeadline Deadline,
    FilingStatus Status,
    Instant CreatedAt,
    FilingReceipt? Receipt,
    ETag ETag = default);

/// <summary>What a create-only write of a filing came to.</summary>
public abstract record FilingWrite
{
    private FilingWrite()
    {
    }

    public sealed record Committed : FilingWrite;

    /// <summary>The event already has a filing (and the request carried no key that created it).</summary>
    public sealed record AlreadyExists : FilingWrite;

    /// <summary>The filing changed since it was read; read it again and retry.</summary>
    public sealed record Stale : FilingWrite;

    /// <summary>The Idempotency-Key was used before: its first response, or a refusal.</summary>
    public sealed record Earlier(IdempotencyOutcome Outcome) : FilingWrite;
}

/// <summary>
/// Filings in table <c>filings</c>, one partition per platform and event (<c>{platform}|{eventId}</c>): the filing
/// (row <c>filing|{partition}</c>), every receipt recorded for it (append-only rows <c>receipt|…</c>) and the
/// idempotency records of its POSTs, each write one entity-group transaction.
/// </summary>
public sealed class FilingStore(StorageClients clients)
{
    private const string FilingKind = "filing";

    private TableClient Table => clients.Table(StorageNames.FilingsTable);

    public static string PartitionOf(PlatformId platform, string eventId) => $"{platform.Value}|{eventId}";

    private static string FilingRow(string partition) => SingleRowKey.Of(FilingKind, partition);

    public async Task<FilingRecord?> FindAsync(PlatformId platform, string eventId, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, eventId);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, FilingRow(partition), cancellationToken: cancellationToken);
        return row.HasValue ? RecordOf(row.Value!) : null;
    }

    /// <summary>
    /// The platform's filings whose deadline falls from <paramref name="from"/> to <paramref name="to"/>, at most
    /// <paramref name="max"/>: a range over the platform's partitions (they all start with <c>{platform}|</c>).
    /// </summary>
    public async Task<IReadOnlyList<FilingRecord>> ListByDeadlineAsync(PlatformId platform, LocalDate from, LocalDate to, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {platform.Value + "|"} and PartitionKey lt {platform.Value + "}"} and RowKey ge {FilingKind + "|"} and RowKey lt {FilingKind + "}"} and FilingDeadline ge {LocalDatePattern.Iso.Format(from)} and FilingDeadline le {LocalDatePattern.Iso.Format(to)}");
        var filings = new List<FilingRecord>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            filings.Add(RecordOf(row));
            if (filings.Count == max)
            {
                break;
            }
        }

        return filings;
    }

    /// <summary>Creates the filing, never overwriting one; the idempotency record commits with it.</summary>
    public async Task<FilingWrite> CreateAsync(
        PlatformId platform, FilingRecord filing, IdempotencyWrite? idempotency, StoredResponse response, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, filing.EventId);
        var entity = new TableEntity(partition, FilingRow(partition))
        {
            ["EventDate"] = LocalDatePattern.Iso.Format(filing.Deadline.EventDate),
            ["FilingDeadline"] = LocalDatePattern.Iso.Format(filing.Deadline.Date),
            ["WorkingDays"] = filing.Deadline.WorkingDays,
            ["Status"] = FilingStatusIds.Of(filing.Status),
            ["CreatedAt"] = filing.CreatedAt.ToDateTimeOffset(),
        };
        TableText.Write(entity, "Document", filing.Document);

        return await SubmitAsync(partition, [new(TableTransactionActionType.Add, entity)], idempotency, response, onConflict: new FilingWrite.AlreadyExists(), cancellationToken);
    }

    /// <summary>
    /// Records a receipt: the filing's new status and latest receipt (only if it has not changed since
    /// <paramref name="filing"/> was read), and an append-only receipt row, in one transaction.
    /// </summary>
    public async Task<FilingWrite> RecordReceiptAsync(
        PlatformId platform, FilingRecord filing, FilingReceipt receipt, FilingStatus status, IdempotencyWrite? idempotency, StoredResponse response, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, filing.EventId);
        var update = new TableEntity(partition, FilingRow(partition))
        {
            ["Status"] = FilingStatusIds.Of(status),
            ["ReceiptNumber"] = receipt.ReceiptNumber,
            ["SubmittedAt"] = receipt.SubmittedAt.ToDateTimeOffset(),
            ["ReceiptRecordedAt"] = receipt.RecordedAt.ToDateTimeOffset(),
            ETag = filing.ETag,
        };
        var history = new TableEntity(partition, $"receipt|{receipt.RecordedAt.ToUnixTimeTicks():D19}|{Guid.NewGuid():N}")
        {
            ["ReceiptNumber"] = receipt.ReceiptNumber,
            ["SubmittedAt"] = receipt.SubmittedAt.ToDateTimeOffset(),
            ["Status"] = FilingStatusIds.Of(status),
        };
        return await SubmitAsync(
            partition,
            [new(TableTransactionActionType.UpdateMerge, update, filing.ETag), new(TableTransactionActionType.Add, history)],
            idempotency,
            response,
            onConflict: new FilingWrite.Stale(),
            cancellationToken);
    }

    /// <summary>Marks an open filing late (the escalation); any other status stays. False when nothing changed.</summary>
    public async Task<bool> MarkLateAsync(PlatformId platform, string eventId, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, eventId);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var filing = await FindAsync(platform, eventId, cancellationToken);
            if (filing is null || filing.Status != FilingStatus.Open)
            {
                return false;
            }

            try
            {
                await Table.UpdateEntityAsync(
                    new TableEntity(partition, FilingRow(partition)) { ["Status"] = FilingStatusIds.Of(FilingStatus.Late) },
                    filing.ETag,
                    TableUpdateMode.Merge,
                    cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // A receipt came in meanwhile: read again.
            }
        }

        throw new InvalidOperationException($"The filing of event {eventId} kept changing; could not mark it late.");
    }

    private async Task<FilingWrite> SubmitAsync(
        string partition, List<TableTransactionAction> actions, IdempotencyWrite? idempotency, StoredResponse response, FilingWrite onConflict, CancellationToken cancellationToken)
    {
        // The idempotency record goes first: when the key was used before, that is the failure reported.
        if (idempotency is not null)
        {
            actions.Insert(0, new(TableTransactionActionType.Add, IdempotencyRecord.Create(partition, idempotency.Scope, idempotency.Key, idempotency.Fingerprint, response)));
        }

        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            return new FilingWrite.Committed();
        }
        catch (TableTransactionFailedException ex) when (idempotency is not null && ex.Status == 409 && ex.FailedTransactionActionIndex == 0)
        {
            var row = IdempotencyRecord.RowKey(idempotency.Scope, idempotency.Key);
            var stored = await Table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            return new FilingWrite.Earlier(IdempotencyRecord.Evaluate(stored.Value, idempotency.Fingerprint));
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return onConflict;
        }
    }

    private static FilingRecord RecordOf(TableEntity row)
    {
        var deadline = new FilingDeadline(
            LocalDatePattern.Iso.Parse(row.GetString("EventDate")).Value,
            LocalDatePattern.Iso.Parse(row.GetString("FilingDeadline")).Value,
            row.GetInt32("WorkingDays") ?? FilingDeadline.NrtaWorkingDays);
        var receipt = row.GetString("ReceiptNumber") is { } number
            ? new FilingReceipt(number, Instant.FromDateTimeOffset(row.GetDateTimeOffset("SubmittedAt")!.Value), Instant.FromDateTimeOffset(row.GetDateTimeOffset("ReceiptRecordedAt")!.Value))
            : null;
        return new FilingRecord(
            row.PartitionKey[(row.PartitionKey.IndexOf('|', StringComparison.Ordinal) + 1)..],
            TableText.Read(row, "Document") ?? "{}",
            deadline,
            FilingStatusIds.Parse(row.GetString("Status")),
            Instant.FromDateTimeOffset(row.GetDateTimeOffset("CreatedAt")!.Value),
            receipt,
            row.ETag);
    }
}
