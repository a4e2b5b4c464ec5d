namespace LiveCommerce.Workflows.KeyRooms;

// What the daily inspection-plan workflow passes to and from its activities. A day's sessions and inspectors can
// run to megabytes, so history holds only ids, versions and counts: activities read and write the data themselves.
// Dates are ISO "yyyy-MM-dd" strings (Asia/Shanghai calendar days), as on the wire.

public sealed record DailyInspectionPlanInput(string Platform, string Date);

/// <summary>A platform's calendar day of inspection planning.</summary>
public sealed record InspectionDayRef(string Platform, string Date);

/// <summary>The stored input of a day (its current version), without the sessions and inspectors themselves.</summary>
public sealed record InspectionDayInput(string Platform, string Date, int InputVersion, int SessionCount, int KeySessionCount, int InspectorCount);

/// <summary>Plan one stored version of a day's input.</summary>
public sealed record PlanInspectionDayRequest(string Platform, string Date, int InputVersion);

/// <summary>A plan that was built and saved, but is not yet the day's schedule.</summary>
/// <param name="PlanId">Names the saved plan; the same input always gives the same plan and so the same id.</param>
public sealed record PlannedInspectionDay(
    string Platform,
    string Date,
    int InputVersion,
    string PlanId,
    int KeySessionsTotal,
    int KeySessionsCovered,
    int UpperBound,
    int RatioViolations);

/// <summary>What the daily run did for one platform and day: the workflow's output.</summary>
public sealed record DailyInspectionPlanResult(string Platform, string Date, string Status, PlannedInspectionDay? Plan = null)
{
    /// <summary>The plan is now the day's schedule.</summary>
    public const string Planned = "planned";

    /// <summary>The platform stored no sessions and inspectors for the day.</summary>
    public const string NoInput = "no_input";

    /// <summary>A plan of the same or a later input (a replan) was already the schedule and was kept.</summary>
    public const string KeptExisting = "kept_existing";
}
