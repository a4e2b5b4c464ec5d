using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LiveCommerce.Storage;
using LiveCommerce.Workflows;

namespace LiveCommerce.LocalHost.Workflows;

/// <summary>
/// An instance's durable state: one Table partition per instance (PartitionKey = instance id) holding the instance row
/// (<c>instance|{instanceId}</c>) and numbered history rows, with payloads over the inline limit in Blob storage under
/// the instance id. An episode's new events and the updated instance row are written in ONE entity-group transaction,
/// guarded by the instance row's ETag: that write is the episode's durability point.
/// </summary>
internal sealed class WorkflowHistoryStore(StorageClients storage, LocalWorkflowRuntimeOptions options)
{
    private const string InstanceRowKind = "instance";
    private const int ChunkLength = 30_000;  // characters per string property (a property holds 64 KiB of UTF-16)
    private const int ChunksPerRow = 14;     // an entity holds 1 MiB in all

    public TableClient Table { get; } = storage.Table(options.TableName);

    private BlobContainerClient Payloads { get; } = storage.Container(options.PayloadContainerName);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Table.CreateIfNotExistsAsync(cancellationToken);
        await Payloads.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Writes a new instance row; returns its ETag, or null when the instance already exists.</summary>
    public async Task<ETag?> TryCreateAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        if (IsLarge(record.Input))
        {
            await UploadAsync(InputBlob(record.InstanceId), record.Input!, cancellationToken);
        }

