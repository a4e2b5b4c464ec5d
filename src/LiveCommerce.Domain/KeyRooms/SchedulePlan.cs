using NodaTime;

namespace LiveCommerce.Domain.KeyRooms;

/// <summary>One key session given to one dedicated inspector for its whole duration.</summary>
/// <param name="Explanation">Why this inspector, in a phrase a supervisor can check.</param>
public sealed record Assignment(string SessionId, string InspectorId, Instant Start, Instant End, string Explanation);

/// <summary>A key session nobody can patrol, with the first reason that applies (see <see cref="KeyRoomReasonCodes"/>).</summary>
public sealed record UncoveredSession(string SessionId, string Reason);

/// <summary>A slot with fewer auditors on shift than the NRTA 1:50 ratio requires.</summary>
public sealed record RatioViolation(Instant SlotStart, int LiveRooms, int Auditors, int Required);

/// <summary>
/// How well the plan covers the key sessions.
/// </summary>
/// <param name="UpperBound">No plan can cover more key sessions than this (see <see cref="InspectionScheduler"/>).</param>
/// <param name="ProvenOptimal">True when the plan is known to cover as many as possible: it reaches
/// <paramref name="UpperBound"/>, or an exhaustive search of a small instance found nothing better.</param>
public sealed record Coverage(
    int KeySessionsTotal,
    int KeySessionsCovered,
    int UpperBound,
    bool ProvenOptimal,
    IReadOnlyList<UncoveredSession> Uncovered,
    IReadOnlyList<RatioViolation> RatioViolations);

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
