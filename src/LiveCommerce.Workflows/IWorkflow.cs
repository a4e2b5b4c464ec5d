namespace LiveCommerce.Workflows;

/// <summary>
/// An orchestrator, written once for Durable Functions and the local runner. It must be deterministic: see
/// <see cref="WorkflowContext"/>. Its name is its <see cref="WorkflowNameAttribute"/> (or its class name).
/// </summary>
public interface IWorkflow<TInput, TOutput>
{
    Task<TOutput> RunAsync(WorkflowContext context, TInput input);
}

/// <summary>
/// An activity: where a workflow's I/O happens. Runs at least once per call (again after a crash before its result was
/// recorded), so it must be idempotent. Its name is its <see cref="WorkflowNameAttribute"/> (or its class name).
/// </summary>
public interface IWorkflowActivity<TInput, TOutput>
{
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
