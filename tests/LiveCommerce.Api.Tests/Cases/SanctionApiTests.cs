using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Api.Tests.Identity;
using static LiveCommerce.Api.Tests.Cases.CaseWire;

namespace LiveCommerce.Api.Tests.Cases;

[Collection(LocalHostCollection.Name)]
public sealed class SanctionApiTests(LocalHostFixture fixture)
{
    private static Task<HttpResponseMessage> ImposeAsync(HttpClient staff, object subject, string measure, DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null) =>
        staff.PostAsJsonAsync("api/sanctions", new
        {
            subject,
            measure,
            reason = "False claims about a health product",
            facts = "Session s-9 at 20:14: 'cures diabetes'.",
            startsAt = startsAt is { } s ? Time(s) : null,
            endsAt = endsAt is { } e ? Time(e) : null,
        });

    private static IReadOnlyList<string> Codes(JsonElement status) =>
        [.. status.GetProperty("reasons").EnumerateArray().Select(r => Str(r, "code"))];

    [Fact]
    public async Task A_live_suspension_blocks_the_hosts_pre_live_checks_with_SANCTIONED_and_only_compliance_may_impose_it()
    {
        var wire = new CaseWire(fixture);
        using var platform = wire.PlatformApi();
        using var reviewer = wire.Staff("rev-sun");
        await PreLiveApiTests.QualifyAsync(platform, "m1", "h1");

        await (await ImposeAsync(platform, new { hostId = "h1" }, "suspend_live")).AssertProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN_ROLE");
        var sanction = await OkAsync(await ImposeAsync(reviewer, new { hostId = "h1" }, "suspend_live", endsAt: DateTimeOffset.UtcNow.AddDays(7)), HttpStatusCode.Created);
        Assert.StartsWith("sn_", Str(sanction, "sanctionId"));
        Assert.Equal("active", Str(sanction, "status"));
        Assert.Equal("rev-sun", Str(sanction, "imposedBy"));
        Assert.Equal("Order 117 art. 12", Str(sanction, "article"));
        Assert.True(sanction.GetProperty("effects").GetProperty("blocksLive").GetBoolean());

        using var started = await platform.PostAsJsonAsync("api/live-sessions/s1/pre-live-checks", PreLiveApiTests.Session("m1", ["h1"], DateTimeOffset.UtcNow.AddMinutes(30)));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await PreLiveApiTests.FinalAsync(platform, "s1");
        Assert.Equal("blocked", Str(status, "status"));
        Assert.Contains("SANCTIONED", Codes(status));

        // A warning is on record but blocks nothing.
        await PreLiveApiTests.QualifyAsync(platform, "m2", "h2");
        await OkAsync(await ImposeAsync(reviewer, new { hostId = "h2" }, "warning"), HttpStatusCode.Created);
        using var other = await platform.PostAsJsonAsync("api/live-sessions/s2/pre-live-checks", PreLiveApiTests.Session("m2", ["h2"], DateTimeOffset.UtcNow.AddMinutes(30)));
        await PreLiveApiTests.ResultAsync(platform, "s2", "h2");
        Assert.Equal("cleared", Str(await PreLiveApiTests.FinalAsync(platform, "s2"), "status"));
    }

    [Fact]
    public async Task A_scheduled_sanction_is_scheduled_until_it_starts_and_a_term_ends_by_itself_history_keeps_both()
    {
        var wire = new CaseWire(fixture);
        using var reviewer = wire.Staff("rev-zhou");
        var scheduled = await OkAsync(await ImposeAsync(reviewer, new { merchantId = "m1" }, "traffic_limit", DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddDays(9)), HttpStatusCode.Created);
        Assert.Equal("scheduled", Str(scheduled, "status"));
        var brief = await OkAsync(await ImposeAsync(reviewer, new { merchantId = "m1" }, "function_limit", endsAt: DateTimeOffset.UtcNow.AddSeconds(3)), HttpStatusCode.Created);
        Assert.Equal("active", Str(brief, "status"));

        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        JsonElement now;
        do
        {
            await Task.Delay(250);
            now = await GetAsync(reviewer, $"api/sanctions/{Str(brief, "sanctionId")}");
        }
        while (Str(now, "status") != "ended" && DateTimeOffset.UtcNow < deadline);
        Assert.Equal("ended", Str(now, "status"));

        var history = (await GetAsync(reviewer, "api/sanctions?subject=merchant:m1")).GetProperty("sanctions").EnumerateArray().ToList();
        Assert.Equal([Str(scheduled, "sanctionId"), Str(brief, "sanctionId")], history.Select(s => Str(s, "sanctionId")));
        Assert.Equal(["scheduled", "ended"], history.Select(s => Str(s, "status")));
    }

