using LiveCommerce.Domain.Cases;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Http.Cases;

/// <summary>
/// Starts and signals a case's workflow (<see cref="ReviewCaseOrchestrator"/>). The case row is the record: a
/// workflow that cannot be reached is logged, never a failed request, and the case stays listed, overdue and
/// decidable without it (the decision's effects are stored by the request itself). The client is resolved per call
/// from the request's services where there is a request (the Functions app's client is per invocation), else from
/// the host's.
/// </summary>
public sealed class ReviewCaseWorkflows(IServiceProvider services, IHttpContextAccessor http, ILogger<ReviewCaseWorkflows> logger)
{
    private IWorkflowClient Client => (http.HttpContext?.RequestServices ?? services).GetRequiredService<IWorkflowClient>();

    public async Task StartAsync(string platform, ReviewCase @case, CancellationToken cancellationToken)
    {
        var input = new ReviewCaseWorkflowInput(platform, @case.CaseId, @case.Deadline.RemindAt.ToDateTimeOffset(), @case.Deadline.EscalateAt.ToDateTimeOffset());
        try
        {
            await Client.ScheduleNewAsync(ReviewCaseOrchestrator.Name, input, new StartOrchestrationOptions(ReviewCaseOrchestrator.InstanceIdFor(platform, @case.CaseId)), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Review case {CaseId} on {Platform}: its workflow did not start; the case row stands without reminders", @case.CaseId, platform);
        }
    }

    public Task DecidedAsync(string platform, string caseId, CancellationToken cancellationToken) =>
        SignalAsync(platform, caseId, new ReviewCaseSignal(ReviewCaseSignal.Decided), cancellationToken);

    public Task DeadlineChangedAsync(string platform, ReviewCase @case, CancellationToken cancellationToken) =>
        SignalAsync(platform, @case.CaseId, new ReviewCaseSignal(ReviewCaseSignal.DeadlineChanged, @case.Deadline.RemindAt.ToDateTimeOffset(), @case.Deadline.EscalateAt.ToDateTimeOffset()), cancellationToken);

    private async Task SignalAsync(string platform, string caseId, ReviewCaseSignal signal, CancellationToken cancellationToken)
    {
        try
        {
            await Client.RaiseEventAsync(ReviewCaseOrchestrator.InstanceIdFor(platform, caseId), ReviewCaseOrchestrator.SignalEvent, signal, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Review case {CaseId} on {Platform}: signal {Signal} not delivered to its workflow", caseId, platform, signal.Kind);
        }
    }
}
