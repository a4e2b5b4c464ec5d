using LiveCommerce.Workflows;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Functions.Workflows;

/// <summary>
/// The workflow port over Durable Functions: one line per member over <see cref="TaskOrchestrationContext"/>. Durable
/// does the replaying, the history and the retries; this only renames, and turns Durable's
/// <see cref="TaskFailedException"/> into the port's <see cref="WorkflowTaskFailedException"/>.
/// </summary>
/// <remarks>
/// How a workflow is shelled (its feature writes one such class; the workflow and activities are registered with
/// <c>services.AddWorkflow&lt;ReviewWorkflow&gt;().AddWorkflowActivity&lt;CheckStanding&gt;()</c> in Program):
/// <code>
/// public sealed class ReviewFunctions(ReviewWorkflow workflow, CheckStanding checkStanding)
/// {
///     [Function(ReviewWorkflow.Name)]
///     public Task&lt;ReviewOutcome&gt; Run([OrchestrationTrigger] TaskOrchestrationContext context) =&gt;
///         workflow.RunAsync(new DurableWorkflowContext(context), context.GetInput&lt;ReviewRequest&gt;()!);
///
///     [Function(CheckStanding.Name)]
///     public Task&lt;string&gt; CheckStanding([ActivityTrigger] string merchantId, CancellationToken cancellationToken) =&gt;
///         checkStanding.RunAsync(merchantId, cancellationToken);
///
///     // The HTTP starter: the same handler as the local host, given the Durable client through the port.
///     [Function("StartReview")]
///     public async Task&lt;IActionResult&gt; Start(
///         [HttpTrigger(AuthorizationLevel.Function, "post", Route = "merchants/{merchantId}/reviews")] HttpRequest request,
///         string merchantId,
///         [DurableClient] DurableTaskClient durable)
///     {
///         IWorkflowClient workflows = new DurableWorkflowClient(durable);
///         var instanceId = $"review-{merchantId}";
///         await workflows.ScheduleNewAsync(ReviewWorkflow.Name, new ReviewRequest(merchantId), instanceId, request.HttpContext.RequestAborted);
///         return new AcceptedResult($"/api/merchants/{merchantId}/reviews/{instanceId}", null); // 202 + Location
///     }
/// }
/// </code>
/// </remarks>
public sealed class DurableWorkflowContext(TaskOrchestrationContext context) : WorkflowContext
{
    public override string Name => context.Name.Name;

    public override string InstanceId => context.InstanceId;

    public override DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public override bool IsReplaying => context.IsReplaying;

    public override T? GetInput<T>()
        where T : default => context.GetInput<T>();

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        WithPortFailures(context.CallActivityAsync<TResult>(name, input, options.ToDurableTaskOptions()));

    public override Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        WithPortFailures(context.CallSubOrchestratorAsync<TResult>(name, input, options.ToDurableTaskOptions()));

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => context.CreateTimer(fireAt, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        context.WaitForExternalEvent<T>(eventName, cancellationToken);

    public override void SetCustomStatus(object? customStatus) => context.SetCustomStatus(customStatus);

    public override Guid NewGuid() => context.NewGuid();

    public override ILogger CreateReplaySafeLogger(string categoryName) => context.CreateReplaySafeLogger(categoryName);

    // Awaited on Durable's orchestrator thread (no ConfigureAwait): the continuation must stay there.
    private static async Task<TResult> WithPortFailures<TResult>(Task<TResult> task)
    {
        try
        {
            return await task;
        }
        catch (TaskFailedException failed)
        {
            var details = new WorkflowFailureDetails(failed.FailureDetails.ErrorType, failed.FailureDetails.ErrorMessage, failed.FailureDetails.StackTrace);
            throw new WorkflowTaskFailedException(failed.TaskName, failed.TaskId, details, failed);
        }
    }
}
