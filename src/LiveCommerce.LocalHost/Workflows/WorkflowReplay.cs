using LiveCommerce.Workflows;

namespace LiveCommerce.LocalHost.Workflows;

/// <summary>One episode's question: the history so far, and what arrived since.</summary>
/// <param name="History">Events already executed (stored, or deferred to the next store), oldest first.</param>
/// <param name="EpisodeStart">This episode's "now", recorded so replays see the same time.</param>
/// <param name="Inputs">What arrived since: task results, fired timers, external events.</param>
public sealed record ReplayRequest(
    string InstanceId,
    string Name,
    string? Input,
    IReadOnlyList<HistoryEvent> History,
    DateTime EpisodeStart,
    IReadOnlyList<HistoryEvent> Inputs);

/// <summary>How an instance ended.</summary>
public abstract record WorkflowOutcome
{
    private WorkflowOutcome()
    {
    }

    public sealed record Completed(string? Output) : WorkflowOutcome;

    public sealed record Failed(WorkflowFailureDetails Failure) : WorkflowOutcome;
}

public sealed record PendingActivity(int TaskId, string Name, string? Input);

public sealed record PendingTimer(int TaskId, DateTime FireAt);

public sealed record PendingSubWorkflow(int TaskId, string Name, string InstanceId, string? Input);

/// <summary>One episode's answer: what to append to history, how the instance ended (if it did), and the work it waits on.</summary>
public sealed class ReplayResult
{
    /// <summary>Events to append after <see cref="ReplayRequest.History"/>: this episode's start, the inputs it used, and new tasks.</summary>
    public required IReadOnlyList<HistoryEvent> NewEvents { get; init; }

    public WorkflowOutcome? Outcome { get; init; }

    public string? CustomStatus { get; init; }

    /// <summary>True when the code no longer matches its history (the outcome then says where).</summary>
    public bool IsNonDeterministic { get; init; }

    /// <summary>Every scheduled activity without a result yet, old and new: the runner runs those not already running.</summary>
    public IReadOnlyList<PendingActivity> Activities { get; init; } = [];

    /// <summary>Every timer neither fired nor cancelled.</summary>
    public IReadOnlyList<PendingTimer> Timers { get; init; } = [];

    public IReadOnlyList<PendingSubWorkflow> SubWorkflows { get; init; } = [];
}

/// <summary>
/// Runs an orchestrator from the start against its history, on one thread with a deterministic scheduler: each history
/// event completes the task it answers, and the code runs until it waits again before the next event is applied. The
/// result lists what the code did beyond its history. Nothing here does I/O or reads a clock.
/// </summary>
public static class WorkflowReplay
{
    public static ReplayResult Run(ReplayRequest request, WorkflowRegistration? registration, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        if (registration is null)
        {
            return Failed(request, new WorkflowFailureDetails(
                typeof(InvalidOperationException).FullName!, $"No workflow named '{request.Name}' is registered in this host."), nonDeterministic: false);
        }

        var context = new ReplayContext(request, loggerFactory);
        var scheduler = new EpisodeSynchronizationContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(scheduler);
        try
        {
            Task<string?>? run = null;
            var history = request.History;
            var count = history.Count + 1 + request.Inputs.Count;
            for (var position = 0; position < count; position++)
            {
                var next = position < history.Count ? history[position]
                    : position == history.Count ? new EpisodeStarted(request.EpisodeStart)
                    : request.Inputs[position - history.Count - 1];
                context.Position = position;
                if (position >= history.Count)
                {
                    if (!context.Accepts(next))
                    {
                        continue; // a stale result (the task already has one) or a timer the code cancelled
                    }

                    context.NewEvents.Add(next);
                }

                context.Apply(next);
                run ??= registration.RunWorkflowAsync(services, context); // the first event (an episode start) starts the code
                scheduler.RunUntilIdle();
                if (context.NonDeterminism is { } message)
                {
                    return Failed(request, new WorkflowFailureDetails(typeof(NonDeterministicWorkflowException).FullName!, message), nonDeterministic: true);
                }
            }

            return context.Result(run!);
        }
        finally
        {
            scheduler.Close();
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private static ReplayResult Failed(ReplayRequest request, WorkflowFailureDetails failure, bool nonDeterministic) => new()
    {
        NewEvents = [new EpisodeStarted(request.EpisodeStart), new WorkflowFailed(failure)],
        Outcome = new WorkflowOutcome.Failed(failure),
        IsNonDeterministic = nonDeterministic,
    };
}

/// <summary>The orchestrator's history no longer matches its code (it was changed while instances were running).</summary>
public sealed class NonDeterministicWorkflowException(string message) : Exception(message);

/// <summary>
/// The episode's scheduler: continuations the orchestrator posts run here, in order, on the replaying thread. Posts after
/// the episode (from code that awaited something that is not a workflow task) are dropped: that code is not replay-safe.
/// </summary>
internal sealed class EpisodeSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private bool _closed;

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_queue)
        {
            if (!_closed)
            {
                _queue.Enqueue((d, state));
            }
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Workflow code must not block on other threads.");

    public override SynchronizationContext CreateCopy() => this;

    public void RunUntilIdle()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) next;
            lock (_queue)
            {
                if (!_queue.TryDequeue(out next))
                {
                    return;
                }
            }

            next.Callback(next.State);
        }
    }

    public void Close()
    {
        lock (_queue)
        {
            _closed = true;
            _queue.Clear();
        }
    }
}
