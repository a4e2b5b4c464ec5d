using Microsoft.DurableTask;

namespace LiveCommerce.Workflows;

/// <summary>Where an instance is (Durable's runtime statuses that this service distinguishes).</summary>
public enum WorkflowStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
}

/// <summary>An instance as a client sees it (Durable's <c>OrchestrationMetadata</c>); payloads stay serialized JSON.</summary>
public sealed record WorkflowInstance(string InstanceId, string Name, WorkflowStatus Status, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt)
{
    /// <summary>Null unless asked for (<see cref="IWorkflowClient.GetInstanceAsync"/>).</summary>
    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    /// <summary>Set when <see cref="Status"/> is <see cref="WorkflowStatus.Failed"/>.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>True once the instance can no longer change: completed, failed or terminated.</summary>
    public bool IsFinished => Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Terminated;

    public T? ReadInputAs<T>() => WorkflowJson.Deserialize<T>(SerializedInput);

    public T? ReadOutputAs<T>() => WorkflowJson.Deserialize<T>(SerializedOutput);

    public T? ReadCustomStatusAs<T>() => WorkflowJson.Deserialize<T>(SerializedCustomStatus);
}
