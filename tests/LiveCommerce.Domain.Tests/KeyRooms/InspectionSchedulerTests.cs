using LiveCommerce.Domain.KeyRooms;
using static LiveCommerce.Domain.Tests.KeyRooms.ScheduleBuilder;

namespace LiveCommerce.Domain.Tests.KeyRooms;

public sealed class InspectionSchedulerTests
{
    private static readonly (string, string) Day = ("08:00", "20:00");

    private static Dictionary<string, string> Assigned(SchedulePlan plan) =>
        plan.Assignments.ToDictionary(a => a.SessionId, a => a.InspectorId);

    [Fact]
    public void Greedy_gives_the_versatile_inspector_away_the_search_takes_it_back()
    {
        // By start time, the general session comes first and goes to the least-loaded eligible inspector, "ann"
        // (ties by id), who is the only one able to take the food session after it.
        var request = Request(
            [Key("general", "10:00", "12:00", "general"), Key("food", "10:30", "11:30", "food")],
            [Inspector("ann", 1, ["food", "general"], Day), Inspector("bob", 1, ["general"], Day)]);

        var greedy = InspectionScheduler.Plan(request, improve: false);
        var plan = InspectionScheduler.Plan(request);

        Assert.Equal(1, greedy.Coverage.KeySessionsCovered);
        Assert.Equal(2, plan.Coverage.KeySessionsCovered);
        Assert.Equal(2, plan.Coverage.UpperBound);
        Assert.True(plan.Coverage.ProvenOptimal);
        Assert.Equal(new Dictionary<string, string> { ["food"] = "ann", ["general"] = "bob" }, Assigned(plan));
    }

    [Fact]
    public void Greedy_lets_a_long_session_crowd_out_two_short_ones_the_search_does_not()
    {
        var request = Request(
            [Key("long", "09:00", "17:00"), Key("short1", "10:00", "11:00"), Key("short2", "12:00", "13:00")],
            [Inspector("ann", 1, ["food"], Day)]);

        var greedy = InspectionScheduler.Plan(request, improve: false);
        var plan = InspectionScheduler.Plan(request);

        Assert.Equal(1, greedy.Coverage.KeySessionsCovered);
        Assert.Equal(2, plan.Coverage.KeySessionsCovered);
        Assert.Equal(2, plan.Coverage.UpperBound);
        Assert.Equal(["short1", "short2"], plan.Assignments.Select(a => a.SessionId));
        Assert.Equal(
            new UncoveredSession("long", KeyRoomReasonCodes.NoCapacity, [new CapacityHolder("ann", ["short1", "short2"])]),
            Assert.Single(plan.Coverage.Uncovered));
    }

    [Fact]
    public void Displacing_a_session_along_a_chain_of_inspectors_reaches_the_bound()
    {
        // x can only go to ann; ann's session can move to bob; bob's to cid, who has room.
        var request = Request(
            [
                Key("a", "10:00", "12:00", "cosmetics"),
                Key("b", "10:00", "12:00", "general"),
                Key("x", "10:30", "11:30", "food"),
            ],
            [
                Inspector("ann", 1, ["food", "cosmetics"], Day),
                Inspector("bob", 1, ["cosmetics", "general"], Day),
                Inspector("cid", 1, ["general"], Day),
            ]);

        var greedy = InspectionScheduler.Plan(request, improve: false);
        var plan = InspectionScheduler.Plan(request);

        Assert.Equal(2, greedy.Coverage.KeySessionsCovered);
        Assert.Equal(3, plan.Coverage.KeySessionsCovered);
        Assert.Equal(3, plan.Coverage.UpperBound);
        Assert.Equal(new Dictionary<string, string> { ["x"] = "ann", ["a"] = "bob", ["b"] = "cid" }, Assigned(plan));
    }