        try
        {
            var response = await Table.AddEntityAsync(ToEntity(record), cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task<InstanceRecord?> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(instanceId, InstanceRow(instanceId), cancellationToken: cancellationToken);
        return row.HasValue ? await FromEntityAsync(row.Value!, cancellationToken) : null;
    }

    /// <summary>The instance row and its whole history (one partition query, plus the blobs of large payloads).</summary>
    public async Task<StoredInstance?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        TableEntity? instanceRow = null;
        var instanceRowKey = InstanceRow(instanceId);
        var historyRows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey == instanceRowKey)
            {
                instanceRow = row;
            }
            else
            {
                historyRows.Add(row);
            }
        }

        if (instanceRow is null)
        {
            return null;
        }

        var record = await FromEntityAsync(instanceRow, cancellationToken);
        var decoded = historyRows
            .OrderBy(r => r.RowKey, StringComparer.Ordinal)
            .SelectMany(r => HistoryCodec.DecodeArray(JoinChunks(r)))
            .Take(record.EventCount)
            .ToList();
        var history = await Task.WhenAll(decoded.Select(async d => d.PayloadBlob is null
            ? d.Event
            : ((IPayloadEvent)d.Event).WithPayload(await DownloadAsync(d.PayloadBlob, cancellationToken))));
        return new StoredInstance(record, [.. history], instanceRow.ETag);
    }

    /// <summary>
    /// Appends <paramref name="events"/> (numbered from <paramref name="firstIndex"/>) and replaces the instance row, in
    /// one transaction that fails if anyone else wrote the instance since <paramref name="etag"/>. Returns the new ETag.
    /// </summary>
    public async Task<ETag> CommitAsync(InstanceRecord record, ETag etag, int firstIndex, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        var uploads = new List<Task>();
        var encoded = new List<string>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            string? blob = null;
            if (events[i] is IPayloadEvent { Payload: var payload } && IsLarge(payload))
            {
                blob = $"{record.InstanceId}/{firstIndex + i}.json";
                uploads.Add(UploadAsync(blob, payload!, cancellationToken));
            }

            encoded.Add(HistoryCodec.Encode(events[i], blob));
        }

        if (record.IsFinished && IsLarge(record.Output))
        {
            uploads.Add(UploadAsync(OutputBlob(record.InstanceId), record.Output!, cancellationToken));
        }

        await Task.WhenAll(uploads);

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, ToEntity(record), etag) };
        actions.AddRange(HistoryRows(record.InstanceId, firstIndex, encoded).Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
        var response = await Table.SubmitTransactionAsync(actions, cancellationToken);
        return response.Value[0].Headers.ETag ?? throw new InvalidOperationException("The instance row came back without an ETag.");
    }

    private bool IsLarge(string? payload) => payload?.Length > options.InlinePayloadLimit;

    private static string InstanceRow(string instanceId) => SingleRowKey.Of(InstanceRowKind, instanceId);

    private static string InputBlob(string instanceId) => $"{instanceId}/input.json";

    private static string OutputBlob(string instanceId) => $"{instanceId}/output.json";

    /// <summary>
    /// Rows keyed by their first event's index (<c>h{index:D8}|{instanceId}</c>: the indexes recur in every instance),
    /// each a JSON array of whole events split into string properties.
    /// </summary>
    private static IEnumerable<TableEntity> HistoryRows(string instanceId, int firstIndex, List<string> encoded)
    {
        var rowStart = 0;
        while (rowStart < encoded.Count)
        {
            var text = new StringBuilder("[");
            var rowEnd = rowStart;
            while (rowEnd < encoded.Count && (rowEnd == rowStart || text.Length + encoded[rowEnd].Length + 2 <= ChunkLength * ChunksPerRow))
            {
                text.Append(rowEnd == rowStart ? string.Empty : ",").Append(encoded[rowEnd]);
                rowEnd++;
            }

            var json = text.Append(']').ToString();
            var row = new TableEntity(instanceId, SingleRowKey.Of($"h{firstIndex + rowStart:D8}", instanceId)) { ["Events"] = rowEnd - rowStart };
            for (int chunk = 0, offset = 0; offset < json.Length; chunk++, offset += ChunkLength)
            {
                row[$"E{chunk}"] = json.Substring(offset, Math.Min(ChunkLength, json.Length - offset));
            }

            yield return row;
            rowStart = rowEnd;
        }
    }

    private static string JoinChunks(TableEntity row)
    {
        var json = new StringBuilder();
        for (var chunk = 0; row.GetString($"E{chunk}") is { } text; chunk++)
        {
            json.Append(text);
        }

        return json.ToString();
    }

    private TableEntity ToEntity(InstanceRecord record)
    {
        var entity = new TableEntity(record.InstanceId, InstanceRow(record.InstanceId))
        {
            ["Name"] = record.Name,
            ["Status"] = record.Status.ToString(),
            ["CreatedAt"] = record.CreatedAt,
            ["LastUpdatedAt"] = record.LastUpdatedAt,
            ["CustomStatus"] = record.CustomStatus,
            ["EventCount"] = record.EventCount,
            ["ParentInstanceId"] = record.ParentInstanceId,
            ["ParentTaskId"] = record.ParentTaskId,
        };
        Inline(entity, "Input", record.Input, InputBlob(record.InstanceId));
        Inline(entity, "Output", record.Output, OutputBlob(record.InstanceId));
        if (record.Failure is { } failure)
        {
            entity["FailureType"] = failure.ErrorType;
            entity["FailureMessage"] = HistoryCodec.Shorten(failure.ErrorMessage);
            entity["FailureStackTrace"] = failure.StackTrace is null ? null : HistoryCodec.Shorten(failure.StackTrace);
        }

        return entity;
    }

    private void Inline(TableEntity entity, string property, string? payload, string blob)
    {
        if (IsLarge(payload))
        {
            entity[property + "Blob"] = blob;
        }
        else
        {
            entity[property] = payload;
        }
    }

    private async Task<InstanceRecord> FromEntityAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        async Task<string?> PayloadAsync(string property) => entity.GetString(property + "Blob") is { } blob
            ? await DownloadAsync(blob, cancellationToken)
            : entity.GetString(property);

        var failureType = entity.GetString("FailureType");
        return new InstanceRecord(
            entity.PartitionKey,
            entity.GetString("Name"),
            Enum.Parse<WorkflowStatus>(entity.GetString("Status")),
            entity.GetDateTimeOffset("CreatedAt") ?? default,
            entity.GetDateTimeOffset("LastUpdatedAt") ?? default)
        {
            Input = await PayloadAsync("Input"),
            Output = await PayloadAsync("Output"),
            CustomStatus = entity.GetString("CustomStatus"),
            Failure = failureType is null ? null : new WorkflowFailureDetails(failureType, entity.GetString("FailureMessage") ?? string.Empty, entity.GetString("FailureStackTrace")),
            EventCount = entity.GetInt32("EventCount") ?? 0,
            ParentInstanceId = entity.GetString("ParentInstanceId"),
            ParentTaskId = entity.GetInt32("ParentTaskId") ?? 0,
        };
    }

    private Task UploadAsync(string blob, string payload, CancellationToken cancellationToken) =>
        Payloads.GetBlobClient(blob).UploadAsync(BinaryData.FromString(payload), overwrite: true, cancellationToken);

    private async Task<string> DownloadAsync(string blob, CancellationToken cancellationToken) =>
        (await Payloads.GetBlobClient(blob).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
}

/// <summary>What <see cref="WorkflowHistoryStore.LoadAsync"/> found: the row, the history, and the row's ETag for the next commit.</summary>
internal sealed record StoredInstance(InstanceRecord Record, List<HistoryEvent> History, ETag ETag);
