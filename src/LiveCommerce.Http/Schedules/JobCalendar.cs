using LiveCommerce.Domain;
using LiveCommerce.Workflows.Schedules;
using NodaTime;
using Microsoft.Extensions.Configuration;
using NodaTime.Text;

namespace LiveCommerce.Http.Schedules;

/// <summary>One job's place in the day: its Asia/Shanghai time, and whether a host start runs it at once.</summary>
public sealed record JobTime(string Job, LocalTime At, bool RunOnStartup);

/// <summary>
/// When the enabled jobs are due, the same in both hosts (settings <c>BackgroundChecks:SweepTime</c>, <c>Disputes:PurgeAt</c>,
/// <c>KeyRooms:DailyPlanAt</c>), as instants on the engine's clock. The host's clock may be shifted
/// (<c>LocalHost:ClockOffset</c>, to rehearse a later date); durable timers run on the real one, so each due instant
/// is moved back by the shift.
/// </summary>
public sealed class JobCalendar(IReadOnlyList<JobTime> jobs, TimeProvider clock) : IJobCalendar
{
    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    public IReadOnlyList<JobTime> Jobs => jobs;

    public static LocalTime ParseTime(string? text, LocalTime fallback, string setting) =>
        string.IsNullOrWhiteSpace(text)
            ? fallback
            : Pattern.Parse(text).TryGetValue(fallback, out var at) ? at : throw new InvalidOperationException($"{setting} must be HH:mm.");

    /// <summary>The run a host starting now ensures: today's (host clock), due now when the job runs on start-up.</summary>
    public ScheduledRun Today(JobTime job)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(Instant.FromDateTimeOffset(now));
        var run = RunOn(job, today);
        return job.RunOnStartup ? run with { DueAt = DateTimeOffset.UtcNow } : run;
    }

    public ScheduledRun? NextAfter(ScheduledRun run) =>
        jobs.FirstOrDefault(j => j.Job == run.Job) is { } job
            ? RunOn(job, LocalDatePattern.Iso.Parse(run.Day).GetValueOrThrow().PlusDays(1))
            : null;

    private ScheduledRun RunOn(JobTime job, LocalDate day)
    {
        var due = day.At(job.At).InZoneLeniently(ChinaTime.Zone).ToDateTimeOffset();
        var shift = clock.GetUtcNow() - DateTimeOffset.UtcNow;
        return new ScheduledRun(job.Job, LocalDatePattern.Iso.Format(day), (due - shift).ToUniversalTime());
    }

    /// <summary>
    /// The capabilities' daily jobs that are enabled, and their times (Asia/Shanghai), from the settings each capability
    /// already had: both hosts run these; the local host adds its own (the engine's history purge).
    /// </summary>
    public static List<JobTime> CapabilityJobs(IConfiguration configuration)
    {
        var jobs = new List<JobTime>();
        if (configuration.GetValue("BackgroundChecks:SweepEnabled", true))
        {
            var at = configuration.GetValue<TimeOnly?>("BackgroundChecks:SweepTime") ?? new TimeOnly(2, 0);
            jobs.Add(new(ReverificationSweepJob.JobName, LocalTime.FromTicksSinceMidnight(at.Ticks), configuration.GetValue("BackgroundChecks:SweepOnStartup", false)));
        }

        if (configuration.GetValue("Disputes:PurgeEnabled", true))
        {
            jobs.Add(new(EvidencePurgeJob.JobName, ParseTime(configuration["Disputes:PurgeAt"], new(3, 0), "Disputes:PurgeAt"), configuration.GetValue("Disputes:PurgeOnStartup", true)));
        }

        jobs.Add(new(InspectionPlansJob.JobName, ParseTime(configuration["KeyRooms:DailyPlanAt"], new(18, 0), "KeyRooms:DailyPlanAt"), false));
        return jobs;
    }
}
