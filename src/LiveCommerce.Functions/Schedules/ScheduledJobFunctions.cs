using LiveCommerce.Functions.Workflows;
using LiveCommerce.Http.Schedules;
using LiveCommerce.Workflows.Schedules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Functions.Schedules;

/// <summary>
/// The daily jobs (re-verification sweep, evidence purge, evening inspection plans) run as singleton
/// <see cref="ScheduledJobWorkflow"/> instances with durable timers, as on the local host: this timer only ensures
/// that today's instance of each job exists (instance id per job and day, so a repeat, a second instance of the app
/// or the local host on the same task hub starts nothing). Each run starts the next day's itself; the timer is the
/// backstop after a first deployment or a broken chain.
/// </summary>
public sealed class ScheduledJobFunctions(JobCalendar calendar, ILogger<ScheduledJobFunctions> logger)
{
    /// <summary>00:01 Asia/Shanghai (UTC+8, no daylight saving) is 16:01 UTC; timer schedules are in UTC.</summary>
    public const string Schedule = "0 1 16 * * *";

    [Function("ScheduledJobsEnsure")]
    public async Task EnsureToday([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var workflows = new DurableWorkflowClient(durable);
        foreach (var job in calendar.Jobs)
        {
            var run = calendar.Today(job);
            var instanceId = ScheduledJobWorkflow.InstanceIdFor(run.Job, run.Day);
            var started = await workflows.ScheduleNewAsync(ScheduledJobWorkflow.Name, run, new StartOrchestrationOptions(instanceId), cancellationToken);
            logger.LogInformation("Scheduled job {Job} of {Day}: {State}, due {DueAt:o}", run.Job, run.Day, started ? "scheduled" : "already scheduled", run.DueAt);
        }
    }
}
