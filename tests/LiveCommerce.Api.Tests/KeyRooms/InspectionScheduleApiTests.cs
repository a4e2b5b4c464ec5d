using System.Net;
using System.Net.Http.Json;
using static LiveCommerce.Api.Tests.KeyRooms.KeyRoomWire;

namespace LiveCommerce.Api.Tests.KeyRooms;

[Collection(LocalHostCollection.Name)]
public sealed class InspectionScheduleApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task Where_greedy_gives_the_versatile_inspector_away_the_plan_still_reaches_the_bound()
    {
        // By start time "general" comes first and greedy hands it to ann (least loaded, ties by id), the only one
        // who could take "food": a greedy plan covers one session. The bound is two, and the plan reaches it.
        using var client = fixture.ClientFor();
        var plan = await client.PostAsJsonAsync("api/inspection-schedules", Schedule(
            [Key("general", "10:00", "12:00", "general"), Key("food", "10:30", "11:30", "food")],
            [Inspector("ann", 1, ["food", "general"]), Inspector("bob", 1, ["general"])])).OkAsync();

        Assert.Equal(new Dictionary<string, string> { ["food"] = "ann", ["general"] = "bob" }, plan.AssignedInspectors());
        var coverage = plan.GetProperty("coverage");
        Assert.Equal(2, coverage.GetProperty("keySessionsTotal").GetInt32());
        Assert.Equal(2, coverage.GetProperty("keySessionsCovered").GetInt32());
        Assert.Equal(2, coverage.GetProperty("upperBound").GetInt32());
        Assert.True(coverage.GetProperty("provenOptimal").GetBoolean());
        Assert.Empty(coverage.GetProperty("uncovered").Strings());
        var food = plan.GetProperty("assignments").EnumerateArray().Single(a => a.GetProperty("sessionId").GetString() == "food");
        Assert.Equal(At("10:30"), food.GetProperty("start").GetString());
        Assert.Equal(At("11:30"), food.GetProperty("end").GetString());
        Assert.Equal("only inspector skilled in food on shift for the whole session", food.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task Where_the_fast_bound_is_not_reached_CP_SAT_proves_the_optimum_and_each_uncovered_session_names_who_is_full()
    {
        // Twelve copies of a day the flow bound cannot settle: at every instant the three sessions could be matched,
        // but only by moving "long" between ann and bob at noon. 36 sessions (too many for the small exhaustive
        // search), flow bound 36; CP-SAT proves 24.
        using var client = fixture.ClientFor();
        var sessions = new List<object>();
        var inspectors = new List<object>();
        for (var k = 0; k < 12; k++)
        {
            sessions.Add(Key($"long{k:D2}", "10:00", "14:00", $"food{k}"));
            sessions.Add(Key($"am{k:D2}", "10:00", "12:00", $"cosmetics{k}"));
            sessions.Add(Key($"pm{k:D2}", "12:00", "14:00", $"general{k}"));
            inspectors.Add(Inspector($"ann{k:D2}", 1, [$"food{k}", $"cosmetics{k}"]));
            inspectors.Add(Inspector($"bob{k:D2}", 1, [$"food{k}", $"general{k}"]));
        }

        var plan = await client.PostAsJsonAsync("api/inspection-schedules", Schedule([.. sessions], [.. inspectors])).OkAsync();

        var coverage = plan.GetProperty("coverage");
        Assert.Equal(24, coverage.GetProperty("keySessionsCovered").GetInt32());
        Assert.True(coverage.GetProperty("optimal").GetBoolean());
        Assert.Equal(24, coverage.GetProperty("optimum").GetInt32());
        Assert.Equal(24, coverage.GetProperty("bound").GetInt32());
        Assert.Equal(24, coverage.GetProperty("upperBound").GetInt32());
        var solver = coverage.GetProperty("solver");
        Assert.Equal("OPTIMAL", solver.GetProperty("status").GetString());
        Assert.Equal(36, solver.GetProperty("flowBound").GetInt32());
        Assert.True(solver.GetProperty("timeMs").GetInt64() >= 0);
        Assert.Contains(solver.GetProperty("path").GetString(), new[] { "fast", "cp-sat" });

        var reasons = coverage.GetProperty("uncoveredReasons").EnumerateArray().ToList();
        Assert.Equal(12, reasons.Count);
        foreach (var reason in reasons)
        {
            Assert.Equal("NO_CAPACITY", reason.GetProperty("reason").GetString());
            var copy = reason.GetProperty("sessionId").GetString()![^2..];
            var blocked = reason.GetProperty("blockedBy").EnumerateArray().ToList();
            Assert.NotEmpty(blocked);
            foreach (var holder in blocked)
            {
                Assert.EndsWith(copy, holder.GetProperty("inspectorId").GetString(), StringComparison.Ordinal);
                Assert.All(holder.GetProperty("sessionIds").Strings(), id => Assert.EndsWith(copy, id, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task Slots_short_of_one_auditor_per_50_live_rooms_and_uncoverable_sessions_are_reported()
    {
        using var client = fixture.ClientFor();
        object[] sessions =
        [
            .. Enumerable.Range(0, 50).Select(i => Standard($"s{i}", "10:00", "11:00", $"room-{i}")),
            Key("pills", "10:00", "11:00", "otc_drugs", room: "room-pills"),
        ];
        var plan = await client.PostAsJsonAsync("api/inspection-schedules", Schedule(sessions, [Inspector("ann", 1, ["food"])])).OkAsync();

        var coverage = plan.GetProperty("coverage");
        Assert.Equal(["pills"], coverage.GetProperty("uncovered").Strings());
        var reason = coverage.GetProperty("uncoveredReasons").EnumerateArray().Single();
        Assert.Equal("NO_SKILLED_INSPECTOR", reason.GetProperty("reason").GetString());
        Assert.False(reason.TryGetProperty("blockedBy", out _)); // only NO_CAPACITY names who is full
        var violation = coverage.GetProperty("ratioViolations").EnumerateArray().Single();
        Assert.Equal(At("10:00"), violation.GetProperty("slotStart").GetString());
        Assert.Equal(51, violation.GetProperty("liveRooms").GetInt32());
        Assert.Equal(1, violation.GetProperty("auditors").GetInt32());
        Assert.Equal(2, violation.GetProperty("required").GetInt32());
        Assert.Empty(plan.GetProperty("assignments").EnumerateArray());
    }

    [Fact]
    public async Task Every_field_error_is_listed_with_its_path()
    {
        using var client = fixture.ClientFor();
        using var response = await client.PostAsJsonAsync("api/inspection-schedules", new
        {
            to = At("00:00", "2031-03-12"),
            slotMinutes = 3,
            sessions = new object?[]
            {
                new { sessionId = "a", roomId = "r", start = "2031-03-02T10:00:00", end = At("11:00"), tier = "vip", category = "food" },
                new { sessionId = "b", roomId = "r", start = At("12:00"), end = At("11:00"), tier = "key", category = "food" },
                new { sessionId = "b", roomId = "r", start = At("13:00"), end = At("14:00"), tier = "key" },
                null,
            },
            inspectors = new object[]
            {
                new { inspectorId = "ann", shifts = new[] { new { start = At("20:00"), end = At("08:00") } }, skills = new[] { "food" } },
            },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("from", "REQUIRED");
        problem.AssertFieldError("slotMinutes", "OUT_OF_RANGE");
        problem.AssertFieldError("sessions[0].start", "INVALID_FORMAT");
        problem.AssertFieldError("sessions[0].tier", "INVALID_VALUE");
        problem.AssertFieldError("sessions[1].end", "INVALID_VALUE");
        problem.AssertFieldError("sessions[2].sessionId", "INVALID_VALUE");
        problem.AssertFieldError("sessions[2].category", "REQUIRED");
        problem.AssertFieldError("sessions[3]", "REQUIRED");
        problem.AssertFieldError("inspectors[0].maxConcurrentRooms", "REQUIRED");
        problem.AssertFieldError("inspectors[0].shifts[0].end", "INVALID_VALUE");
        // A missing "from" is reported once, not again as a window problem.
        Assert.DoesNotContain(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "to");

        using var tooLong = await client.PostAsJsonAsync("api/inspection-schedules", new { from = At("00:00"), to = At("00:00", "2031-03-12"), slotMinutes = 60, sessions = Array.Empty<object>(), inspectors = Array.Empty<object>() });
        (await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("to", "OUT_OF_RANGE");
        using var backwards = await client.PostAsJsonAsync("api/inspection-schedules", new { from = At("12:00"), to = At("08:00"), slotMinutes = 60, sessions = Array.Empty<object>(), inspectors = Array.Empty<object>() });
        (await backwards.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("to", "INVALID_VALUE");
    }

    [Fact]
    public async Task More_than_20000_sessions_is_413()
    {
        using var client = fixture.ClientFor();
        var sessions = Enumerable.Range(0, 20_001).Select(i => Standard($"s{i}", "10:00", "11:00", "r")).ToArray();
        using var response = await client.PostAsJsonAsync("api/inspection-schedules", Schedule(sessions, []));
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task A_schedule_is_replayed_by_its_idempotency_key_and_another_body_under_it_is_422()
    {
        using var client = fixture.ClientFor();
        var body = Schedule([Key("a", "10:00", "11:00")], [Inspector("ann", 1, ["food"])]);

        var first = await PostWithKeyAsync(client, "api/inspection-schedules", body, "plan-1");
        var second = await PostWithKeyAsync(client, "api/inspection-schedules", body, "plan-1");
        var other = await PostWithKeyAsync(client, "api/inspection-schedules", Schedule([], []), "plan-1");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.False(first.Replayed);
        Assert.Equal(first.Body, second.Body);
        Assert.True(second.Replayed);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
    }
}
