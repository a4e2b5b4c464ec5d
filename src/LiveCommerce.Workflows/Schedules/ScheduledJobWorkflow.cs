using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Workflows.Schedules;

/// <summary>
/// One day's run of a scheduled job (the re-verification sweep, the evidence purge, the evening inspection plans):
/// a durable timer until the job is due, the job, then the next day's instance. The instance id is fixed per job
/// and day (<see cref="InstanceIdFor"/>), so however many hosts ensure it, the job runs once per due time.
/// </summary>
[DurableTask(Name)]
public sealed class ScheduledJobWorkflow : TaskOrchestrator<ScheduledRun, ScheduledRunResult>
{
    public const string Name = "ScheduledJob";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(5), backoffCoefficient: 2));

    public static string InstanceIdFor(string job, string day) => $"schedule:{job}:{day}";

    public override async Task<ScheduledRunResult> RunAsync(TaskOrchestrationContext context, ScheduledRun input)
    {
        var log = context.CreateReplaySafeLogger<ScheduledJobWorkflow>();
        if (input.DueAt.UtcDateTime > context.CurrentUtcDateTime)
        {
            await context.CreateTimer(input.DueAt.UtcDateTime, CancellationToken.None);
        }

        string outcome;
        try
        {
            outcome = await context.CallActivityAsync<string>(RunScheduledJobActivity.Name, input, Retry);
        }
        catch (TaskFailedException failure)
        {
            // The next day's run still gets scheduled: one bad day must not end the chain.
            log.LogError("Scheduled job {Job} of {Day} failed after its retries: {Message}", input.Job, input.Day, failure.FailureDetails.ErrorMessage);
            outcome = ScheduledRunResult.Failed;
        }

        var next = await context.CallActivityAsync<string?>(ScheduleNextRunActivity.Name, input, Retry);
        return new ScheduledRunResult(input.Job, input.Day, outcome, next);
    }
}

[DurableTask(Name)]
public sealed class RunScheduledJobActivity(IEnumerable<IScheduledJob> jobs) : TaskActivity<ScheduledRun, string>
{
    public const string Name = "ScheduledJobRun";

    public override Task<string> RunAsync(TaskActivityContext context, ScheduledRun input) =>
        (jobs.FirstOrDefault(j => j.Name == input.Job) ?? throw new InvalidOperationException($"No scheduled job is named '{input.Job}'."))
            .RunAsync(input, CancellationToken.None);
}

/// <summary>Ensures the job's instance for the next day exists (idempotent: a fixed instance id); returns its id.</summary>
[DurableTask(Name)]
public sealed class ScheduleNextRunActivity(IJobCalendar calendar, IWorkflowClient workflows) : TaskActivity<ScheduledRun, string?>
{
    public const string Name = "ScheduledJobScheduleNext";

    public override async Task<string?> RunAsync(TaskActivityContext context, ScheduledRun input)
    {
        if (calendar.NextAfter(input) is not { } next)
        {
            return null; // the job was switched off in this host's settings
        }

        var instanceId = ScheduledJobWorkflow.InstanceIdFor(next.Job, next.Day);
        await workflows.ScheduleNewAsync(ScheduledJobWorkflow.Name, next, new StartOrchestrationOptions(instanceId), CancellationToken.None);
        return instanceId;
    }
}
