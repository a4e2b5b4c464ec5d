using LiveCommerce.Domain.KeyRooms;
using static LiveCommerce.Domain.Tests.KeyRooms.ScheduleBuilder;

namespace LiveCommerce.Domain.Tests.KeyRooms;

/// <summary>The fast path plus CP-SAT against independent optima: brute force on tiny days, CP-SAT from scratch on larger ones.</summary>
public sealed class ExactPlanTests
{
    private static readonly ExactSolverSettings Settings = ExactSolverSettings.Default;

    // CP-SAT alone, without the fast plan as a hint: the optimum it proves.
    private static int CpSatOptimum(ScheduleRequest request)
    {
        var problem = new SchedulingProblem(request);
        var result = CpSatCoverage.Solve(problem, new Roster(problem), Settings);
        Assert.True(result.Optimal, $"CP-SAT did not prove an optimum ({result.Status})");
        return result.CoverageBound;
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(12, 4)]
    public void On_tiny_understaffed_days_the_plan_CP_SAT_and_brute_force_agree(int sessions, int inspectors)
    {
        for (var seed = 1; seed <= 8; seed++)
        {
            var request = UnderstaffedDays.Generate(seed, sessions, inspectors);
            var brute = ExhaustiveCoverage.Max(request);

            Assert.Equal(brute, CpSatOptimum(request));
            var coverage = InspectionScheduler.Plan(request).Coverage;
            Assert.Equal(brute, coverage.KeySessionsCovered);
            Assert.True(coverage.ProvenOptimal);
            Assert.Equal(brute, coverage.UpperBound);
        }
    }

    [Theory]
    [InlineData(80, 8)]
    [InlineData(150, 12)]
    [InlineData(300, 20)]
    public void On_understaffed_days_the_plan_reaches_the_optimum_CP_SAT_proves_and_says_so(int sessions, int inspectors)
    {
        var improvedByCpSat = 0;
        for (var seed = 1; seed <= 3; seed++)
        {
            var request = UnderstaffedDays.Generate(seed, sessions, inspectors);
            var coverage = InspectionScheduler.Plan(request).Coverage;

            Assert.Equal(CpSatOptimum(request), coverage.KeySessionsCovered);
            Assert.True(coverage.ProvenOptimal);
            Assert.Equal(coverage.KeySessionsCovered, coverage.UpperBound);
            Assert.True(coverage.Solver!.FlowBound >= coverage.UpperBound);
            Assert.True(coverage.KeySessionsCovered >= coverage.Solver.FastCovered);
            if (coverage.Solver.Path == PlanSolver.CpSat)
            {
                improvedByCpSat++;
                Assert.Equal(CpSatCoverage.Optimal, coverage.Solver.Status);
                Assert.True(coverage.KeySessionsCovered > coverage.Solver.FastCovered);
            }
        }

        // These days are built to defeat the greedy: at the larger sizes CP-SAT's plan must have been needed.
        if (sessions >= 300)
        {
            Assert.True(improvedByCpSat > 0);
        }
    }

    [Fact]
    public void The_same_request_gives_the_same_plan_whatever_the_order_it_is_given_in()
    {
        var request = UnderstaffedDays.Generate(2, 300, 20);
        var reordered = request with { Sessions = [.. request.Sessions.Reverse()], Inspectors = [.. request.Inspectors.Reverse()] };

        var first = InspectionScheduler.Plan(request);
        var again = InspectionScheduler.Plan(request);
        var other = InspectionScheduler.Plan(reordered);

        Assert.Equal(PlanSolver.CpSat, first.Coverage.Solver!.Path);
        foreach (var plan in new[] { again, other })
        {
            Assert.Equal(first.Assignments, plan.Assignments);
            Assert.Equal(Comparable(first.Coverage), Comparable(plan.Coverage));
        }
    }

    [Fact]
    public void Two_workers_search_deterministically_too()
    {
        var request = UnderstaffedDays.Generate(4, 300, 20);
        var settings = Settings with { Workers = 2 };

        var first = InspectionScheduler.Plan(request, settings);
        var again = InspectionScheduler.Plan(request, settings);

        Assert.True(first.Coverage.ProvenOptimal);
        Assert.Equal(first.Assignments, again.Assignments);
    }

    [Fact]
    public void Disabled_the_solver_leaves_the_fast_plan_and_says_it_is_not_proven()
    {
        var request = UnderstaffedDays.Generate(2, 300, 20);

        var coverage = InspectionScheduler.Plan(request, Settings with { Enabled = false }).Coverage;

        Assert.Equal(PlanSolver.Disabled, coverage.Solver!.Status);
        Assert.Equal(coverage.Solver.FastCovered, coverage.KeySessionsCovered);
        Assert.Equal(coverage.Solver.FlowBound, coverage.UpperBound);
        Assert.False(coverage.ProvenOptimal);
    }

    [Fact]
    public void A_model_over_the_size_limit_stays_on_the_fast_plan()
    {
        var coverage = InspectionScheduler.Plan(UnderstaffedDays.Generate(2, 300, 20), Settings with { MaxPairs = 10 }).Coverage;

        Assert.Equal(CpSatCoverage.ModelTooLarge, coverage.Solver!.Status);
        Assert.Equal(PlanSolver.Fast, coverage.Solver.Path);
        Assert.False(coverage.ProvenOptimal);
    }

    [Fact]
    public void An_uncovered_session_names_the_full_inspectors_and_the_sessions_holding_their_places()
    {
        var team = new[] { Inspector("ann", 1, ["food"], ("08:00", "20:00")), Inspector("bob", 2, ["food"], ("08:00", "20:00")) };
        var sessions = new[]
        {
            Key("a1", "09:00", "11:00"), Key("b1", "09:00", "10:00"), Key("b2", "09:30", "12:00"), Key("late", "09:45", "10:30"),
            Key("drugs", "09:00", "10:00", "otc_drugs"),
        };

        var coverage = InspectionScheduler.Plan(Request(sessions, team)).Coverage;

        Assert.True(coverage.ProvenOptimal);
        Assert.Equal(3, coverage.KeySessionsCovered);
        var drugs = coverage.Uncovered.Single(u => u.SessionId == "drugs");
        Assert.Equal(KeyRoomReasonCodes.NoSkilledInspector, drugs.Reason);
        Assert.Null(drugs.BlockedBy);
        var full = coverage.Uncovered.Single(u => u.Reason == KeyRoomReasonCodes.NoCapacity);
        Assert.Equal(["ann", "bob"], full.BlockedBy!.Select(h => h.InspectorId));
        Assert.All(full.BlockedBy!, h => Assert.DoesNotContain(full.SessionId, h.SessionIds));
        Assert.Equal(3, full.BlockedBy!.Sum(h => h.SessionIds.Count));
    }

    private static object Comparable(Coverage c) =>
        (c.KeySessionsTotal, c.KeySessionsCovered, c.UpperBound, c.ProvenOptimal, c.Solver! with { TimeMs = 0 },
         string.Join(";", c.Uncovered.Select(u => $"{u.SessionId}:{u.Reason}:{string.Join(",", (u.BlockedBy ?? []).Select(h => h.InspectorId + "=" + string.Join("+", h.SessionIds)))}")));
}
