using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Workflows.KeyRooms;

/// <summary>
/// Builds one platform's inspection plan for a day from the sessions and inspectors it stored, and makes it the
/// day's schedule (2021 Measures art. 11: dedicated real-time patrol of key rooms). Started each evening for the
/// next day by the evening scheduled job (<see cref="Schedules.ScheduledJobWorkflow"/>); the instance id is fixed per platform and day, so it runs once.
/// </summary>
[DurableTask(Name)]
public sealed class DailyInspectionPlanWorkflow : TaskOrchestrator<DailyInspectionPlanInput, DailyInspectionPlanResult>
{
    public const string Name = "DailyInspectionPlan";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), backoffCoefficient: 2));

    /// <summary>One instance per platform and day: a second start (another host, a restart) starts nothing.</summary>
    public static string InstanceIdFor(string platform, LocalDate date) => $"keyrooms-daily:{platform}:{LocalDatePattern.Iso.Format(date)}";

    public override async Task<DailyInspectionPlanResult> RunAsync(TaskOrchestrationContext context, DailyInspectionPlanInput input)
    {
        var log = context.CreateReplaySafeLogger<DailyInspectionPlanWorkflow>();
        var day = await context.CallActivityAsync<InspectionDayInput?>(
            FindInspectionDayActivity.Name, new InspectionDayRef(input.Platform, input.Date), Retry);
        if (day is null)
        {
            log.LogInformation("No inspection input for {Date}: nothing to plan", input.Date);
            return new DailyInspectionPlanResult(input.Platform, input.Date, DailyInspectionPlanResult.NoInput);
        }

        var planned = await context.CallActivityAsync<PlannedInspectionDay>(
            PlanInspectionDayActivity.Name, new PlanInspectionDayRequest(input.Platform, input.Date, day.InputVersion), Retry);
        var adopted = await context.CallActivityAsync<bool>(StoreInspectionPlanActivity.Name, planned, Retry);
        log.LogInformation(
            "Inspection plan for {Date} (input v{Version}): {Covered}/{Total} key sessions covered, bound {Bound}, {Violations} ratio violations, {Outcome}",
            input.Date, planned.InputVersion, planned.KeySessionsCovered, planned.KeySessionsTotal, planned.UpperBound, planned.RatioViolations,
            adopted ? "adopted" : "a later plan kept");
        return new DailyInspectionPlanResult(
            input.Platform, input.Date, adopted ? DailyInspectionPlanResult.Planned : DailyInspectionPlanResult.KeptExisting, planned);
    }
}
