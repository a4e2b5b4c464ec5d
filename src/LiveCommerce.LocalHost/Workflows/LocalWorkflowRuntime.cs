using System.Collections.Concurrent;
using System.Threading.Channels;
using LiveCommerce.Storage;
using LiveCommerce.Workflows;

namespace LiveCommerce.LocalHost.Workflows;

/// <summary>
/// Runs the same orchestrators and activities as Durable Functions, in process, with history in Table storage.
/// <list type="bullet">
/// <item>An <em>episode</em> replays an instance's orchestrator from the start against its history plus what arrived
/// since (<see cref="WorkflowReplay"/>), stores the new events in one transaction, then starts the activities, timers
/// and sub-workflows the code now waits on. Episodes run one at a time per instance, many instances at once.</item>
/// <item>Activities run at least once: a result is stored with the next episode; an episode that only scheduled
/// activities is not stored on its own (those run again after a crash, which idempotent activities allow).</item>
/// <item>Retries are durable timers between attempts, as in Durable; timers are driven by <see cref="TimeProvider"/>.</item>
/// <item>External events are stored when they arrive and kept until a wait takes them.</item>
/// <item>On start-up every unfinished instance (from an index, not a history scan) is loaded and replayed: pending
/// activities run again, timers are re-armed, and code that no longer matches its history fails the instance.</item>
/// </list>
/// One runtime per table: the instance row's ETag makes a second writer fail rather than corrupt history.
/// </summary>
public sealed class LocalWorkflowRuntime : IWorkflowClient, IHostedService, IAsyncDisposable
{
    /// <summary>The table partition that lists unfinished instances (what start-up resumes).</summary>
    public const string UnfinishedIndexPartition = UnfinishedInstanceIndex.Partition;

    private static readonly TimeSpan LongestTimerWait = TimeSpan.FromDays(30); // System timers take at most ~49 days

    private readonly WorkflowHistoryStore _store;
    private readonly UnfinishedInstanceIndex _index;
    private readonly WorkflowRegistry _registry;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly LocalWorkflowRuntimeOptions _options;
    private readonly ConcurrentDictionary<string, Lazy<Task<RunningInstance?>>> _live = new(StringComparer.Ordinal);
    private readonly Channel<RunningInstance> _ready = Channel.CreateUnbounded<RunningInstance>();
    private readonly ConcurrentDictionary<Task, bool> _background = new();
    private readonly SemaphoreSlim _activitySlots;
    private readonly CancellationTokenSource _stopping = new();
    private Task[] _workers = [];
    private int _state; // 0 created, 1 started, 2 stopped

    public LocalWorkflowRuntime(
        StorageClients storage,
        WorkflowRegistry registry,
        IServiceScopeFactory scopes,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        LocalWorkflowRuntimeOptions options)
    {
        _store = new WorkflowHistoryStore(storage, options);
        _logger = loggerFactory.CreateLogger<LocalWorkflowRuntime>();
        _index = new UnfinishedInstanceIndex(_store.Table, _logger);
        _registry = registry;
        _scopes = scopes;
        _time = time;
        _loggerFactory = loggerFactory;
        _options = options;
        _activitySlots = new SemaphoreSlim(options.MaxConcurrentActivities);
    }