    [Fact]
    public async Task A_blacklist_measure_follows_the_person_to_other_accounts_and_an_approved_appeal_revokes_it()
    {
        var wire = new CaseWire(fixture);
        using var platform = wire.PlatformApi();
        using var reviewer = wire.Staff("rev-wu");
        var person = TestIdentities.AdultPerson();
        (await platform.PostAsJsonAsync("api/hosts/h1/qualification-checks", new { name = "吴一", idNumber = person })).EnsureSuccessStatusCode();

        var sanction = await OkAsync(await ImposeAsync(reviewer, new { hostId = "h1" }, "blacklist"), HttpStatusCode.Created);
        var sanctionId = Str(sanction, "sanctionId");
        Assert.Equal(1, sanction.GetProperty("blacklistEntries").GetInt32());
        Assert.Equal("blacklisted", Str(await GetAsync(platform, "api/hosts/h1/qualification"), "status"));
        using (var evasion = await platform.PostAsJsonAsync("api/hosts/h1-new/qualification-checks", new { name = "吴一", idNumber = person }))
        {
            Assert.Contains("BLACKLISTED", (await OkAsync(evasion)).GetProperty("reasons").EnumerateArray().Select(r => Str(r, "code")));
        }

        // The platform appeals on its host's behalf; a second appeal while one is open is refused.
        var appeal = await OkAsync(await platform.PostAsJsonAsync($"api/sanctions/{sanctionId}/appeals", new { statement = "The session was a parody; recording attached." }), HttpStatusCode.Created);
        Assert.Equal("sanction_appeal", Str(appeal, "kind"));
        Assert.Equal(sanctionId, Str(appeal, "sanctionId"));
        await (await platform.PostAsJsonAsync($"api/sanctions/{sanctionId}/appeals", new { statement = "again" })).AssertProblemAsync(HttpStatusCode.Conflict, "APPEAL_ALREADY_OPEN");

        var caseId = Str(appeal, "caseId");
        await (await reviewer.PostAsJsonAsync($"api/review-cases/{caseId}/decision", new { decision = "needs_more_information", reasonCodes = Array.Empty<string>(), missingItems = new[] { "x" } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "DECISION_NOT_APPLICABLE");
        var detail = await GetAsync(reviewer, $"api/review-cases/{caseId}");
        Assert.Equal(sanctionId, Str(detail.GetProperty("sanctionHistory")[0], "sanctionId"));
        await OkAsync(await reviewer.PostAsJsonAsync($"api/review-cases/{caseId}/decision", new { decision = "approved", reasonCodes = Array.Empty<string>(), note = "Parody confirmed." }));

        var revoked = await GetAsync(platform, $"api/sanctions/{sanctionId}");
        Assert.Equal("revoked", Str(revoked, "status"));
        Assert.Equal(caseId, Str(revoked.GetProperty("revocation"), "caseId"));
        Assert.NotEqual("blacklisted", Str(await GetAsync(platform, "api/hosts/h1/qualification"), "status"));
        await (await platform.PostAsJsonAsync($"api/sanctions/{sanctionId}/appeals", new { statement = "more" })).AssertProblemAsync(HttpStatusCode.Conflict, "SANCTION_NOT_IN_FORCE");

        // A revoked sanction is not a violation on the rating file.
        Assert.Equal(0, (await GetAsync(platform, "api/hosts/h1/rating-file")).GetProperty("violationCount").GetInt32());
    }

    [Fact]
    public async Task A_rejected_appeal_keeps_the_sanction()
    {
        var wire = new CaseWire(fixture);
        using var platform = wire.PlatformApi();
        using var reviewer = wire.Staff("rev-zheng");
        var sanctionId = Str(await OkAsync(await ImposeAsync(reviewer, new { roomId = "r1" }, "timed_ban", endsAt: DateTimeOffset.UtcNow.AddDays(30)), HttpStatusCode.Created), "sanctionId");
        var caseId = Str(await OkAsync(await platform.PostAsJsonAsync($"api/sanctions/{sanctionId}/appeals", new { statement = "Too harsh." }), HttpStatusCode.Created), "caseId");
        await OkAsync(await reviewer.PostAsJsonAsync($"api/review-cases/{caseId}/decision", new { decision = "rejected", reasonCodes = new[] { "FACTS_CONFIRMED" }, note = "Recording reviewed." }));

        Assert.Equal("active", Str(await GetAsync(platform, $"api/sanctions/{sanctionId}"), "status"));
        var file = await GetAsync(platform, "api/rooms/r1/rating-file");
        Assert.Equal(1, file.GetProperty("violationCount").GetInt32());
        Assert.Equal("sanction", Str(file.GetProperty("violations")[0], "kind"));
    }

    [Fact]
    public async Task Terms_follow_the_ladder()
    {
        using var reviewer = new CaseWire(fixture).Staff("rev-feng");
        (await (await ImposeAsync(reviewer, new { hostId = "h1" }, "timed_ban")).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("endsAt", "REQUIRED");
        (await (await ImposeAsync(reviewer, new { hostId = "h1" }, "warning", endsAt: DateTimeOffset.UtcNow.AddDays(1))).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("endsAt", "NOT_ALLOWED");
        (await (await ImposeAsync(reviewer, new { hostId = "h1" }, "suspend_live", DateTimeOffset.UtcNow.AddDays(-2))).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("startsAt", "OUT_OF_RANGE");
        (await (await ImposeAsync(reviewer, new { hostId = "h1", roomId = "r1" }, "warning")).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("subject", "INVALID_VALUE");
        (await (await ImposeAsync(reviewer, new { hostId = "h1" }, "exile")).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("measure", "INVALID_VALUE");
    }

    [Fact]
    public async Task A_retried_imposition_with_its_Idempotency_Key_imposes_once()
    {
        using var reviewer = new CaseWire(fixture).Staff("rev-he");
        HttpRequestMessage Request() => new(HttpMethod.Post, "api/sanctions")
        {
            Headers = { { "Idempotency-Key", "sanction-7" } },
            Content = JsonContent.Create(new { subject = new { hostId = "h7" }, measure = "suspend_live", reason = "r", facts = "f" }),
        };

        var first = await OkAsync(await reviewer.SendAsync(Request()), HttpStatusCode.Created);
        var second = await OkAsync(await reviewer.SendAsync(Request()), HttpStatusCode.Created);
        Assert.Equal(Str(first, "sanctionId"), Str(second, "sanctionId"));
        Assert.Single((await GetAsync(reviewer, "api/sanctions?subject=host:h7")).GetProperty("sanctions").EnumerateArray());
    }

    [Fact]
    public async Task A_ban_on_the_room_blocks_its_sessions_too()
    {
        var wire = new CaseWire(fixture);
        using var platform = wire.PlatformApi();
        using var reviewer = wire.Staff("rev-lin");
        await PreLiveApiTests.QualifyAsync(platform, "m3", "h3");
        await OkAsync(await ImposeAsync(reviewer, new { roomId = "room-1" }, "timed_ban", endsAt: DateTimeOffset.UtcNow.AddDays(3)), HttpStatusCode.Created);

        using var started = await platform.PostAsJsonAsync("api/live-sessions/s3/pre-live-checks", PreLiveApiTests.Session("m3", ["h3"], DateTimeOffset.UtcNow.AddMinutes(30)));
        var status = await PreLiveApiTests.FinalAsync(platform, "s3");
        Assert.Equal("blocked", Str(status, "status"));
        Assert.Contains(status.GetProperty("reasons").EnumerateArray(), r => Str(r, "code") == "SANCTIONED" && Str(r, "field") == "roomId");
    }
}
