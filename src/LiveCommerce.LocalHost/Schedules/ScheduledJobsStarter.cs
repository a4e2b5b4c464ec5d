using LiveCommerce.Http.Schedules;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.Schedules;
using Microsoft.DurableTask;

namespace LiveCommerce.LocalHost.Schedules;

/// <summary>
/// At start, ensures today's <see cref="ScheduledJobWorkflow"/> instance of each enabled job exists; each run then
/// starts the next day's. Instance ids are per job and day, so any number of hosts (and restarts) start each run once,
/// and the engine's durable timer, not this process, decides when it runs.
/// </summary>
internal sealed class ScheduledJobsStarter(JobCalendar calendar, IWorkflowClient workflows, ILogger<ScheduledJobsStarter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var job in calendar.Jobs)
        {
            for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
            {
                var run = calendar.Today(job);
                var instanceId = ScheduledJobWorkflow.InstanceIdFor(run.Job, run.Day);
                try
                {
                    var started = await workflows.ScheduleNewAsync(ScheduledJobWorkflow.Name, run, new StartOrchestrationOptions(instanceId), stoppingToken);
                    logger.LogInformation("Scheduled job {Job} of {Day}: {State}, due {DueAt:o}", run.Job, run.Day, started ? "scheduled" : "already scheduled", run.DueAt);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && attempt < 30)
                {
                    // The task hub may still be being created by another host; try again soon.
                    logger.LogWarning("Scheduled job {Job} of {Day} not ensured yet (attempt {Attempt}): {Message}", run.Job, run.Day, attempt, ex.Message);
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
            }
        }
    }
}
