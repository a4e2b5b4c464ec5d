using LiveCommerce.Workflows;
using Microsoft.DurableTask;

namespace LiveCommerce.Functions.Workflows;

/// <summary>The port's task options as Durable's: <see cref="WorkflowRetryPolicy"/> maps 1:1 to <see cref="RetryPolicy"/>.</summary>
public static class WorkflowTaskOptionsExtensions
{
    public static TaskOptions? ToDurableTaskOptions(this WorkflowTaskOptions? options) => options switch
    {
        null => null,
        SubWorkflowOptions child => new SubOrchestrationOptions(RetryOf(child.Retry), child.InstanceId),
        _ => new TaskOptions(RetryOf(options.Retry)),
    };

    public static RetryPolicy ToDurableRetryPolicy(this WorkflowRetryPolicy policy) =>
        new(policy.MaxAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient, policy.MaxRetryInterval);

    private static TaskRetryOptions? RetryOf(WorkflowRetryPolicy? policy) =>
        policy is null ? null : new TaskRetryOptions(policy.ToDurableRetryPolicy());
}
