using Microsoft.DurableTask;
using LiveCommerce.Domain;
using LiveCommerce.Domain.KeyRooms;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Workflows.KeyRooms;

[DurableTask(Name)]
public sealed class FindInspectionDayActivity(IInspectionDays days) : TaskActivity<InspectionDayRef, InspectionDayInput?>
{
    public const string Name = "KeyRoomsFindDayInput";

    public override Task<InspectionDayInput?> RunAsync(TaskActivityContext context, InspectionDayRef input) =>
        days.FindInputAsync(InspectionDayKeys.Platform(input.Platform), InspectionDayKeys.Date(input.Date), CancellationToken.None);
}

/// <summary>
/// Plans one version of a day's input and saves the plan. Planning is deterministic (CP-SAT too: one worker or its
/// interleaved search, a limit in deterministic time) and the plan is saved under its content hash (without the
/// solver's wall time), so a re-run saves the same plan under the same id.
/// </summary>
[DurableTask(Name)]
public sealed class PlanInspectionDayActivity(IInspectionDays days, ExactSolverSettings? solver = null) : TaskActivity<PlanInspectionDayRequest, PlannedInspectionDay>
{
    public const string Name = "KeyRoomsPlanDay";

    public override async Task<PlannedInspectionDay> RunAsync(TaskActivityContext context, PlanInspectionDayRequest input)
    {
        var platform = InspectionDayKeys.Platform(input.Platform);
        var date = InspectionDayKeys.Date(input.Date);
        var request = await days.LoadInputAsync(platform, date, input.InputVersion, CancellationToken.None)
            ?? throw new InvalidOperationException($"Input version {input.InputVersion} of {input.Date} is not stored.");
        var plan = InspectionScheduler.Plan(request, solver ?? ExactSolverSettings.Default);
        var planId = await days.SavePlanAsync(platform, date, plan, CancellationToken.None);
        var coverage = plan.Coverage;
        return new PlannedInspectionDay(
            input.Platform, input.Date, input.InputVersion, planId,
            coverage.KeySessionsTotal, coverage.KeySessionsCovered, coverage.UpperBound, coverage.RatioViolations.Count);
    }
}

[DurableTask(Name)]
public sealed class StoreInspectionPlanActivity(IInspectionDays days, TimeProvider clock) : TaskActivity<PlannedInspectionDay, bool>
{
    public const string Name = "KeyRoomsStorePlan";

    /// <summary>How a plan adopted by the daily run is labelled on the day's schedule.</summary>
    public const string Trigger = "daily";

    public override Task<bool> RunAsync(TaskActivityContext context, PlannedInspectionDay input) =>
        days.AdoptPlanAsync(input, Trigger, clock.GetUtcNow(), CancellationToken.None);
}

/// <summary>Reads the ids that messages carry as strings (they were written by this service, so a bad one is a bug).</summary>
internal static class InspectionDayKeys
{
    public static PlatformId Platform(string value) =>
        PlatformId.TryParse(value, out var platform) ? platform : throw new ArgumentException($"'{value}' is not a platform id.", nameof(value));

    public static LocalDate Date(string value) => LocalDatePattern.Iso.Parse(value).GetValueOrThrow();
}
