using Microsoft.Extensions.Logging;

namespace LiveCommerce.Workflows;

/// <summary>
/// What an orchestrator may do: the deterministic part of Durable's <c>TaskOrchestrationContext</c>, with the same
/// member names and semantics, so the Durable adapter is one line per member and the local runner can replay it.
/// </summary>
/// <remarks>
/// Orchestrator code runs again from the start on every replay: it must take time, ids and randomness only from this
/// context, do its I/O in activities, and await nothing but the tasks this context returns.
/// </remarks>
public abstract class WorkflowContext
{
    /// <summary>The registered name of the running workflow.</summary>
    public abstract string Name { get; }

    public abstract string InstanceId { get; }

    /// <summary>The replay-safe "now" (UTC): the start of the current episode as recorded in history.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-executes steps that history already holds.</summary>
    public abstract bool IsReplaying { get; }

    public abstract T? GetInput<T>();

    /// <summary>Runs an activity (at least once) and returns its result; a failure throws <see cref="WorkflowTaskFailedException"/>.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, WorkflowTaskOptions? options = null);

    public virtual Task CallActivityAsync(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        CallActivityAsync<object>(name, input, options);

    /// <summary>Runs another workflow as a child instance (id from <see cref="SubWorkflowOptions.InstanceId"/>) and returns its output.</summary>
    public abstract Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input = null, WorkflowTaskOptions? options = null);

    public virtual Task CallSubWorkflowAsync(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        CallSubWorkflowAsync<object>(name, input, options);

    /// <summary>A durable timer: it survives restarts. Cancel it with the token when it is no longer needed.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// Waits for an event raised to this instance. Names are case-insensitive. An event that arrived before the wait is
    /// kept and completes the wait at once.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for an event at most <paramref name="timeout"/> (a durable timer): on timeout the returned task is
    /// cancelled, so awaiting it throws <see cref="TaskCanceledException"/>. Same algorithm as Durable's overload.
    /// </summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeoutTask = CreateTimer(timeout, timerCancellation.Token);

        using var eventCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var eventTask = WaitForExternalEvent<T>(eventName, eventCancellation.Token);

        // Whichever loses is cancelled: a timer left running would keep the instance alive until it fired.
        // Cancel() and not CancelAsync(): the callbacks must run here, on the orchestrator's thread.
        var winner = await Task.WhenAny(timeoutTask, eventTask);
        if (winner == eventTask)
        {
            timerCancellation.Cancel();
        }
        else
        {
            eventCancellation.Cancel();
        }

        return await eventTask;
    }

    /// <summary>A small serializable status for clients to read (at most 16,000 characters of JSON).</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>A GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that stays silent while the code replays (mock it in unit tests: it is abstract).</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
