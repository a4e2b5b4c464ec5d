using LiveCommerce.Workflows;

namespace LiveCommerce.LocalHost.Workflows;

/// <summary>
/// One entry of an instance's history, in the order things happened. Replaying the orchestrator against its history
/// rebuilds its state; the history is all the runner stores about a running instance besides its instance row.
/// </summary>
public abstract record HistoryEvent;

/// <summary>An episode began: the orchestrator's <see cref="WorkflowContext.CurrentUtcDateTime"/> from here on.</summary>
public sealed record EpisodeStarted(DateTime Timestamp) : HistoryEvent;

/// <summary>The orchestrator scheduled task <see cref="TaskId"/> (its sequence number): what replay checks the code against.</summary>
public abstract record TaskScheduled(int TaskId) : HistoryEvent
{
    /// <summary>How error messages name it, e.g. "activity 'CheckStanding'".</summary>
    public abstract string Description { get; }
}

public sealed record ActivityScheduled(int TaskId, string Name) : TaskScheduled(TaskId)
{
    public override string Description => $"activity '{Name}'";
}

public sealed record TimerCreated(int TaskId, DateTime FireAt) : TaskScheduled(TaskId)
{
    public override string Description => "a timer";
}

public sealed record SubWorkflowScheduled(int TaskId, string Name, string InstanceId) : TaskScheduled(TaskId)
{
    public override string Description => $"sub-workflow '{Name}'";
}

/// <summary>An event that may carry a large payload (kept in Blob storage when over the inline limit).</summary>
public interface IPayloadEvent
{
    string? Payload { get; }

    HistoryEvent WithPayload(string? payload);
}

/// <summary>An activity or sub-workflow returned <see cref="Result"/> (serialized).</summary>
public sealed record TaskCompleted(int TaskId, string? Result) : HistoryEvent, IPayloadEvent
{
    public string? Payload => Result;

    public HistoryEvent WithPayload(string? payload) => this with { Result = payload };
}

/// <summary>An activity or sub-workflow failed (after its retries, for a sub-workflow's own activities).</summary>
public sealed record TaskFailed(int TaskId, WorkflowFailureDetails Failure) : HistoryEvent;

public sealed record TimerFired(int TaskId) : HistoryEvent;

/// <summary>An external event, recorded when it arrived (so one raised before the wait is kept).</summary>
public sealed record EventRaised(string Name, string? Payload) : HistoryEvent, IPayloadEvent
{
    public HistoryEvent WithPayload(string? payload) => this with { Payload = payload };
}

/// <summary>The orchestrator returned; its output is on the instance row.</summary>
public sealed record WorkflowCompleted : HistoryEvent;

public sealed record WorkflowFailed(WorkflowFailureDetails Failure) : HistoryEvent;
