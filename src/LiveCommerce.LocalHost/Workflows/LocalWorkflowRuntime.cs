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
public sealed partial class LocalWorkflowRuntime : IWorkflowClient, IHostedService, IAsyncDisposable
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

        await EnsureStorageAsync(cancellationToken);
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

    /// <summary>Creates the table and container, retrying until storage answers (the local host may start before Azurite).</summary>
    private async Task EnsureStorageAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _store.EnsureCreatedAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 30)
            {
                _logger.LogWarning("Workflow storage is not reachable yet (attempt {Attempt}): {Message}", attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
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
