using FsCheck.Xunit;
using LiveCommerce.Domain.KeyRooms;

namespace LiveCommerce.Domain.Tests.KeyRooms;

/// <summary>A replan's objective, coverage first and then fewest moves, checked against brute force on small days.</summary>
[Properties(Arbitrary = [typeof(SmallSchedules)], MaxTest = 150)]
public sealed class ReplanMovesPropertyTests
{
    [Property]
    public void After_an_inspector_leaves_and_a_session_is_added_the_replan_covers_the_most_and_then_moves_the_fewest(ScheduleRequest request)
    {
        var previous = InspectionScheduler.Plan(request);
        var leaving = request.Inspectors[0].InspectorId;
        var added = new LiveSession("added", "r-added", request.From + NodaTime.Duration.FromHours(2), request.From + NodaTime.Duration.FromHours(3), Tier.Key, "food");
        var changed = request with { Inspectors = [.. request.Inspectors.Skip(1)], Sessions = [.. request.Sessions, added] };

        var plan = InspectionScheduler.Replan(changed, previous);

        // Everyone else's sessions can stay where they are, so they must stay covered; moving one counts.
        var stayable = previous.Assignments.Where(a => a.InspectorId != leaving).ToDictionary(a => a.SessionId, a => a.InspectorId);
        var (covered, stays) = LexicographicOptimum(changed, stayable);
        var moves = plan.Changes!.Reassigned.Count(m => stayable.ContainsKey(m.SessionId));
        Assert.Equal(covered, plan.Coverage.KeySessionsCovered);
        Assert.Equal(stayable.Count - stays, moves);
        Assert.True(plan.Coverage.ProvenOptimal);
        Assert.All(stayable.Keys, id => Assert.Contains(plan.Assignments, a => a.SessionId == id));
    }

    // Brute force: every key session uncovered (unless it must stay covered) or with an eligible inspector with room;
    // the best (covered, stays) pair in lexicographic order.
    private static (int Covered, int Stays) LexicographicOptimum(ScheduleRequest request, Dictionary<string, string> stayable)
    {
        var sessions = request.Sessions.Where(s => s.Tier == Tier.Key).ToList();
        var chosen = new List<(LiveSession Session, Inspector Inspector)>();
        var best = (Covered: -1, Stays: -1);

        void Search(int next, int stays)
        {
            if (next == sessions.Count)
            {
                if (chosen.Count > best.Covered || (chosen.Count == best.Covered && stays > best.Stays))
                {
                    best = (chosen.Count, stays);
                }

                return;
            }

            if (chosen.Count + (sessions.Count - next) < best.Covered)
            {
                return;
            }

            var session = sessions[next];
            foreach (var inspector in request.Inspectors)
            {
                if (inspector.Skills.Contains(session.Category)
                    && inspector.Shifts.Any(s => s.Start <= session.Start && session.End <= s.End)
                    && ExhaustiveCoverage.MaxOverlap(chosen.Where(c => c.Inspector == inspector).Select(c => (c.Session.Start, c.Session.End))
                        .Append((session.Start, session.End))) <= inspector.MaxConcurrentRooms)
                {
                    chosen.Add((session, inspector));
                    Search(next + 1, stays + (stayable.TryGetValue(session.SessionId, out var was) && was == inspector.InspectorId ? 1 : 0));
                    chosen.RemoveAt(chosen.Count - 1);
                }
            }

            if (!stayable.ContainsKey(session.SessionId))
            {
                Search(next + 1, stays);
            }
        }

        Search(0, 0);
        return best;
    }
}
