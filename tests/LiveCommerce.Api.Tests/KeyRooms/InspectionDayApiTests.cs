using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static LiveCommerce.Api.Tests.KeyRooms.KeyRoomWire;

namespace LiveCommerce.Api.Tests.KeyRooms;

[Collection(LocalHostCollection.Name)]
public sealed class InspectionDayApiTests(LocalHostFixture fixture)
{
    private const string DayPath = $"api/inspection-days/{Day}";

    // Two food inspectors for three sessions: s1 and s2 at the same time, s3 later.
    private static readonly object[] Sessions = [Key("s1", "09:00", "10:00"), Key("s2", "09:00", "10:00"), Key("s3", "11:00", "12:00")];

    private static readonly object[] Team = [Inspector("ann", 1, ["food"]), Inspector("bob", 1, ["food"])];

    private static async Task<JsonElement> PutDayAsync(HttpClient client, object[] sessions, object[] inspectors) =>
        await client.PutAsJsonAsync(DayPath, new { slotMinutes = 30, sessions, inspectors }).OkAsync();

    private static Task<JsonElement> ReplanAsync(HttpClient client, object changes) =>
        client.PostAsJsonAsync($"{DayPath}/replan", changes).OkAsync();

    [Fact]
    public async Task A_stored_day_is_planned_by_the_first_replan_and_its_schedule_kept()
    {
        using var client = fixture.ClientFor();
        var stored = await PutDayAsync(client, Sessions, Team);
        Assert.Equal(1, stored.GetProperty("inputVersion").GetInt32());
        Assert.Equal(3, stored.GetProperty("keySessionCount").GetInt32());
        Assert.Equal(1, (await PutDayAsync(client, Sessions, Team)).GetProperty("inputVersion").GetInt32()); // same content, same version

        var day = await client.GetFromJsonAsync<JsonElement>(DayPath);
        Assert.Equal(30, day.GetProperty("slotMinutes").GetInt32());
        Assert.Equal(At("09:00"), day.GetProperty("sessions")[0].GetProperty("start").GetString());
        Assert.Equal("ann", day.GetProperty("inspectors")[0].GetProperty("inspectorId").GetString());
        using var noSchedule = await client.GetAsync($"{DayPath}/schedule");
        await noSchedule.AssertProblemAsync(HttpStatusCode.NotFound, "SCHEDULE_NOT_FOUND");

        var plan = await ReplanAsync(client, new { });
        Assert.Equal(["s1", "s2", "s3"], plan.GetProperty("changes").GetProperty("newlyCovered").Strings());
        Assert.Equal("replan", plan.GetProperty("trigger").GetString());
        Assert.Equal(3, plan.GetProperty("coverage").GetProperty("keySessionsCovered").GetInt32());

        var schedule = await client.GetFromJsonAsync<JsonElement>($"{DayPath}/schedule");
        Assert.Equal(plan.AssignedInspectors(), schedule.AssignedInspectors());
        Assert.False(schedule.GetProperty("stale").GetBoolean());
        var planned = schedule.GetProperty("coverage");
        Assert.True(planned.GetProperty("optimal").GetBoolean());
        Assert.Equal(3, planned.GetProperty("bound").GetInt32());
        Assert.Equal("fast", planned.GetProperty("solver").GetProperty("path").GetString());

        // A new input without a replan leaves the schedule in place, marked stale.
        await PutDayAsync(client, [.. Sessions, Key("s4", "13:00", "14:00")], Team);
        var stale = await client.GetFromJsonAsync<JsonElement>($"{DayPath}/schedule");
        Assert.True(stale.GetProperty("stale").GetBoolean());
        Assert.Equal(1, stale.GetProperty("inputVersion").GetInt32());
        Assert.Equal(2, stale.GetProperty("currentInputVersion").GetInt32());
    }

