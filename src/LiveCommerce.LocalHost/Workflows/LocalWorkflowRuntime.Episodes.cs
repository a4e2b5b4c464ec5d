using LiveCommerce.Workflows;

namespace LiveCommerce.LocalHost.Workflows;

/// <summary>Episodes: replay, store in one transaction, then start what the code waits on; finishing and reloading.</summary>
public sealed partial class LocalWorkflowRuntime
{
    private async Task RunEpisodesAsync()
    {
        try
        {
            while (await _ready.Reader.WaitToReadAsync(_stopping.Token))
            {
                while (!_stopping.IsCancellationRequested && _ready.Reader.TryRead(out var instance))
                {
                    await RunEpisodeAsync(instance);
                    if (instance.EndEpisode())
                    {
                        _ready.Writer.TryWrite(instance);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RunEpisodeAsync(RunningInstance instance)
    {
        var deliveries = instance.TakeMailbox();
        try
        {
            await RunEpisodeCoreAsync(instance, deliveries);
        }
        catch (Exception ex)
        {
            // The stored state is uncertain (a failed or conflicting write): drop the instance and reload it.
            _logger.LogWarning(ex, "An episode of workflow instance {InstanceId} failed; reloading it from storage.", instance.InstanceId);
            Discard(instance, deliveries);
        }
    }

    private async Task RunEpisodeCoreAsync(RunningInstance instance, List<Delivery> deliveries)
    {
        var record = instance.Record;
        if (record.IsFinished || instance.IsRetired)
        {
            deliveries.ForEach(d => d.Recorded?.TrySetResult());
            return;
        }

        var request = new ReplayRequest(
            record.InstanceId,
            record.Name,
            record.Input,
            instance.History,
            _time.GetUtcNow().UtcDateTime,
            deliveries.Where(d => d.Event is not null).Select(d => d.Event!).ToList());
        _registry.TryGetWorkflow(record.Name, out var registration);
        ReplayResult result;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            result = WorkflowReplay.Run(request, registration, scope.ServiceProvider, _loggerFactory);
        }

        instance.MarkRun();
        if (result.IsNonDeterministic && result.Outcome is WorkflowOutcome.Failed nonDeterministic)
        {
            _logger.LogError("Workflow instance {InstanceId} failed: {Message}", record.InstanceId, nonDeterministic.Failure.ErrorMessage);
        }

        var newEvents = result.NewEvents;
        if (result.Outcome is not null || result.CustomStatus != record.CustomStatus || newEvents.Any(e => e is not (EpisodeStarted or ActivityScheduled)))
        {
            var unstored = instance.History.Skip(instance.StoredCount).Concat(newEvents).ToList();
            var updated = record with
            {
                Status = result.Outcome switch
                {
                    WorkflowOutcome.Completed => WorkflowStatus.Completed,
                    WorkflowOutcome.Failed => WorkflowStatus.Failed,
                    _ => WorkflowStatus.Running,
                },
                LastUpdatedAt = _time.GetUtcNow(),
                CustomStatus = result.CustomStatus,
                Output = (result.Outcome as WorkflowOutcome.Completed)?.Output,
                Failure = (result.Outcome as WorkflowOutcome.Failed)?.Failure,
                EventCount = instance.StoredCount + unstored.Count,
            };
            instance.ETag = await _store.CommitAsync(updated, instance.ETag, instance.StoredCount, unstored, CancellationToken.None);
            instance.History.AddRange(newEvents);
            instance.StoredCount = instance.History.Count;
            instance.Record = updated;
        }
        else if (newEvents.Any(e => e is ActivityScheduled))
        {
            // Only new activities: they start now and are stored with their results (one write instead of two).
            instance.History.AddRange(newEvents);
        }

        deliveries.ForEach(d => d.Recorded?.TrySetResult());
        if (result.Outcome is not null)
        {
            Finish(instance);
        }
        else
        {
            StartAwaitedWork(instance, result);
        }
    }

    private void Finish(RunningInstance instance)
    {
        Forget(instance);
        foreach (var late in instance.Retire())
        {
            late.Recorded?.TrySetResult();
        }

        instance.DisarmTimers();
        _index.Remove(instance.InstanceId);
        var record = instance.Record;
        instance.Finished.TrySetResult(record.ToInstance());
        if (record.Status == WorkflowStatus.Failed)
        {
            _logger.LogWarning("Workflow {Name} {InstanceId} failed: {Failure}", record.Name, record.InstanceId, record.Failure);
        }
        else
        {
            _logger.LogDebug("Workflow {Name} {InstanceId} completed.", record.Name, record.InstanceId);
        }

        if (record.ParentInstanceId is { } parentId)
        {
            RunInBackground(async () =>
            {
                if (await GetLiveAsync(parentId, _stopping.Token) is { Record.IsFinished: false } parent)
                {
                    Deliver(parent, new Delivery(ResultFor(record.ParentTaskId, record)));
                }
            });
        }
    }

    private void Discard(RunningInstance instance, List<Delivery> deliveries)
    {
        Forget(instance);
        deliveries.AddRange(instance.Retire());
        instance.DisarmTimers();
        instance.Finished.TrySetCanceled();
        if (!_stopping.IsCancellationRequested)
        {
            RunInBackground(() => RedirectAsync(instance.InstanceId, deliveries));
        }
    }

    private void Forget(RunningInstance instance)
    {
        if (_live.TryGetValue(instance.InstanceId, out var entry) && entry.IsValueCreated
            && entry.Value.IsCompletedSuccessfully && entry.Value.Result == instance)
        {
            _live.TryRemove(KeyValuePair.Create(instance.InstanceId, entry));
        }
    }
}