    /// <summary>Creates the table and container if needed, starts the episode workers, and resumes unfinished instances.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            return;
        }

        await _store.EnsureCreatedAsync(cancellationToken);
        _index.Start();
        _workers = Enumerable.Range(0, _options.MaxConcurrentEpisodes).Select(_ => Task.Run(RunEpisodesAsync)).ToArray();

        var unfinished = await _index.ListAsync(cancellationToken);
        var resumed = 0;
        await Parallel.ForEachAsync(unfinished, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, token) =>
        {
            var instance = await GetLiveAsync(id, token);
            if (instance is null || instance.Record.IsFinished)
            {
                _index.Remove(id); // it finished (or was never created) after its index row was written
            }
            else
            {
                Interlocked.Increment(ref resumed);
            }
        });
        if (resumed > 0)
        {
            _logger.LogInformation("Resumed {Count} unfinished workflow instance(s).", resumed);
        }
    }

    /// <summary>Lets running episodes store their results, cancels running activities (they run again on resume), and stops.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 2, 1) != 1)
        {
            Interlocked.CompareExchange(ref _state, 2, 0);
            return;
        }

        await _stopping.CancelAsync();
        _ready.Writer.TryComplete();
        await Task.WhenAll(_workers).WaitAsync(cancellationToken);
        foreach (var entry in _live.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.Result is { } instance)
            {
                instance.DisarmTimers();
                foreach (var delivery in instance.Retire())
                {
                    delivery.Recorded?.TrySetException(new OperationCanceledException("The workflow runtime stopped before storing this event."));
                }
            }
        }

        await Task.WhenAll(_background.Keys).WaitAsync(cancellationToken); // background work never throws
        await _index.StopAsync().WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
        _activitySlots.Dispose();
    }

    public async Task<bool> ScheduleNewAsync(string name, object? input, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        EnsureStarted();
        if (!IsValidInstanceId(instanceId))
        {
            throw new ArgumentException($"'{instanceId}' is not a valid instance id: 1-256 characters, not starting with '!', without / \\ # ? or control characters.", nameof(instanceId));
        }

        return await CreateInstanceAsync(name, input is null ? null : WorkflowJson.Serialize(input), instanceId, parent: null, cancellationToken);
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        EnsureStarted();
        var instance = IsValidInstanceId(instanceId) ? await GetLiveAsync(instanceId, cancellationToken) : null;
        if (instance is null || instance.Record.IsFinished)
        {
            _logger.LogWarning("Dropped event {EventName}: there is no unfinished workflow instance {InstanceId}.", eventName, instanceId);
            return;
        }

        var recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Deliver(instance, new Delivery(new EventRaised(eventName, payload is null ? null : WorkflowJson.Serialize(payload)), recorded));
        await recorded.Task.WaitAsync(cancellationToken);
    }

    public async Task<WorkflowInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        if (_live.TryGetValue(instanceId, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully
            && entry.Value.Result is { IsRetired: false } instance)
        {
            return instance.Snapshot();
        }

        return IsValidInstanceId(instanceId) ? (await _store.ReadAsync(instanceId, cancellationToken))?.ToInstance() : null;
    }

    public async Task<WorkflowInstance?> WaitForCompletionAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        EnsureStarted();
        if (!IsValidInstanceId(instanceId))
        {
            return null;
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var instance = await GetLiveAsync(instanceId, patience.Token);
                if (instance is null || instance.Record.IsFinished)
                {
                    return instance?.Record.ToInstance();
                }

                try
                {
                    return await instance.Finished.Task.WaitAsync(patience.Token);
                }
                catch (TaskCanceledException) when (!patience.IsCancellationRequested)
                {
                    // It was dropped from memory to be reloaded: wait for the reloaded one.
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await GetInstanceAsync(instanceId, cancellationToken);
        }
    }

    internal static bool IsValidInstanceId(string? instanceId) =>
        instanceId is { Length: > 0 and <= 256 } && instanceId[0] != '!'
        && !instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    private void EnsureStarted()
    {
        if (Volatile.Read(ref _state) != 1)
        {
            throw new InvalidOperationException("The local workflow runtime is not running (start it as a hosted service, or call StartAsync).");
        }
    }

    /// <summary>Writes the index row, then the instance row, then queues the first episode. False when the id exists.</summary>
    private async Task<bool> CreateInstanceAsync(string name, string? input, string instanceId, (string InstanceId, int TaskId)? parent, CancellationToken cancellationToken)
    {
        await _index.AddAsync(instanceId).WaitAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var record = new InstanceRecord(instanceId, name, WorkflowStatus.Pending, now, now)
        {
            Input = input,
            ParentInstanceId = parent?.InstanceId,
            ParentTaskId = parent?.TaskId ?? 0,
        };
        if (await _store.TryCreateAsync(record, cancellationToken) is not { } etag)
        {
            return false;
        }

        var instance = new RunningInstance(new StoredInstance(record, [], etag));
        var entry = new Lazy<Task<RunningInstance?>>(Task.FromResult<RunningInstance?>(instance));
        while (!_live.TryAdd(instanceId, entry))
        {
            // A load raced the creation (an event for this id, say). If it found the new row, it resumes it.
            if (_live.TryGetValue(instanceId, out var other) && await LoadedOrNullAsync(other) is not null)
            {
                return true;
            }

            if (other is not null)
            {
                _live.TryRemove(KeyValuePair.Create(instanceId, other));
            }
        }

        _logger.LogDebug("Started workflow {Name} as {InstanceId}.", name, instanceId);
        Deliver(instance, new Delivery(null));
        return true;
    }

    private static async Task<RunningInstance?> LoadedOrNullAsync(Lazy<Task<RunningInstance?>> entry)
    {
        try
        {
            return await entry.Value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// The instance in memory, loaded (and resumed) from storage when it is not; a finished instance is returned
    /// without being kept; null when there is no such instance.
    /// </summary>
    private async Task<RunningInstance?> GetLiveAsync(string instanceId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entry = _live.GetOrAdd(instanceId, id => new Lazy<Task<RunningInstance?>>(() => LoadAsync(id)));
            RunningInstance? instance;
            try
            {
                instance = await entry.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _live.TryRemove(KeyValuePair.Create(instanceId, entry));
                throw;
            }

            if (instance is { IsRetired: false, Record.IsFinished: false })
            {
                return instance;
            }

            _live.TryRemove(KeyValuePair.Create(instanceId, entry));
            if (instance is null || instance.Record.IsFinished)
            {
                return instance;
            }
        }
    }

    private async Task<RunningInstance?> LoadAsync(string instanceId)
    {
        var stored = await _store.LoadAsync(instanceId, _stopping.Token);
        if (stored is null)
        {
            return null;
        }

        var instance = new RunningInstance(stored);
        if (!stored.Record.IsFinished)
        {
            Deliver(instance, new Delivery(null)); // replay it: that restarts whatever it was waiting on
        }

        return instance;
    }

    private void Deliver(RunningInstance instance, Delivery delivery)
    {
        switch (instance.Deliver(delivery))
        {
            case DeliveryOutcome.Queued when !_ready.Writer.TryWrite(instance):
                delivery.Recorded?.TrySetException(new OperationCanceledException("The workflow runtime is stopping."));
                break;
            case DeliveryOutcome.Retired when instance.Record.IsFinished:
                delivery.Recorded?.TrySetResult(); // too late for a finished instance: dropped, as Durable does
                break;
            case DeliveryOutcome.Retired:
                RunInBackground(() => RedirectAsync(instance.InstanceId, [delivery]));
                break;
        }
    }

    private async Task RedirectAsync(string instanceId, IReadOnlyList<Delivery> deliveries)
    {
        try
        {
            var current = await GetLiveAsync(instanceId, _stopping.Token);
            foreach (var delivery in deliveries)
            {
                if (current is null || current.Record.IsFinished)
                {
                    delivery.Recorded?.TrySetResult();
                }
                else
                {
                    Deliver(current, delivery);
                }
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not reload workflow instance {InstanceId}.", instanceId);
            foreach (var delivery in deliveries)
            {
                delivery.Recorded?.TrySetException(ex);
            }
        }
    }

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

    /// <summary>Runs what the code waits on and is not yet running; forgets what has its result.</summary>
    private void StartAwaitedWork(RunningInstance instance, ReplayResult result)
    {
        var activities = result.Activities.Select(a => a.TaskId).ToHashSet();
        instance.RunningActivities.RemoveWhere(id => !activities.Contains(id));
        foreach (var activity in result.Activities.Where(a => instance.RunningActivities.Add(a.TaskId)))
        {
            RunInBackground(() => RunActivityAsync(instance, activity));
        }

        var timers = result.Timers.Select(t => t.TaskId).ToHashSet();
        foreach (var done in instance.ArmedTimers.Keys.Where(id => !timers.Contains(id)).ToList())
        {
            instance.ArmedTimers.Remove(done, out var timer);
            timer?.Dispose();
        }

        foreach (var timer in result.Timers.Where(t => !instance.ArmedTimers.ContainsKey(t.TaskId)))
        {
            instance.ArmedTimers[timer.TaskId] = Arm(instance, timer);
        }

        var children = result.SubWorkflows.Select(c => c.TaskId).ToHashSet();
        instance.StartedSubWorkflows.RemoveWhere(id => !children.Contains(id));
        foreach (var child in result.SubWorkflows.Where(c => instance.StartedSubWorkflows.Add(c.TaskId)))
        {
            RunInBackground(() => StartSubWorkflowAsync(instance, child));
        }
    }

    private async Task RunActivityAsync(RunningInstance instance, PendingActivity activity)
    {
        try
        {
            await _activitySlots.WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        HistoryEvent outcome;
        try
        {
            if (!_registry.TryGetActivity(activity.Name, out var registration))
            {
                outcome = new TaskFailed(activity.TaskId, new WorkflowFailureDetails(
                    typeof(InvalidOperationException).FullName!, $"No activity named '{activity.Name}' is registered in this host."));
            }
            else
            {
                await using var scope = _scopes.CreateAsyncScope();
                outcome = new TaskCompleted(activity.TaskId, await registration.RunActivityAsync(scope.ServiceProvider, activity.Input, _stopping.Token));
            }
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            return; // not recorded: the activity runs again when the instance resumes
        }
        catch (Exception ex)
        {
            outcome = new TaskFailed(activity.TaskId, WorkflowFailureDetails.FromException(ex));
        }
        finally
        {
            _activitySlots.Release();
        }

        Deliver(instance, new Delivery(outcome));
    }

    private ITimer? Arm(RunningInstance instance, PendingTimer timer)
    {
        var due = timer.FireAt - _time.GetUtcNow().UtcDateTime;
        if (due <= TimeSpan.Zero)
        {
            Deliver(instance, new Delivery(new TimerFired(timer.TaskId)));
            return null;
        }

        ITimer? handle = null;
        handle = _time.CreateTimer(
            _ =>
            {
                var remaining = timer.FireAt - _time.GetUtcNow().UtcDateTime;
                if (remaining > TimeSpan.Zero)
                {
                    handle?.Change(Min(remaining, LongestTimerWait), Timeout.InfiniteTimeSpan); // a long timer, in steps
                    return;
                }

                Deliver(instance, new Delivery(new TimerFired(timer.TaskId)));
            },
            null,
            Min(due, LongestTimerWait),
            Timeout.InfiniteTimeSpan);
        return handle;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task StartSubWorkflowAsync(RunningInstance parent, PendingSubWorkflow child)
    {
        try
        {
            if (!IsValidInstanceId(child.InstanceId))
            {
                throw new ArgumentException($"'{child.InstanceId}' is not a valid instance id for a sub-workflow.");
            }

            if (!await CreateInstanceAsync(child.Name, child.Input, child.InstanceId, (parent.InstanceId, child.TaskId), _stopping.Token)
                && await GetLiveAsync(child.InstanceId, _stopping.Token) is { Record: { IsFinished: true } finished })
            {
                // Started before a restart, and finished while this parent was not listening.
                Deliver(parent, new Delivery(ResultFor(child.TaskId, finished)));
            }
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Deliver(parent, new Delivery(new TaskFailed(child.TaskId, WorkflowFailureDetails.FromException(ex))));
        }
    }

    private static HistoryEvent ResultFor(int taskId, InstanceRecord child) => child switch
    {
        { Status: WorkflowStatus.Completed, Output: var output } => new TaskCompleted(taskId, output),
        { Failure: { } failure } => new TaskFailed(taskId, failure),
        _ => new TaskFailed(taskId, new WorkflowFailureDetails(typeof(OperationCanceledException).FullName!, $"Sub-workflow {child.InstanceId} was {child.Status}.")),
    };

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

    private void RunInBackground(Func<Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (Exception ex) when (!_stopping.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Background workflow work failed.");
            }
            catch (Exception)
            {
            }
        });
        _background.TryAdd(task, true);
        task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