    [Fact]
    public async Task Replanning_after_an_inspector_drops_out_and_a_session_is_added_reports_what_moved()
    {
        using var client = fixture.ClientFor();
        await PutDayAsync(client, Sessions, Team);
        var first = (await ReplanAsync(client, new { })).AssignedInspectors();
        var leaving = first["s1"];
        var staying = first["s2"];

        var dropped = await ReplanAsync(client, new { removeInspectorIds = new[] { leaving }, addInspectors = new[] { Inspector("cid", 1, ["food"]) } });

        var changes = dropped.GetProperty("changes");
        var moves = changes.GetProperty("reassigned").EnumerateArray().ToList();
        Assert.Contains(moves, m => m.GetProperty("sessionId").GetString() == "s1" && m.GetProperty("fromInspectorId").GetString() == leaving);
        Assert.All(moves, m => Assert.Equal(leaving, m.GetProperty("fromInspectorId").GetString()));
        Assert.Contains("s2", changes.GetProperty("kept").Strings());
        Assert.Equal(staying, dropped.AssignedInspectors()["s2"]);
        Assert.DoesNotContain(leaving, dropped.AssignedInspectors().Values);
        Assert.Empty(changes.GetProperty("newlyUncovered").EnumerateArray());
        Assert.Equal(2, dropped.GetProperty("inputVersion").GetInt32());
        var moved = dropped.GetProperty("assignments").EnumerateArray().Single(a => a.GetProperty("sessionId").GetString() == "s1");
        Assert.StartsWith($"reassigned from {leaving}, who is no longer on the roster", moved.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        var added = await ReplanAsync(client, new { addSessions = new[] { Key("s4", "13:00", "14:00") } });
        Assert.Equal(["s4"], added.GetProperty("changes").GetProperty("newlyCovered").Strings());
        Assert.Equal(["s1", "s2", "s3"], added.GetProperty("changes").GetProperty("kept").Strings());
        Assert.Equal(3, added.GetProperty("inputVersion").GetInt32());

        // The stored day is the changed one: cid on the roster, the leaver gone, s4 planned.
        var day = await client.GetFromJsonAsync<JsonElement>(DayPath);
        Assert.Equal(
            new[] { staying, "cid" }.Order(StringComparer.Ordinal),
            day.GetProperty("inspectors").EnumerateArray().Select(i => i.GetProperty("inspectorId").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(4, day.GetProperty("sessions").GetArrayLength());
    }

    [Fact]
    public async Task A_replan_is_replayed_by_its_idempotency_key_without_changing_the_day_twice()
    {
        using var client = fixture.ClientFor();
        await PutDayAsync(client, Sessions, Team);
        var change = new { addSessions = new[] { Key("s4", "13:00", "14:00") } };

        var first = await PostWithKeyAsync(client, $"{DayPath}/replan", change, "replan-1");
        var second = await PostWithKeyAsync(client, $"{DayPath}/replan", change, "replan-1");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.True(second.Replayed);
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>(DayPath)).GetProperty("inputVersion").GetInt32());

        // Without the key, the same change is refused: s4 is already on the day.
        using var repeated = await client.PostAsJsonAsync($"{DayPath}/replan", change);
        (await repeated.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("addSessions[0].sessionId", "DUPLICATE");
    }

    [Fact]
    public async Task Another_platform_cannot_see_or_replan_a_platforms_day()
    {
        using var platformA = fixture.ClientFor();
        using var platformB = fixture.ClientFor();
        await PutDayAsync(platformA, Sessions, Team);
        await ReplanAsync(platformA, new { });

        using var day = await platformB.GetAsync(DayPath);
        await day.AssertProblemAsync(HttpStatusCode.NotFound, "DAY_NOT_FOUND");
        using var schedule = await platformB.GetAsync($"{DayPath}/schedule");
        await schedule.AssertProblemAsync(HttpStatusCode.NotFound, "DAY_NOT_FOUND");
        using var replan = await platformB.PostAsJsonAsync($"{DayPath}/replan", new { removeInspectorIds = new[] { "ann" } });
        await replan.AssertProblemAsync(HttpStatusCode.NotFound, "DAY_NOT_FOUND");

        // A's day is untouched by B's attempts.
        Assert.Equal(1, (await platformA.GetFromJsonAsync<JsonElement>(DayPath)).GetProperty("inputVersion").GetInt32());
    }

    [Fact]
    public async Task Bad_days_and_bad_changes_list_every_field_error()
    {
        using var client = fixture.ClientFor();
        using var badDate = await client.PutAsJsonAsync("api/inspection-days/2031-02-30", new { sessions = Sessions, inspectors = Team });
        (await badDate.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("date", "INVALID_FORMAT");

        using var badDay = await client.PutAsJsonAsync(DayPath, new
        {
            slotMinutes = 500,
            sessions = new object[]
            {
                new { sessionId = "x", roomId = "r", start = At("23:00", "2031-03-01"), end = At("01:00"), tier = "key", category = "food" },
                new { sessionId = "y", roomId = "r", start = At("10:00"), end = At("11:00"), tier = "premium", category = "food" },
            },
            inspectors = new object[] { new { inspectorId = "ann", shifts = Array.Empty<object>(), skills = new[] { "food" }, maxConcurrentRooms = 101 } },
        });
        var problem = await badDay.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("slotMinutes", "OUT_OF_RANGE");
        problem.AssertFieldError("sessions[0].start", "OUT_OF_RANGE");
        problem.AssertFieldError("sessions[1].tier", "INVALID_VALUE");
        problem.AssertFieldError("inspectors[0].maxConcurrentRooms", "OUT_OF_RANGE");
        using var notStored = await client.GetAsync(DayPath);
        await notStored.AssertProblemAsync(HttpStatusCode.NotFound, "DAY_NOT_FOUND");

        await PutDayAsync(client, Sessions, Team);
        using var badChange = await client.PostAsJsonAsync($"{DayPath}/replan", new
        {
            removeInspectorIds = new[] { "nobody" },
            removeSessionIds = new[] { "s9" },
            addSessions = new[] { Key("s1", "13:00", "14:00"), Key("late", "10:00", "09:00") },
        });
        var changeProblem = await badChange.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        changeProblem.AssertFieldError("addSessions[1].end", "INVALID_VALUE");
        changeProblem.AssertFieldError("removeInspectorIds[0]", "INVALID_VALUE");
        changeProblem.AssertFieldError("removeSessionIds[0]", "INVALID_VALUE");
        changeProblem.AssertFieldError("addSessions[0].sessionId", "DUPLICATE");
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>(DayPath)).GetProperty("inputVersion").GetInt32());
    }
}
