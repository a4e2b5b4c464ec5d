using LiveCommerce.Domain;
using Microsoft.DurableTask;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Workflows.KeyRooms;

/// <summary>
/// What the evening's scheduled job does: start <see cref="DailyInspectionPlanWorkflow"/> for tomorrow (Asia/Shanghai)
/// for every platform that stored tomorrow's sessions and inspectors. Fixed instance ids make a repeated start (an
/// activity's retry, a catch-up after a restart) a no-op.
/// </summary>
public sealed class DailyInspectionPlanStarter(IInspectionDays days)
{
    /// <summary>The day a run at <paramref name="now"/> plans: tomorrow in Asia/Shanghai.</summary>
    public static LocalDate PlanDateFor(Instant now) => ChinaTime.DateOf(now).PlusDays(1);

    /// <summary>Starts the day's runs and returns the instance ids this call started.</summary>
    public async Task<IReadOnlyList<string>> StartAsync(LocalDate date, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        var started = new List<string>();
        foreach (var platform in await days.PlatformsWithInputAsync(date, cancellationToken))
        {
            var instanceId = DailyInspectionPlanWorkflow.InstanceIdFor(platform.Value, date);
            var input = new DailyInspectionPlanInput(platform.Value, LocalDatePattern.Iso.Format(date));
            if (await workflows.ScheduleNewAsync(DailyInspectionPlanWorkflow.Name, input, new StartOrchestrationOptions(instanceId), cancellationToken))
            {
                started.Add(instanceId);
            }
        }

        return started;
    }
}
