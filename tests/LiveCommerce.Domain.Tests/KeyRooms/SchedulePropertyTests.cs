using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.KeyRooms;
using NodaTime;

namespace LiveCommerce.Domain.Tests.KeyRooms;

/// <summary>Small random days: up to 9 sessions and 4 inspectors on a 15-minute grid over 8 hours.</summary>
public static class SmallSchedules
{
    private static readonly string[] Categories = ["food", "cosmetics", "general"];

    private static Instant Quarter(int k) => ScheduleBuilder.Midnight + Duration.FromMinutes(15 * k);

    private static readonly Gen<LiveSession> Session =
        from start in Gen.Choose(0, 30)
        from length in Gen.Choose(1, 10)
        from category in Gen.Elements(Categories)
        from key in Gen.Choose(0, 4)
        from room in Gen.Choose(0, 4)
        select new LiveSession("", $"r{room}", Quarter(start), Quarter(start + length), key > 0 ? Tier.Key : Tier.Standard, category);

    private static readonly Gen<InspectorShift> Shift =
        from start in Gen.Choose(0, 24)
        from length in Gen.Choose(2, 24)
        select new InspectorShift(Quarter(start), Quarter(start + length));

    private static readonly Gen<Inspector> Inspector =
        from shifts in Gen.Choose(1, 2).SelectMany(n => Gen.ListOf(Shift, n))
        from skills in Gen.Choose(1, 7)
        from capacity in Gen.Choose(0, 3)
        select new Inspector("", shifts.ToList(), Categories.Where((_, k) => (skills & (1 << k)) != 0).ToList(), capacity);

    public static Arbitrary<ScheduleRequest> Requests() =>
        (from sessions in Gen.Choose(0, 9).SelectMany(n => Gen.ListOf(Session, n))
         from inspectors in Gen.Choose(1, 4).SelectMany(n => Gen.ListOf(Inspector, n))
         from slot in Gen.Elements(15, 30, 60)
         select new ScheduleRequest(
             Quarter(0),
             Quarter(40),
             slot,
             sessions.Select((s, k) => s with { SessionId = $"s{k}" }).ToList(),
             inspectors.Select((i, k) => i with { InspectorId = $"i{k}" }).ToList()))
        .ToArbitrary();
}

[Properties(Arbitrary = [typeof(SmallSchedules)], MaxTest = 300)]
public sealed class SchedulePropertyTests
{
    [Property]
    public void No_inspector_is_ever_over_capacity_and_every_assignment_fits_a_shift_and_a_skill(ScheduleRequest request)
    {
        var plan = InspectionScheduler.Plan(request);

        foreach (var inspector in request.Inspectors)
        {
            var mine = plan.Assignments.Where(a => a.InspectorId == inspector.InspectorId).ToList();
            Assert.True(ExhaustiveCoverage.MaxOverlap(mine.Select(a => (a.Start, a.End))) <= inspector.MaxConcurrentRooms);
            foreach (var assignment in mine)
            {
                var session = request.Sessions.Single(s => s.SessionId == assignment.SessionId);
                Assert.Equal(Tier.Key, session.Tier);
                Assert.Contains(session.Category, inspector.Skills);
                Assert.Contains(inspector.Shifts, shift => shift.Start <= session.Start && session.End <= shift.End);
                Assert.Equal((session.Start, session.End), (assignment.Start, assignment.End));
            }
        }
    }

    [Property]
    public void Every_key_session_is_either_assigned_once_or_uncovered_and_coverage_never_exceeds_the_bound(ScheduleRequest request)
    {
        var plan = InspectionScheduler.Plan(request);
        var coverage = plan.Coverage;
        var keys = request.Sessions.Where(s => s.Tier == Tier.Key).Select(s => s.SessionId).Order(StringComparer.Ordinal);

        Assert.Equal(keys, plan.Assignments.Select(a => a.SessionId).Concat(coverage.Uncovered.Select(u => u.SessionId)).Order(StringComparer.Ordinal));
        Assert.Equal(plan.Assignments.Count, coverage.KeySessionsCovered);
        Assert.True(coverage.KeySessionsCovered <= coverage.UpperBound);
        Assert.True(coverage.UpperBound <= coverage.KeySessionsTotal);
    }

