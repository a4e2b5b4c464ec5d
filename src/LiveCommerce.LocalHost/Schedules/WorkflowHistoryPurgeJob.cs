using LiveCommerce.Workflows;
using LiveCommerce.Workflows.Schedules;

namespace LiveCommerce.LocalHost.Schedules;

/// <summary>Purges the state and history of instances that finished more than <c>DurableTask:HistoryRetention</c> ago.</summary>
internal sealed class WorkflowHistoryPurgeJob(IWorkflowClient workflows, Durable.DurableTaskSettings settings, TimeProvider clock) : IScheduledJob
{
    public const string JobName = "workflow-history-purge";

    public string Name => JobName;

    public async Task<string> RunAsync(ScheduledRun run, CancellationToken cancellationToken) =>
        $"{await workflows.PurgeFinishedAsync(clock.GetUtcNow() - settings.HistoryRetention, cancellationToken)} instances purged";
}
