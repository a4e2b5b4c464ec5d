using LiveCommerce.Domain.KeyRooms;
using NodaTime;
using static LiveCommerce.Domain.Tests.KeyRooms.ScheduleBuilder;

namespace LiveCommerce.Domain.Tests.KeyRooms;

public sealed class AuditorRatioTests
{
    private static List<LiveSession> RoomsLive(int rooms, string from = "10:00", string to = "11:00") =>
        Enumerable.Range(0, rooms).Select(k => Standard($"s{k}", from, to, $"r{k}")).ToList();

    private static List<Inspector> Auditors(int count, params (string From, string To)[] shifts) =>
        Enumerable.Range(0, count)
            .Select(k => Inspector($"i{k}", 0, [], shifts.Length > 0 ? shifts : [("08:00", "20:00")]))
            .ToList();

    [Theory]
    [InlineData(50, 1, false)]
    [InlineData(51, 1, true)]
    [InlineData(51, 2, false)]
    [InlineData(100, 2, false)]
    [InlineData(101, 2, true)]
    [InlineData(101, 3, false)]
    public void One_auditor_per_fifty_live_rooms_rounded_up(int rooms, int auditors, bool violated)
    {
        var violations = AuditorRatio.Violations(Request(RoomsLive(rooms), Auditors(auditors)));

        if (violated)
        {
            Assert.Equal(new RatioViolation(At("10:00"), rooms, auditors, (rooms + 49) / 50), Assert.Single(violations));
        }
        else
        {
            Assert.Empty(violations);
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 2)]
    [InlineData(100, 2)]
    [InlineData(101, 3)]
    public void Required_auditors(int liveRooms, int required) => Assert.Equal(required, AuditorRatio.Required(liveRooms));

    [Fact]
    public void A_room_with_two_sessions_in_a_slot_counts_once_and_standard_rooms_count()
    {
        var sessions = RoomsLive(50);
        sessions.Add(Standard("again", "10:30", "10:45", "r0"));
        sessions.Add(Key("key", "10:15", "10:45", room: "r-key"));

        var violation = Assert.Single(AuditorRatio.Violations(Request(sessions, Auditors(1))));

        Assert.Equal(51, violation.LiveRooms);
    }

    [Fact]
    public void A_session_touching_a_slot_only_at_its_start_is_not_live_in_it()
    {
        // 51 rooms live 10:00–11:00 are live in the 10:00 slot only; the 11:00 slot starts as they end.
        var violations = AuditorRatio.Violations(Request(RoomsLive(51), Auditors(1)));

        Assert.Equal([At("10:00")], violations.Select(v => v.SlotStart));
    }

    [Fact]
    public void An_inspector_arriving_mid_slot_is_not_an_auditor_of_that_slot()
    {
        var violation = Assert.Single(AuditorRatio.Violations(Request(RoomsLive(1), Auditors(1, ("10:30", "20:00")))));

        Assert.Equal(new RatioViolation(At("10:00"), 1, 0, 1), violation);
    }

    [Fact]
    public void Touching_shifts_make_one_stretch_on_duty()
    {
        var request = Request(RoomsLive(1), Auditors(1, ("08:00", "10:30"), ("10:30", "20:00")));

        Assert.Empty(AuditorRatio.Violations(request));
    }

    [Fact]
    public void The_last_slot_ends_with_the_window()
    {
        // A 90-minute window in 60-minute slots: 10:00–11:00 and 11:00–11:30.
        var request = new ScheduleRequest(
            At("10:00"), At("11:30"), 60, RoomsLive(1, "11:10", "11:20"), Auditors(1, ("11:00", "11:30")));

        Assert.Empty(AuditorRatio.Violations(request));
    }

    [Fact]
    public void The_plan_reports_the_ratio_violations()
    {
        var plan = InspectionScheduler.Plan(Request(RoomsLive(60, "10:00", "10:15"), Auditors(1), slotMinutes: 15));

        Assert.Equal(new RatioViolation(At("10:00"), 60, 1, 2), Assert.Single(plan.Coverage.RatioViolations));
        Assert.Equal(Duration.FromMinutes(15), At("10:15") - plan.Coverage.RatioViolations[0].SlotStart);
    }
}
