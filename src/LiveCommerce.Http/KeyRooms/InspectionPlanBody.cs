using LiveCommerce.Domain.KeyRooms;
using LiveCommerce.Http.Json;

namespace LiveCommerce.Http.KeyRooms;

/// <summary>
/// An inspection plan as the contract writes it. The contract's fields keep their shapes exactly (<c>uncovered</c>
/// stays a list of session ids); what this service adds sits beside them: <c>explanation</c>, <c>upperBound</c>,
/// <c>provenOptimal</c>, <c>uncoveredReasons</c> (with <c>blockedBy</c>), <c>optimal</c>, <c>bound</c>, <c>optimum</c>,
/// <c>solver</c>, a violation's <c>required</c>, and after a replan <c>changes</c>.
/// </summary>
internal static class InspectionPlanBody
{
    public static void Write(Dictionary<string, object?> body, SchedulePlan plan)
    {
        body["assignments"] = plan.Assignments.Select(a => new
        {
            sessionId = a.SessionId,
            inspectorId = a.InspectorId,
            start = ApiTime.Format(a.Start),
            end = ApiTime.Format(a.End),
            explanation = a.Explanation,
        });
        var c = plan.Coverage;
        body["coverage"] = new
        {
            keySessionsTotal = c.KeySessionsTotal,
            keySessionsCovered = c.KeySessionsCovered,
            uncovered = c.Uncovered.Select(u => u.SessionId),
            ratioViolations = c.RatioViolations.Select(v => new
            {
                slotStart = ApiTime.Format(v.SlotStart),
                liveRooms = v.LiveRooms,
                auditors = v.Auditors,
                required = v.Required,
            }),
            upperBound = c.UpperBound,
            provenOptimal = c.ProvenOptimal,
            uncoveredReasons = c.Uncovered.Select(Uncovered),
            optimal = c.ProvenOptimal,
            bound = c.UpperBound,
            optimum = c.ProvenOptimal ? c.KeySessionsCovered : (int?)null,
            solver = c.Solver is { } solver
                ? new
                {
                    path = solver.Path,
                    status = solver.Status,
                    timeMs = solver.TimeMs,
                    deterministicTime = solver.DeterministicTime,
                    fastCovered = solver.FastCovered,
                    flowBound = solver.FlowBound,
                }
                : null,
        };
        if (plan.Changes is { } changes)
        {
            body["changes"] = new
            {
                kept = changes.Kept,
                reassigned = changes.Reassigned.Select(m => new { sessionId = m.SessionId, fromInspectorId = m.FromInspectorId, toInspectorId = m.ToInspectorId }),
                newlyCovered = changes.NewlyCovered,
                newlyUncovered = changes.NewlyUncovered.Select(Uncovered),
                released = changes.Released,
            };
        }
    }

    private static object Uncovered(UncoveredSession u) => new
    {
        sessionId = u.SessionId,
        reason = u.Reason,
        blockedBy = u.BlockedBy?.Select(h => new { inspectorId = h.InspectorId, sessionIds = h.SessionIds }),
    };

    public static Dictionary<string, object?> Of(SchedulePlan plan)
    {
        var body = new Dictionary<string, object?>();
        Write(body, plan);
        return body;
    }

    public static object Session(LiveSession s) => new
    {
        sessionId = s.SessionId,
        roomId = s.RoomId,
        start = ApiTime.Format(s.Start),
        end = ApiTime.Format(s.End),
        tier = s.Tier == Tier.Key ? "key" : "standard",
        category = s.Category,
    };

    public static object Inspector(Inspector i) => new
    {
        inspectorId = i.InspectorId,
        shifts = i.Shifts.Select(x => new { start = ApiTime.Format(x.Start), end = ApiTime.Format(x.End) }),
        skills = i.Skills,
        maxConcurrentRooms = i.MaxConcurrentRooms,
    };
}
