using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;

namespace LiveCommerce.LocalHost.Workflows;

/// <summary>
/// The ids of unfinished instances, one row each in a partition of their own, so start-up finds what to resume without
/// scanning history. Changes are group-committed: whatever queued while one transaction was in flight goes in the next
/// (up to 100 rows), so starting many instances at once costs a few writes, not one each.
/// </summary>
internal sealed class UnfinishedInstanceIndex(TableClient table, ILogger logger)
{
    /// <summary>Instance ids must not start with '!', so this partition never clashes with an instance's.</summary>
    public const string Partition = "!unfinished";

    private const int MaxBatch = 100;

    private readonly Channel<Change> _queued = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _writer;

    public void Start() => _writer = Task.Run(WriteLoopAsync);

    /// <summary>Adds the instance; completes once the row is stored (before the instance itself is created).</summary>
    public Task AddAsync(string instanceId)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new Change(instanceId, Add: true, stored));
        return stored.Task;
    }

    /// <summary>Removes a finished instance, in the background: a row left behind only costs a look at start-up.</summary>
    public void Remove(string instanceId) => Enqueue(new Change(instanceId, Add: false, null));

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.RowKey);
        }

        return ids;
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async Task StopAsync()
    {
        _queued.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }
    }

    private void Enqueue(Change change)
    {
        if (!_queued.Writer.TryWrite(change))
        {
            change.Stored?.TrySetException(new ObjectDisposedException(nameof(UnfinishedInstanceIndex)));
        }
    }

    private async Task WriteLoopAsync()
    {
        while (await _queued.Reader.WaitToReadAsync())
        {
            var changes = new List<Change>();
            while (_queued.Reader.TryRead(out var change))
            {
                changes.Add(change);
            }

            foreach (var batch in Batches(changes))
            {
                await WriteAsync(batch);
            }
        }
    }

    /// <summary>Batches in arrival order, each naming an instance at most once (a transaction may touch a row once).</summary>
    private static IEnumerable<List<Change>> Batches(List<Change> changes)
    {
        var batch = new List<Change>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (batch.Count == MaxBatch || !ids.Add(change.InstanceId))
            {
                yield return batch;
                batch = [];
                ids.Clear();
                ids.Add(change.InstanceId);
            }

            batch.Add(change);
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private async Task WriteAsync(List<Change> batch)
    {
        try
        {
            await table.SubmitTransactionAsync(batch.Select(Action));
            foreach (var change in batch)
            {
                change.Stored?.TrySetResult();
            }

            return;
        }
        catch (RequestFailedException)
        {
            // One bad change (a row already deleted) fails the whole batch: fall back to one write each.
        }
        catch (Exception ex)
        {
            Fail(batch, ex);
            return;
        }

        foreach (var change in batch)
        {
            try
            {
                if (change.Add)
                {
                    await table.UpsertEntityAsync(new TableEntity(Partition, change.InstanceId), TableUpdateMode.Replace);
                }
                else
                {
                    await table.DeleteEntityAsync(Partition, change.InstanceId, ETag.All);
                }

                change.Stored?.TrySetResult();
            }
            catch (Exception ex)
            {
                Fail([change], ex);
            }
        }
    }

    private void Fail(List<Change> changes, Exception ex)
    {
        logger.LogWarning(ex, "Could not update the unfinished-instance index for {Count} instance(s).", changes.Count);
        foreach (var change in changes)
        {
            change.Stored?.TrySetException(ex);
        }
    }

    private static TableTransactionAction Action(Change change) => change.Add
        ? new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, change.InstanceId))
        : new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, change.InstanceId), ETag.All);

    private sealed record Change(string InstanceId, bool Add, TaskCompletionSource? Stored);
}