    [Property]
    public void On_small_days_the_plan_covers_as_many_as_an_exhaustive_search_and_says_it_is_optimal(ScheduleRequest request)
    {
        var plan = InspectionScheduler.Plan(request);

        Assert.Equal(ExhaustiveCoverage.Max(request), plan.Coverage.KeySessionsCovered);
        Assert.True(plan.Coverage.ProvenOptimal);
    }

    [Property]
    public void The_bound_is_never_below_the_true_optimum(ScheduleRequest request) =>
        Assert.True(InspectionScheduler.Plan(request).Coverage.UpperBound >= ExhaustiveCoverage.Max(request));

    [Property]
    public void Replanning_after_an_inspector_leaves_accounts_for_every_previous_assignment_and_uncovers_only_theirs(ScheduleRequest request)
    {
        var previous = InspectionScheduler.Plan(request);
        var leaving = request.Inspectors[0].InspectorId;
        var changed = request with { Inspectors = request.Inspectors.Skip(1).ToList() };

        var plan = InspectionScheduler.Replan(changed, previous);
        var changes = plan.Changes!;

        var accounted = changes.Kept
            .Concat(changes.Reassigned.Select(m => m.SessionId))
            .Concat(changes.NewlyUncovered.Select(u => u.SessionId))
            .Concat(changes.Released);
        Assert.Equal(previous.Assignments.Select(a => a.SessionId).Order(StringComparer.Ordinal), accounted.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(plan.Assignments, a => a.InspectorId == leaving);
        foreach (var kept in changes.Kept)
        {
            Assert.Equal(
                previous.Assignments.Single(a => a.SessionId == kept).InspectorId,
                plan.Assignments.Single(a => a.SessionId == kept).InspectorId);
        }

        // Only the leaving inspector's sessions can lose cover; everyone else's stay covered, moved at most.
        Assert.All(changes.NewlyUncovered, u => Assert.Equal(leaving, previous.Assignments.Single(a => a.SessionId == u.SessionId).InspectorId));
        Assert.True(plan.Coverage.KeySessionsCovered <= plan.Coverage.UpperBound);
    }

    [Property]
    public void A_violation_is_reported_exactly_where_auditors_fall_below_one_per_fifty_rooms(ScheduleRequest request)
    {
        foreach (var violation in InspectionScheduler.Plan(request).Coverage.RatioViolations)
        {
            Assert.True(violation.Auditors < violation.Required);
            Assert.Equal((violation.LiveRooms + 49) / 50, violation.Required);
        }
    }
}

/// <summary>The true optimum by trying every assignment: the yardstick for the scheduler on small days.</summary>
internal static class ExhaustiveCoverage
{
    public static int MaxOverlap(IEnumerable<(Instant Start, Instant End)> intervals)
    {
        var list = intervals.ToList();
        return list.Count == 0 ? 0 : list.Max(x => list.Count(y => y.Start <= x.Start && x.Start < y.End));
    }

    public static int Max(ScheduleRequest request)
    {
        var sessions = request.Sessions.Where(s => s.Tier == Tier.Key).ToList();
        var inspectors = request.Inspectors;
        var chosen = new List<(LiveSession Session, Inspector Inspector)>();
        var best = 0;

        void Search(int next)
        {
            best = Math.Max(best, chosen.Count);
            if (next == sessions.Count || chosen.Count + (sessions.Count - next) <= best)
            {
                return;
            }

            var session = sessions[next];
            foreach (var inspector in inspectors)
            {
                if (inspector.Skills.Contains(session.Category)
                    && inspector.Shifts.Any(s => s.Start <= session.Start && session.End <= s.End)
                    && MaxOverlap(chosen.Where(c => c.Inspector == inspector).Select(c => (c.Session.Start, c.Session.End))
                        .Append((session.Start, session.End))) <= inspector.MaxConcurrentRooms)
                {
                    chosen.Add((session, inspector));
                    Search(next + 1);
                    chosen.RemoveAt(chosen.Count - 1);
                }
            }

            Search(next + 1);
        }

        Search(0);
        return best;
    }
}
