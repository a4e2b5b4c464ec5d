namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// Evens out inspectors' load (minutes of key sessions) without changing which sessions are covered: a session
/// moves from inspector A to an eligible inspector B with room whenever B would still carry less than A did,
/// busiest inspectors first, ties by id. Each move lowers the sum of squared loads, so this ends; it ends where no
/// single move can lower a load without lifting another above it.
/// </summary>
internal static class LoadBalancer
{
    public static void Balance(SchedulingProblem problem, Roster roster, bool[] pinned, long stepBudget)
    {
        var steps = stepBudget;
        var order = Enumerable.Range(0, problem.InspectorCount).ToArray();
        var sessions = new List<int>();
        var moved = true;
        while (moved && steps > 0)
        {
            moved = false;
            Array.Sort(order, (a, b) => roster.Load(b).CompareTo(roster.Load(a)) is var c && c != 0 ? c : a.CompareTo(b));
            foreach (var from in order)
            {
                sessions.Clear();
                sessions.AddRange(roster.SessionsOf(from));
                sessions.Sort();
                foreach (var session in sessions)
                {
                    if (pinned[session] || --steps < 0)
                    {
                        continue;
                    }

                    var to = LeastLoadedAlternative(problem, roster, session, from);
                    if (to >= 0 && roster.Load(to) + problem.Duration(session) < roster.Load(from))
                    {
                        roster.Unassign(session);
                        roster.Assign(session, to);
                        moved = true;
                    }
                }
            }
        }
    }

    /// <summary>The least-loaded other eligible inspector with room for the session (lowest id on ties), or -1.</summary>
    public static int LeastLoadedAlternative(SchedulingProblem problem, Roster roster, int session, int current)
    {
        var best = -1;
        foreach (var inspector in problem.Eligible[session])
        {
            if (inspector != current
                && (best < 0 || roster.Load(inspector) < roster.Load(best))
                && roster.Fits(session, inspector))
            {
                best = inspector;
            }
        }

        return best;
    }
}
