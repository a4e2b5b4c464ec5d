namespace LiveCommerce.Workflows.Schedules;

/// <summary>One due run of a job: its day (ISO date, Asia/Shanghai) and the instant it is due, in engine time (UTC).</summary>
public sealed record ScheduledRun(string Job, string Day, DateTimeOffset DueAt);

/// <summary>What a day's run did: the job's own one-line outcome, and the next day's instance id.</summary>
public sealed record ScheduledRunResult(string Job, string Day, string Outcome, string? Next)
{
    public const string Failed = "failed";
}

/// <summary>
/// A job that runs once a day at a set time (an activity runs it: at least once, so it must be idempotent, as the
/// sweep, the purge and the plan starts are). Returns a short summary for the instance's output.
/// </summary>
public interface IScheduledJob
{
    string Name { get; }

    Task<string> RunAsync(ScheduledRun run, CancellationToken cancellationToken);
}

/// <summary>When each enabled job is due (the hosts' settings), so a run can schedule the next.</summary>
public interface IJobCalendar
{
    /// <summary>The job's run on the day after <paramref name="run"/>'s, or null when the job is not enabled.</summary>
    ScheduledRun? NextAfter(ScheduledRun run);
}
