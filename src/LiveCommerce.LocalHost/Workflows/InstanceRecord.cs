using LiveCommerce.Workflows;

namespace LiveCommerce.LocalHost.Workflows;

/// <summary>The instance row: what a client reads, plus how much history is stored and who the parent is.</summary>
internal sealed record InstanceRecord(string InstanceId, string Name, WorkflowStatus Status, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt)
{
    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public WorkflowFailureDetails? Failure { get; init; }

    /// <summary>History events stored so far (the next event's index).</summary>
    public int EventCount { get; init; }

    /// <summary>For a sub-workflow: the instance waiting for it, and the task there that it answers.</summary>
    public string? ParentInstanceId { get; init; }

    public int ParentTaskId { get; init; }

    public bool IsFinished => Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Terminated;

    public WorkflowInstance ToInstance() => new(InstanceId, Name, Status, CreatedAt, LastUpdatedAt)
    {
        SerializedInput = Input,
        SerializedOutput = Output,
        SerializedCustomStatus = CustomStatus,
        FailureDetails = Failure,
    };
}
