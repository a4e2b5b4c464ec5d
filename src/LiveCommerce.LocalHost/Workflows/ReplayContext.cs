using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveCommerce.Workflows;

namespace LiveCommerce.LocalHost.Workflows;

/// <summary>
/// The <see cref="WorkflowContext"/> the local runner gives an orchestrator during one replay. Every task the code
/// schedules gets the next sequence number and is checked against the history's task at that number (kind and name);
/// history events complete those tasks in order. Retries are replayed the same way: each attempt is a task, each wait a
/// durable timer (as in Durable).
/// </summary>
internal sealed class ReplayContext : WorkflowContext
{
    private const int MaxCustomStatusLength = 16_000;

    private readonly ReplayRequest _request;
    private readonly ILoggerFactory _loggerFactory;
    private readonly List<TaskScheduled> _recorded;
    private readonly List<ScheduledTask> _tasks = [];
    private readonly Dictionary<string, List<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string?>> _unclaimedEvents = new(StringComparer.OrdinalIgnoreCase);
    private DateTime _now;
    private int _guidCounter;
    private string? _customStatus;

    public ReplayContext(ReplayRequest request, ILoggerFactory loggerFactory)
    {
        _request = request;
        _loggerFactory = loggerFactory;
        _recorded = request.History.OfType<TaskScheduled>().ToList();
    }

    /// <summary>The index of the history event being applied; below the history's length the code is replaying.</summary>
    public int Position { get; set; }

    public List<HistoryEvent> NewEvents { get; } = [];

    public string? NonDeterminism { get; private set; }

    public override string Name => _request.Name;

    public override string InstanceId => _request.InstanceId;

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => Position < _request.History.Count;

    public override T? GetInput<T>()
        where T : default => WorkflowJson.Deserialize<T>(_request.Input);

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        CallWithRetriesAsync<TResult>(_ => new ActivityScheduled(_tasks.Count, name), input, options?.Retry);

    public override Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        CallWithRetriesAsync<TResult>(attempt => new SubWorkflowScheduled(_tasks.Count, name, ChildInstanceId(options, attempt)), input, options?.Retry);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var fired = Schedule(new TimerCreated(_tasks.Count, fireAt.ToUniversalTime()), null);
        if (cancellationToken.CanBeCanceled)
        {
            var timer = _tasks[^1];
            _ = cancellationToken.Register(() => timer.Completion.TrySetCanceled(cancellationToken));
        }

        return fired;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var waiter = new EventWaiter<T>();
        if (_unclaimedEvents.TryGetValue(eventName, out var unclaimed) && unclaimed.Count > 0)
        {
            waiter.Complete(unclaimed.Dequeue());
            return waiter.Task;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        if (!_waiters.TryGetValue(eventName, out var waiting))
        {
            _waiters[eventName] = waiting = [];
        }

        waiting.Add(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            // A cancelled wait leaves the queue, so a later event is kept for the next wait rather than lost.
            _ = cancellationToken.Register(() =>
            {
                if (waiting.Remove(waiter))
                {
                    waiter.Cancel(cancellationToken);
                }
            });
        }

        return waiter.Task;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var serialized = customStatus is null ? null : WorkflowJson.Serialize(customStatus);
        if (serialized?.Length > MaxCustomStatusLength)
        {
            throw new ArgumentException($"A custom status may be at most {MaxCustomStatusLength} characters of JSON.", nameof(customStatus));
        }

        _customStatus = serialized;
    }

