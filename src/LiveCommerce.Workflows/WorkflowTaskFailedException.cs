namespace LiveCommerce.Workflows;

/// <summary>
/// An activity or sub-workflow failed (after its retries): what the orchestrator catches. Mirrors Durable's
/// <c>TaskFailedException</c>, including its message.
/// </summary>
public sealed class WorkflowTaskFailedException : Exception
{
    public WorkflowTaskFailedException(string taskName, int taskId, WorkflowFailureDetails failureDetails, Exception? innerException = null)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}", innerException)
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public string TaskName { get; }

    /// <summary>The task's sequence number in its instance (0 = the first activity, timer or sub-workflow scheduled).</summary>
    public int TaskId { get; }

    public WorkflowFailureDetails FailureDetails { get; }
}
