using LiveCommerce.Domain;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.KeyRooms;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.LocalHost.KeyRooms;

/// <summary>When the evening run starts, in Asia/Shanghai (<c>KeyRooms:DailyPlanAt</c>, "HH:mm", default 18:00).</summary>
public sealed record DailyInspectionPlanTime(LocalTime At)
{
    public const string Setting = "KeyRooms:DailyPlanAt";

    public static readonly LocalTime Default = new(18, 0);

    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>The setting, or the default; a malformed one stops the host at start-up rather than never planning.</summary>
    public static DailyInspectionPlanTime From(IConfiguration configuration) =>
        configuration[Setting] is { Length: > 0 } text
            ? new(Pattern.Parse(text).GetValueOrThrow())
            : new(Default);

    /// <summary>The first run time strictly after <paramref name="now"/>.</summary>
    public Instant NextAfter(Instant now)
    {
        var today = OnDate(ChinaTime.DateOf(now));
        return today > now ? today : OnDate(ChinaTime.DateOf(now).PlusDays(1));
    }

    public Instant OnDate(LocalDate date) => date.At(At).InZoneLeniently(ChinaTime.Zone).ToInstant();
}

/// <summary>
/// The local host's evening timer: at <see cref="DailyInspectionPlanTime"/> on the host's clock (so
/// <c>LocalHost:ClockOffset</c> and test clocks move it), starts tomorrow's <see cref="DailyInspectionPlanWorkflow"/>
/// for every platform with a stored day. When the host starts after today's time it runs at once: a restart must not
/// skip a day, and fixed instance ids make a second start a no-op. The Functions app does the same on a timer trigger.
/// </summary>
public sealed class DailyInspectionPlanSchedule(
    DailyInspectionPlanStarter starter,
    IWorkflowClient workflows,
    DailyInspectionPlanTime time,
    TimeProvider clock,
    ILogger<DailyInspectionPlanSchedule> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);
    private const int Attempts = 30;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var now = Now();
        if (now >= time.OnDate(ChinaTime.DateOf(now)))
        {
            await StartRunsAsync(now, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            now = Now();
            var next = time.NextAfter(now);
            await Task.Delay((next - now).ToTimeSpan(), clock, stoppingToken);

            // The day planned follows from the scheduled time, not from when the delay happened to end.
            await StartRunsAsync(next, stoppingToken);
        }
    }

    private async Task StartRunsAsync(Instant at, CancellationToken stoppingToken)
    {
        var date = DailyInspectionPlanStarter.PlanDateFor(at);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var started = await starter.StartAsync(date, workflows, stoppingToken);
                logger.LogInformation("Daily inspection plans for {Date}: {Started} run(s) started", date, started.Count);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (attempt == Attempts)
                {
                    // Give up on this evening, not on the host: the next restart catches up.
                    logger.LogError(ex, "Daily inspection plans for {Date} could not be started", date);
                    return;
                }

                // Storage may still be starting (StorageBootstrap creates the tables); try again soon.
                logger.LogWarning("Daily inspection plans for {Date} not started yet (attempt {Attempt}): {Message}", date, attempt, ex.Message);
                await Task.Delay(RetryAfterFailure, clock, stoppingToken);
            }
        }
    }

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());
}

public static class DailyInspectionPlanScheduleServiceCollectionExtensions
{
    /// <summary>The evening timer; needs the workflow client (the local runtime) and <c>AddDailyInspectionPlanning</c>.</summary>
    public static IServiceCollection AddDailyInspectionPlanSchedule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(DailyInspectionPlanTime.From(configuration));
        services.AddHostedService<DailyInspectionPlanSchedule>();
        return services;
    }
}
