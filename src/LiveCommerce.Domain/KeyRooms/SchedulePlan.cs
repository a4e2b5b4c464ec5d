using NodaTime;

namespace LiveCommerce.Domain.KeyRooms;

/// <summary>One key session given to one dedicated inspector for its whole duration.</summary>
/// <param name="Explanation">Why this inspector, in a phrase a supervisor can check.</param>
public sealed record Assignment(string SessionId, string InspectorId, Instant Start, Instant End, string Explanation);

/// <summary>A key session nobody can patrol, with the first reason that applies (see <see cref="KeyRoomReasonCodes"/>).</summary>
/// <param name="BlockedBy">For <see cref="KeyRoomReasonCodes.NoCapacity"/>: each skilled inspector on shift, and the sessions
/// of theirs that fill their capacity at some instant of this one (null for the other reasons).</param>
public sealed record UncoveredSession(string SessionId, string Reason, IReadOnlyList<CapacityHolder>? BlockedBy = null)
{
    // Equal by content, lists included: a plan is compared with a stored or recomputed one.
    public bool Equals(UncoveredSession? other) =>
        other is not null && SessionId == other.SessionId && Reason == other.Reason
        && (BlockedBy ?? []).SequenceEqual(other.BlockedBy ?? []) && (BlockedBy is null) == (other.BlockedBy is null);

    public override int GetHashCode() => HashCode.Combine(SessionId, Reason, BlockedBy?.Count);
}

/// <summary>An inspector who could patrol an uncovered session but is full: the sessions holding their capacity then.</summary>
public sealed record CapacityHolder(string InspectorId, IReadOnlyList<string> SessionIds)
{
    public bool Equals(CapacityHolder? other) =>
        other is not null && InspectorId == other.InspectorId && SessionIds.SequenceEqual(other.SessionIds);

    public override int GetHashCode() => HashCode.Combine(InspectorId, SessionIds.Count);
}

/// <summary>
/// Which path produced the plan and what the exact solver said.
/// </summary>
/// <param name="Path"><c>fast</c> (the heuristic's plan) or <c>cp-sat</c> (CP-SAT found a better one).</param>
/// <param name="Status"><c>NOT_NEEDED</c> (the fast plan reached its bound, or a small day was searched exhaustively),
/// <c>DISABLED</c>, or CP-SAT's: <c>OPTIMAL</c>, <c>FEASIBLE</c> (limit reached), <c>UNKNOWN</c>, <c>MODEL_TOO_LARGE</c>.</param>
/// <param name="TimeMs">CP-SAT's wall time including building the model; 0 when it did not run. The one field that
/// differs between runs of the same request.</param>
/// <param name="FastCovered">Key sessions the fast path covered.</param>
/// <param name="FlowBound">The fast path's bound (see <see cref="CoverageUpperBound"/>).</param>
/// <param name="DeterministicTime">CP-SAT's deterministic time (its unit of work, reproducible).</param>
public sealed record PlanSolver(string Path, string Status, long TimeMs, int FastCovered, int FlowBound, double DeterministicTime)
{
    public const string Fast = "fast";
    public const string CpSat = "cp-sat";
    public const string NotNeeded = "NOT_NEEDED";
    public const string Disabled = "DISABLED";
}

/// <summary>A slot with fewer auditors on shift than the NRTA 1:50 ratio requires.</summary>
public sealed record RatioViolation(Instant SlotStart, int LiveRooms, int Auditors, int Required);

/// <summary>
/// How well the plan covers the key sessions.
/// </summary>
/// <param name="UpperBound">No plan can cover more key sessions than this: the tighter of the flow bound and CP-SAT's
/// proven bound; equal to the coverage when the plan is optimal (see <see cref="InspectionScheduler"/>).</param>
/// <param name="ProvenOptimal">True when the plan is known to cover as many as possible (after a replan: while keeping
/// every kept session covered, and then with the fewest moves).</param>
/// <param name="Solver">How the plan was found (null on plans stored before the exact solver existed).</param>
public sealed record Coverage(
    int KeySessionsTotal,
    int KeySessionsCovered,
    int UpperBound,
    bool ProvenOptimal,
    IReadOnlyList<UncoveredSession> Uncovered,
    IReadOnlyList<RatioViolation> RatioViolations,
    PlanSolver? Solver = null);

/// <summary>A key session that a replan gave to a different inspector.</summary>
public sealed record SessionMove(string SessionId, string FromInspectorId, string ToInspectorId);

/// <summary>What a replan changed against the previous plan.</summary>
/// <param name="Kept">Sessions that stayed with their previous inspector.</param>
/// <param name="Reassigned">Sessions still covered, by another inspector.</param>
/// <param name="NewlyCovered">Sessions covered now and not before (including sessions new to the request).</param>
/// <param name="NewlyUncovered">Sessions covered before and not now, with the reason.</param>
/// <param name="Released">Previously assigned sessions that are no longer key sessions of the request.</param>
public sealed record PlanChanges(
    IReadOnlyList<string> Kept,
    IReadOnlyList<SessionMove> Reassigned,
    IReadOnlyList<string> NewlyCovered,
    IReadOnlyList<UncoveredSession> NewlyUncovered,
    IReadOnlyList<string> Released);

/// <summary>The inspection plan: who patrols which key session, how complete that is, and (after a replan) what moved.</summary>
public sealed record SchedulePlan(IReadOnlyList<Assignment> Assignments, Coverage Coverage, PlanChanges? Changes = null);
