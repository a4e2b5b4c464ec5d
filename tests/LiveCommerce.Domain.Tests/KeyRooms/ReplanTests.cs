using LiveCommerce.Domain.KeyRooms;
using static LiveCommerce.Domain.Tests.KeyRooms.ScheduleBuilder;

namespace LiveCommerce.Domain.Tests.KeyRooms;

public sealed class ReplanTests
{
    private static readonly (string, string) Day = ("08:00", "20:00");

    private static readonly LiveSession[] Morning =
    [
        Key("s1", "09:00", "11:00"), Key("s2", "09:30", "10:30"), Key("s3", "10:00", "12:00"),
    ];

    private static readonly Inspector[] Team =
    [
        Inspector("ann", 2, ["food", "general"], Day), Inspector("bob", 2, ["food", "general"], Day),
    ];

    [Fact]
    public void Replanning_an_unchanged_request_keeps_every_assignment()
    {
        var request = Request(Morning, Team);
        var previous = InspectionScheduler.Plan(request);

        var plan = InspectionScheduler.Replan(request, previous);

        Assert.Equal(previous.Assignments.Select(a => (a.SessionId, a.InspectorId)), plan.Assignments.Select(a => (a.SessionId, a.InspectorId)));
        Assert.Equal(["s1", "s2", "s3"], plan.Changes!.Kept);
        Assert.Empty(plan.Changes.Reassigned);
        Assert.Empty(plan.Changes.NewlyCovered);
        Assert.Empty(plan.Changes.NewlyUncovered);
        Assert.All(plan.Assignments, a => Assert.StartsWith("kept from the previous plan", a.Explanation, StringComparison.Ordinal));
    }

    [Fact]
    public void An_added_key_session_is_covered_without_moving_the_others()
    {
        var previous = InspectionScheduler.Plan(Request(Morning, Team));

        var plan = InspectionScheduler.Replan(Request([.. Morning, Key("new", "10:15", "10:45")], Team), previous);

        Assert.Equal(["new"], plan.Changes!.NewlyCovered);
        Assert.Equal(["s1", "s2", "s3"], plan.Changes.Kept);
        foreach (var before in previous.Assignments)
        {
            Assert.Equal(before.InspectorId, plan.Assignments.Single(a => a.SessionId == before.SessionId).InspectorId);
        }
    }

    [Fact]
    public void When_an_inspector_drops_out_their_sessions_move_and_the_move_is_reported()
    {
        var team = new[] { Inspector("ann", 1, ["food"], Day), Inspector("bob", 1, ["food"], Day) };
        var sessions = new[] { Key("s1", "09:00", "10:00"), Key("s2", "09:00", "10:00"), Key("s3", "11:00", "12:00") };
        var previous = InspectionScheduler.Plan(Request(sessions, team));
        Assert.Equal(["ann", "bob", "ann"], previous.Assignments.Select(a => a.InspectorId));

        var plan = InspectionScheduler.Replan(Request(sessions, [team[1]]), previous);

        // bob keeps s2, takes over s3, and has no place for s1 at 09:00.
        Assert.Equal(["s2"], plan.Changes!.Kept);
        Assert.Equal(new SessionMove("s3", "ann", "bob"), Assert.Single(plan.Changes.Reassigned));
        Assert.Equal(
            new UncoveredSession("s1", KeyRoomReasonCodes.NoCapacity, [new CapacityHolder("bob", ["s2"])]),
            Assert.Single(plan.Changes.NewlyUncovered));
        Assert.StartsWith(
            "reassigned from ann, who is no longer on the roster",
            plan.Assignments.Single(a => a.SessionId == "s3").Explanation,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_kept_session_moves_only_to_let_another_key_session_in()
    {
        var team = new[] { Inspector("ann", 1, ["food", "general"], Day), Inspector("bob", 1, ["general"], Day) };
        var general = Key("general", "10:00", "12:00", "general");
        var previous = InspectionScheduler.Plan(Request([general], team));
        Assert.Equal("ann", Assert.Single(previous.Assignments).InspectorId);

        var plan = InspectionScheduler.Replan(Request([general, Key("food", "10:30", "11:30", "food")], team), previous);

        Assert.Equal(new SessionMove("general", "ann", "bob"), Assert.Single(plan.Changes!.Reassigned));
        Assert.Equal(["food"], plan.Changes.NewlyCovered);
        Assert.StartsWith(
            "reassigned from ann, to make room for another key session",
            plan.Assignments.Single(a => a.SessionId == "general").Explanation,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_kept_session_is_never_given_up_for_new_ones()
    {
        // A fresh plan would drop the long session for the two short ones; a replan keeps what is under way.
        var team = new[] { Inspector("ann", 1, ["food"], Day) };
        var previous = InspectionScheduler.Plan(Request([Key("long", "09:00", "17:00")], team));
        var request = Request([Key("long", "09:00", "17:00"), Key("short1", "10:00", "11:00"), Key("short2", "12:00", "13:00")], team);

        var fresh = InspectionScheduler.Plan(request);
        var plan = InspectionScheduler.Replan(request, previous);

        Assert.Equal(2, fresh.Coverage.KeySessionsCovered);
        Assert.Equal(["long"], plan.Changes!.Kept);
        Assert.Empty(plan.Changes.NewlyCovered);
        Assert.Equal(["short1", "short2"], plan.Coverage.Uncovered.Select(u => u.SessionId));
    }

    [Fact]
    public void A_session_no_longer_in_the_request_is_released()
    {
        var previous = InspectionScheduler.Plan(Request(Morning, Team));

        var plan = InspectionScheduler.Replan(Request(Morning[1..], Team), previous);

        Assert.Equal(["s1"], plan.Changes!.Released);
        Assert.Equal(["s2", "s3"], plan.Changes.Kept);
    }

    [Fact]
    public void A_kept_assignment_whose_inspector_lost_the_shift_is_redone()
    {
        var previous = InspectionScheduler.Plan(Request([Key("s", "09:00", "10:00")], Team));
        var was = Assert.Single(previous.Assignments).InspectorId;
        var team = Team.Select(i => i.InspectorId == was ? Inspector(was, 2, ["food"], ("12:00", "20:00")) : i).ToList();

        var plan = InspectionScheduler.Replan(Request([Key("s", "09:00", "10:00")], team), previous);

        var move = Assert.Single(plan.Changes!.Reassigned);
        Assert.Equal(was, move.FromInspectorId);
        Assert.Contains("no longer has the skill or a shift spanning the session", plan.Assignments[0].Explanation, StringComparison.Ordinal);
    }
}