    /// <summary>A name-based GUID of the instance, the replayed time and a counter: the same on every replay.</summary>
    public override Guid NewGuid()
    {
        var name = string.Join('_', InstanceId, CurrentUtcDateTime.ToString("o", CultureInfo.InvariantCulture), _guidCounter++.ToString(CultureInfo.InvariantCulture));
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (custom, RFC 9562), in .NET's little-endian field layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, _loggerFactory.CreateLogger(categoryName));

    /// <summary>Whether a newly arrived input still answers something: a result for an open task, a timer still set, any event.</summary>
    public bool Accepts(HistoryEvent input) => input switch
    {
        TaskCompleted or TaskFailed => Open(TaskIdOf(input)) is { Scheduled: ActivityScheduled or SubWorkflowScheduled },
        TimerFired fired => Open(fired.TaskId) is { Scheduled: TimerCreated },
        _ => true,
    };

    public void Apply(HistoryEvent next)
    {
        switch (next)
        {
            case EpisodeStarted started:
                _now = started.Timestamp;
                break;
            case TaskScheduled scheduled when scheduled.TaskId >= _tasks.Count:
                // By this point in history the original run had scheduled it: the code now takes another path.
                Flag(scheduled.TaskId, $"history has {scheduled.Description} but the code did not schedule it");
                break;
            case TaskCompleted completed:
                Answered(completed.TaskId)?.Completion.TrySetResult(completed.Result);
                break;
            case TaskFailed failed when Answered(failed.TaskId) is { } task:
                task.Completion.TrySetException(new WorkflowTaskFailedException(task.Name, failed.TaskId, failed.Failure));
                break;
            case TimerFired fired:
                Answered(fired.TaskId)?.Completion.TrySetResult(null);
                break;
            case EventRaised raised:
                Deliver(raised);
                break;
        }
    }

    public ReplayResult Result(Task<string?> run)
    {
        WorkflowOutcome? outcome = null;
        if (run.IsCompletedSuccessfully)
        {
            outcome = new WorkflowOutcome.Completed(run.Result);
            NewEvents.Add(new WorkflowCompleted());
        }
        else if (run.IsFaulted || run.IsCanceled)
        {
            // A cancelled orchestrator (e.g. an event timeout it did not catch) fails with TaskCanceledException, as in Durable.
            var failure = WorkflowFailureDetails.FromException(run.Exception?.InnerException ?? new TaskCanceledException(run));
            outcome = new WorkflowOutcome.Failed(failure);
            NewEvents.Add(new WorkflowFailed(failure));
        }

        var open = outcome is null ? _tasks.Where(t => !t.Completion.Task.IsCompleted).ToList() : [];
        return new ReplayResult
        {
            NewEvents = NewEvents,
            Outcome = outcome,
            CustomStatus = _customStatus,
            Activities = open.Where(t => t.Scheduled is ActivityScheduled)
                .Select(t => new PendingActivity(t.Scheduled.TaskId, t.Name, t.Input)).ToList(),
            Timers = open.Select(t => t.Scheduled).OfType<TimerCreated>()
                .Select(t => new PendingTimer(t.TaskId, t.FireAt)).ToList(),
            SubWorkflows = open.Where(t => t.Scheduled is SubWorkflowScheduled)
                .Select(t => (SubWorkflowScheduled)t.Scheduled)
                .Select(s => new PendingSubWorkflow(s.TaskId, s.Name, s.InstanceId, _tasks[s.TaskId].Input)).ToList(),
        };
    }

    private async Task<TResult> CallWithRetriesAsync<TResult>(Func<int, TaskScheduled> attemptNumbered, object? input, WorkflowRetryPolicy? retry)
    {
        var serializedInput = input is null ? null : WorkflowJson.Serialize(input);
        for (var attempt = 1; ; attempt++)
        {
            var result = Schedule(attemptNumbered(attempt), serializedInput);
            try
            {
                return WorkflowJson.Deserialize<TResult>(await result)!;
            }
            catch (WorkflowTaskFailedException) when (retry is not null && attempt < retry.MaxAttempts)
            {
            }

            await CreateTimer(CurrentUtcDateTime.Add(retry!.DelayAfterAttempt(attempt)), CancellationToken.None);
        }
    }

    // A given id is used by the first attempt only: each retry needs a fresh child instance.
    private string ChildInstanceId(WorkflowTaskOptions? options, int attempt) =>
        options is SubWorkflowOptions { InstanceId: { } given }
            ? attempt == 1 ? given : $"{given}~{attempt}"
            : $"{InstanceId}:{_tasks.Count}";

    private Task<string?> Schedule(TaskScheduled scheduled, string? input)
    {
        var taskId = scheduled.TaskId;
        if (taskId < _recorded.Count)
        {
            var recorded = _recorded[taskId];
            if (!IsSameStep(recorded, scheduled))
            {
                Flag(taskId, $"the code scheduled {scheduled.Description} but history has {recorded.Description}");
            }

            scheduled = recorded; // the stored timer time and child id win over what the code computed again
        }
        else
        {
            NewEvents.Add(scheduled);
        }

        var task = new ScheduledTask(scheduled, input);
        _tasks.Add(task);
        return task.Completion.Task;
    }

    private static bool IsSameStep(TaskScheduled recorded, TaskScheduled scheduled) => (recorded, scheduled) switch
    {
        (ActivityScheduled a, ActivityScheduled b) => a.Name == b.Name,
        (SubWorkflowScheduled a, SubWorkflowScheduled b) => a.Name == b.Name,
        (TimerCreated, TimerCreated) => true,
        _ => false,
    };

    private void Flag(int taskId, string mismatch) =>
        NonDeterminism ??= $"Non-deterministic workflow '{Name}' at step {taskId + 1}: {mismatch}.";

    private ScheduledTask? Open(int taskId) =>
        taskId < _tasks.Count && !_tasks[taskId].Completion.Task.IsCompleted ? _tasks[taskId] : null;

    private ScheduledTask? Answered(int taskId)
    {
        if (taskId < _tasks.Count)
        {
            return _tasks[taskId];
        }

        Flag(taskId, "history has a result for a task the code did not schedule");
        return null;
    }

    private static int TaskIdOf(HistoryEvent result) => result switch
    {
        TaskCompleted completed => completed.TaskId,
        TaskFailed failed => failed.TaskId,
        _ => -1,
    };

    private void Deliver(EventRaised raised)
    {
        // The newest wait gets the event, as in Durable; with nobody waiting it is kept for the next wait.
        if (_waiters.TryGetValue(raised.Name, out var waiting) && waiting.Count > 0)
        {
            var waiter = waiting[^1];
            waiting.RemoveAt(waiting.Count - 1);
            waiter.Complete(raised.Payload);
            return;
        }

        if (!_unclaimedEvents.TryGetValue(raised.Name, out var unclaimed))
        {
            _unclaimedEvents[raised.Name] = unclaimed = new Queue<string?>();
        }

        unclaimed.Enqueue(raised.Payload);
    }

    private sealed class ScheduledTask(TaskScheduled scheduled, string? input)
    {
        public TaskScheduled Scheduled { get; } = scheduled;

        public string? Input { get; } = input;

        public string Name => Scheduled switch
        {
            ActivityScheduled activity => activity.Name,
            SubWorkflowScheduled child => child.Name,
            _ => "timer",
        };

        // Continuations run inline on the replaying thread: deterministic, and never queued to the thread pool.
        public TaskCompletionSource<string?> Completion { get; } = new();
    }

    private abstract class EventWaiter
    {
        public abstract void Complete(string? payload);

        public abstract void Cancel(CancellationToken cancellationToken);
    }

    private sealed class EventWaiter<T> : EventWaiter
    {
        private readonly TaskCompletionSource<T> _source = new();

        public Task<T> Task => _source.Task;

        public override void Complete(string? payload)
        {
            T value;
            try
            {
                value = WorkflowJson.Deserialize<T>(payload)!;
            }
            catch (JsonException ex)
            {
                _source.TrySetException(ex);
                return;
            }

            _source.TrySetResult(value);
        }

        public override void Cancel(CancellationToken cancellationToken) => _source.TrySetCanceled(cancellationToken);
    }
}
