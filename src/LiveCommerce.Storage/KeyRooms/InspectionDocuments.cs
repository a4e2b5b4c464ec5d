using LiveCommerce.Domain.KeyRooms;
using NodaTime;

namespace LiveCommerce.Storage.KeyRooms;

// The JSON documents a day's input and plan are kept as (blobs in container inspection-days). Times are UTC
// DateTimeOffsets, tiers their wire ids; the mapping to and from the domain is here and nowhere else.

internal sealed record DayInputDocument(DateTimeOffset From, DateTimeOffset To, int SlotMinutes, SessionDocument[] Sessions, InspectorDocument[] Inspectors)
{
    public static DayInputDocument Of(ScheduleRequest request) => new(
        request.From.ToDateTimeOffset(),
        request.To.ToDateTimeOffset(),
        request.SlotMinutes,
        [.. request.Sessions.Select(s => new SessionDocument(s.SessionId, s.RoomId, s.Start.ToDateTimeOffset(), s.End.ToDateTimeOffset(), TierId(s.Tier), s.Category))],
        [.. request.Inspectors.Select(i => new InspectorDocument(
            i.InspectorId,
            [.. i.Shifts.Select(x => new ShiftDocument(x.Start.ToDateTimeOffset(), x.End.ToDateTimeOffset()))],
            [.. i.Skills],
            i.MaxConcurrentRooms))]);

    public ScheduleRequest ToRequest() => new(
        Instant.FromDateTimeOffset(From),
        Instant.FromDateTimeOffset(To),
        SlotMinutes,
        [.. Sessions.Select(s => new LiveSession(s.SessionId, s.RoomId, Instant.FromDateTimeOffset(s.Start), Instant.FromDateTimeOffset(s.End), s.Tier == "key" ? Tier.Key : Tier.Standard, s.Category))],
        [.. Inspectors.Select(i => new Inspector(
            i.InspectorId,
            [.. i.Shifts.Select(x => new InspectorShift(Instant.FromDateTimeOffset(x.Start), Instant.FromDateTimeOffset(x.End)))],
            i.Skills,
            i.MaxConcurrentRooms))]);

    private static string TierId(Tier tier) => tier == Tier.Key ? "key" : "standard";
}

internal sealed record SessionDocument(string SessionId, string RoomId, DateTimeOffset Start, DateTimeOffset End, string Tier, string Category);

internal sealed record InspectorDocument(string InspectorId, ShiftDocument[] Shifts, string[] Skills, int MaxConcurrentRooms);

internal sealed record ShiftDocument(DateTimeOffset Start, DateTimeOffset End);

internal sealed record PlanDocument(AssignmentDocument[] Assignments, CoverageDocument Coverage, ChangesDocument? Changes)
{
    public static PlanDocument Of(SchedulePlan plan) => new(
        [.. plan.Assignments.Select(a => new AssignmentDocument(a.SessionId, a.InspectorId, a.Start.ToDateTimeOffset(), a.End.ToDateTimeOffset(), a.Explanation))],
        new CoverageDocument(
            plan.Coverage.KeySessionsTotal,
            plan.Coverage.KeySessionsCovered,
            plan.Coverage.UpperBound,
            plan.Coverage.ProvenOptimal,
            [.. plan.Coverage.Uncovered.Select(UncoveredDocument.Of)],
            [.. plan.Coverage.RatioViolations.Select(v => new ViolationDocument(v.SlotStart.ToDateTimeOffset(), v.LiveRooms, v.Auditors, v.Required))],
            plan.Coverage.Solver is { } solver
                ? new SolverDocument(solver.Path, solver.Status, solver.TimeMs, solver.FastCovered, solver.FlowBound, solver.DeterministicTime)
                : null),
        plan.Changes is { } c
            ? new ChangesDocument(
                [.. c.Kept],
                [.. c.Reassigned.Select(m => new MoveDocument(m.SessionId, m.FromInspectorId, m.ToInspectorId))],
                [.. c.NewlyCovered],
                [.. c.NewlyUncovered.Select(UncoveredDocument.Of)],
                [.. c.Released])
            : null);

    /// <summary>What the plan's content hash is taken over: everything but the solver's wall time, the one field that
    /// differs between runs of the same request (so a re-run still saves the same blob).</summary>
    public PlanDocument Identity() =>
        Coverage.Solver is { } solver ? this with { Coverage = Coverage with { Solver = solver with { TimeMs = 0 } } } : this;

    public SchedulePlan ToPlan() => new(
        [.. Assignments.Select(a => new Assignment(a.SessionId, a.InspectorId, Instant.FromDateTimeOffset(a.Start), Instant.FromDateTimeOffset(a.End), a.Explanation))],
        new Coverage(
            Coverage.KeySessionsTotal,
            Coverage.KeySessionsCovered,
            Coverage.UpperBound,
            Coverage.ProvenOptimal,
            [.. Coverage.Uncovered.Select(u => u.ToUncovered())],
            [.. Coverage.RatioViolations.Select(v => new RatioViolation(Instant.FromDateTimeOffset(v.SlotStart), v.LiveRooms, v.Auditors, v.Required))],
            Coverage.Solver is { } solver
                ? new PlanSolver(solver.Path, solver.Status, solver.TimeMs, solver.FastCovered, solver.FlowBound, solver.DeterministicTime)
                : null),
        Changes is { } c
            ? new PlanChanges(
                c.Kept,
                [.. c.Reassigned.Select(m => new SessionMove(m.SessionId, m.FromInspectorId, m.ToInspectorId))],
                c.NewlyCovered,
                [.. c.NewlyUncovered.Select(u => u.ToUncovered())],
                c.Released)
            : null);
}

internal sealed record AssignmentDocument(string SessionId, string InspectorId, DateTimeOffset Start, DateTimeOffset End, string Explanation);

internal sealed record CoverageDocument(
    int KeySessionsTotal,
    int KeySessionsCovered,
    int UpperBound,
    bool ProvenOptimal,
    UncoveredDocument[] Uncovered,
    ViolationDocument[] RatioViolations,
    SolverDocument? Solver = null);

// BlockedBy and Solver are absent from plans stored before the exact solver: they read as null.
internal sealed record UncoveredDocument(string SessionId, string Reason, HolderDocument[]? BlockedBy = null)
{
    public static UncoveredDocument Of(UncoveredSession u) =>
        new(u.SessionId, u.Reason, u.BlockedBy is { } holders ? [.. holders.Select(h => new HolderDocument(h.InspectorId, [.. h.SessionIds]))] : null);

    public UncoveredSession ToUncovered() =>
        new(SessionId, Reason, BlockedBy is { } holders ? [.. holders.Select(h => new CapacityHolder(h.InspectorId, h.SessionIds))] : null);
}

internal sealed record HolderDocument(string InspectorId, string[] SessionIds);

internal sealed record SolverDocument(string Path, string Status, long TimeMs, int FastCovered, int FlowBound, double DeterministicTime);

internal sealed record ViolationDocument(DateTimeOffset SlotStart, int LiveRooms, int Auditors, int Required);

internal sealed record ChangesDocument(string[] Kept, MoveDocument[] Reassigned, string[] NewlyCovered, UncoveredDocument[] NewlyUncovered, string[] Released);

internal sealed record MoveDocument(string SessionId, string FromInspectorId, string ToInspectorId);
