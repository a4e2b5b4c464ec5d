namespace LiveCommerce.Workflows;

/// <summary>Options of an activity or sub-workflow call (Durable's <c>TaskOptions</c>).</summary>
public record WorkflowTaskOptions(WorkflowRetryPolicy? Retry = null)
{
    public static WorkflowTaskOptions FromRetryPolicy(WorkflowRetryPolicy policy) => new(policy);

    public SubWorkflowOptions WithInstanceId(string instanceId) => new(Retry, instanceId);
}

/// <summary>Options of a sub-workflow call (Durable's <c>SubOrchestrationOptions</c>): the child's instance id.</summary>
public sealed record SubWorkflowOptions(WorkflowRetryPolicy? Retry = null, string? InstanceId = null) : WorkflowTaskOptions(Retry);
