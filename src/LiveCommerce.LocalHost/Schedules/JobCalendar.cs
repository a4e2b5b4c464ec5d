using LiveCommerce.Domain;
using LiveCommerce.Workflows.Schedules;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.LocalHost.Schedules;

/// <summary>One job's place in the day: its Asia/Shanghai time, and whether a host start runs it at once.</summary>
public sealed record JobTime(string Job, LocalTime At, bool RunOnStartup);

/// <summary>
/// When the enabled jobs are due (settings <c>BackgroundChecks:SweepTime</c>, <c>Disputes:PurgeAt</c>,
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
}