    [Fact]
    public void Where_the_flow_bound_is_not_tight_a_small_day_is_settled_by_exhaustive_search()
    {
        // At every instant all three sessions could be matched, but only by moving "long" from bob to ann at
        // noon; an inspector must keep a session throughout, so one of the three stays uncovered.
        var request = Request(
            [Key("long", "10:00", "14:00", "food"), Key("am", "10:00", "12:00", "cosmetics"), Key("pm", "12:00", "14:00", "general")],
            [Inspector("ann", 1, ["food", "cosmetics"], Day), Inspector("bob", 1, ["food", "general"], Day)]);

        var coverage = InspectionScheduler.Plan(request).Coverage;

        Assert.Equal(3, coverage.Solver!.FlowBound);
        Assert.Equal(2, coverage.KeySessionsCovered);
        Assert.True(coverage.ProvenOptimal);
        Assert.Equal(2, coverage.UpperBound);
        Assert.Equal(PlanSolver.NotNeeded, coverage.Solver.Status);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    public void An_inspector_never_holds_more_than_their_limit_at_once(int capacity, int covered)
    {
        var request = Request(
            [Key("s1", "10:00", "12:00"), Key("s2", "10:30", "12:30"), Key("s3", "11:00", "13:00")],
            [Inspector("ann", capacity, ["food"], Day)]);

        var plan = InspectionScheduler.Plan(request);

        Assert.Equal(covered, plan.Coverage.KeySessionsCovered);
        Assert.Equal(covered, plan.Coverage.UpperBound);
        Assert.All(plan.Coverage.Uncovered, u => Assert.Equal(KeyRoomReasonCodes.NoCapacity, u.Reason));
    }

    [Fact]
    public void Capacity_counts_overlap_at_an_instant_not_sessions_per_shift()
    {
        // Three back-to-back sessions never overlap (ends are exclusive), so one place is enough.
        var request = Request(
            [Key("s1", "10:00", "11:00"), Key("s2", "11:00", "12:00"), Key("s3", "12:00", "13:00")],
            [Inspector("ann", 1, ["food"], Day)]);

        Assert.Equal(3, InspectionScheduler.Plan(request).Coverage.KeySessionsCovered);
    }

    [Theory]
    [InlineData("07:59", "10:00", false)] // starts before the shift
    [InlineData("18:00", "20:01", false)] // ends after it
    [InlineData("08:00", "20:00", true)]  // exactly the shift
    public void A_session_must_lie_within_the_shift(string from, string to, bool covered)
    {
        var request = Request([Key("s", from, to)], [Inspector("ann", 1, ["food"], Day)]);

        var plan = InspectionScheduler.Plan(request);

        Assert.Equal(covered ? 1 : 0, plan.Coverage.KeySessionsCovered);
        if (!covered)
        {
            Assert.Equal(KeyRoomReasonCodes.NoShiftCoversSession, Assert.Single(plan.Coverage.Uncovered).Reason);
            Assert.Equal(0, plan.Coverage.UpperBound);
        }
    }

    [Fact]
    public void Two_touching_shifts_are_not_one_shift_for_a_session_across_them()
    {
        var request = Request(
            [Key("s", "11:00", "13:00")],
            [Inspector("ann", 1, ["food"], ("08:00", "12:00"), ("12:00", "16:00"))]);

        Assert.Equal(
            KeyRoomReasonCodes.NoShiftCoversSession,
            Assert.Single(InspectionScheduler.Plan(request).Coverage.Uncovered).Reason);
    }

    [Fact]
    public void The_first_applicable_reason_is_given()
    {
        var request = Request(
            [
                Key("nobody-skilled", "21:00", "22:00", "otc_drugs"), // also off shift, but the skill comes first
                Key("off-shift", "21:00", "22:00", "food"),
                Key("full-1", "10:00", "11:00", "food"),
                Key("full-2", "10:00", "11:00", "food"),
            ],
            [Inspector("ann", 1, ["food"], Day)]);

        var plan = InspectionScheduler.Plan(request);

        Assert.Equal(
            [
                new UncoveredSession("full-2", KeyRoomReasonCodes.NoCapacity, [new CapacityHolder("ann", ["full-1"])]),
                new UncoveredSession("nobody-skilled", KeyRoomReasonCodes.NoSkilledInspector),
                new UncoveredSession("off-shift", KeyRoomReasonCodes.NoShiftCoversSession),
            ],
            plan.Coverage.Uncovered);
    }

    [Fact]
    public void Standard_sessions_get_no_inspector()
    {
        var request = Request([Standard("s", "10:00", "11:00", "r1")], [Inspector("ann", 1, ["apparel"], Day)]);

        var plan = InspectionScheduler.Plan(request);

        Assert.Empty(plan.Assignments);
        Assert.Equal(0, plan.Coverage.KeySessionsTotal);
    }

    [Fact]
    public void Load_is_spread_over_eligible_inspectors_ties_by_id()
    {
        var request = Request(
            [Key("s1", "09:00", "10:00"), Key("s2", "10:00", "11:00"), Key("s3", "11:00", "12:00"), Key("s4", "12:00", "13:00")],
            [Inspector("bob", 4, ["food"], Day), Inspector("ann", 4, ["food"], Day)]);

        var plan = InspectionScheduler.Plan(request);

        Assert.Equal(
            new Dictionary<string, string> { ["s1"] = "ann", ["s2"] = "bob", ["s3"] = "ann", ["s4"] = "bob" },
            Assigned(plan));
    }

    [Fact]
    public void Each_assignment_says_why_that_inspector()
    {
        var request = Request(
            [Key("only", "10:00", "11:00", "otc_drugs"), Key("spread", "13:00", "14:00", "food")],
            [
                Inspector("ann", 2, ["food", "otc_drugs"], Day),
                Inspector("bob", 2, ["food"], Day),
                Inspector("cid", 2, ["food"], Day),
            ]);

        var plan = InspectionScheduler.Plan(request);

        Assert.Equal(
            "only inspector skilled in otc_drugs on shift for the whole session",
            plan.Assignments.Single(a => a.SessionId == "only").Explanation);
        Assert.Equal(
            "least loaded of 3 eligible inspectors with room (0 min besides this session)",
            plan.Assignments.Single(a => a.SessionId == "spread").Explanation);
        Assert.Equal("bob", plan.Assignments.Single(a => a.SessionId == "spread").InspectorId);
    }

    [Fact]
    public void The_plan_does_not_depend_on_the_order_of_the_request()
    {
        var sessions = Enumerable.Range(0, 40)
            .Select(k => Key($"s{k:D2}", $"{9 + (k % 9):D2}:{k % 4 * 15:D2}", $"{11 + (k % 9):D2}:00", k % 3 == 0 ? "food" : "cosmetics"))
            .ToList();
        var inspectors = Enumerable.Range(0, 6)
            .Select(k => Inspector($"i{k}", 1 + (k % 3), k % 2 == 0 ? ["food", "cosmetics"] : ["cosmetics"], Day))
            .ToList();
        var shuffle = new Random(7);

        var plan = InspectionScheduler.Plan(Request(sessions, inspectors));
        var again = InspectionScheduler.Plan(Request(
            sessions.OrderBy(_ => shuffle.Next()).ToList(),
            inspectors.OrderBy(_ => shuffle.Next()).ToList()));

        Assert.Equal(plan.Assignments, again.Assignments);
        Assert.Equal(plan.Coverage.Uncovered, again.Coverage.Uncovered);
        Assert.Equal(plan.Coverage.UpperBound, again.Coverage.UpperBound);
    }

    [Fact]
    public void An_invalid_request_is_described_field_by_field_and_refused()
    {
        var request = Request(
            [Key("s", "10:00", "10:00"), Key("s", "11:00", "12:00")],
            [Inspector("ann", -1, ["food"], ("09:00", "08:00"))],
            slotMinutes: 0);

        var problems = request.Validate();

        Assert.Equal(
            ["slotMinutes", "sessions[0].end", "sessions[1].sessionId", "inspectors[0].maxConcurrentRooms", "inspectors[0].shifts[0].end"],
            problems.Select(p => p.Field));
        Assert.Throws<ArgumentException>(() => InspectionScheduler.Plan(request));
    }
}
