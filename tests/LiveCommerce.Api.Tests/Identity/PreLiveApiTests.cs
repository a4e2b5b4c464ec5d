using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.Identity;

[Collection(LocalHostCollection.Name)]
public sealed class PreLiveApiTests(LocalHostFixture fixture)
{
    internal static async Task QualifyAsync(HttpClient client, string merchantId, params string[] hostIds)
    {
        (await client.PostAsJsonAsync($"api/merchants/{merchantId}/qualification-checks", new
        {
            legalName = "示例直播电商有限公司",
            creditCode = TestIdentities.CreditCode(),
            legalRepresentative = new { name = "法人", idNumber = TestIdentities.AdultPerson() },
            categories = new[] { "general" },
        })).EnsureSuccessStatusCode();
        foreach (var host in hostIds)
        {
            (await client.PostAsJsonAsync($"api/hosts/{host}/qualification-checks", new { name = "主播" + host, idNumber = TestIdentities.AdultPerson() })).EnsureSuccessStatusCode();
        }
    }

    internal static object Session(string merchantId, string[] hostIds, DateTimeOffset start) => new
    {
        roomId = "room-1",
        merchantId,
        hostIds,
        scheduledStart = start.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"),
    };

    /// <summary>The simulated provider answers the host's challenge (signed, on the provider's route).</summary>
    internal static Task<HttpResponseMessage> ResultAsync(HttpClient client, string session, string host, string outcome = "match", double liveness = 0.97) =>
        SimulatedProvider.AnswerAsync(client, session, host, outcome, liveness);

    /// <summary>Polls the status route until the check leaves "pending" (or a minute passes).</summary>
    internal static async Task<JsonElement> FinalAsync(HttpClient client, string session)
    {
        for (var i = 0; i < 600; i++)
        {
            var body = await client.GetFromJsonAsync<JsonElement>($"api/live-sessions/{session}/pre-live-checks");
            if (body.GetProperty("status").GetString() != "pending")
            {
                return body;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Pre-live check {session} still pending.");
    }

    private static string Identity(JsonElement status, string host) =>
        status.GetProperty("hosts").EnumerateArray().Single(h => h.GetProperty("hostId").GetString() == host).GetProperty("identity").GetString()!;

    private static IReadOnlyList<string> Codes(JsonElement status) =>
        [.. status.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];

    [Fact]
    public async Task Every_host_verified_and_everyone_qualified_clears_the_session()
    {
        using var client = fixture.ClientFor();
        await QualifyAsync(client, "m1", "h1", "h2");
        using var started = await client.PostAsJsonAsync("api/live-sessions/s1/pre-live-checks", Session("m1", ["h1", "h2"], DateTimeOffset.UtcNow.AddMinutes(30)));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("/api/live-sessions/s1/pre-live-checks", started.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await ResultAsync(client, "s1", "h1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ResultAsync(client, "s1", "h2")).StatusCode);
        var status = await FinalAsync(client, "s1");

        Assert.Equal("cleared", status.GetProperty("status").GetString());
        Assert.Equal("verified", Identity(status, "h1"));
        Assert.Equal("verified", Identity(status, "h2"));
        Assert.Empty(Codes(status));
    }

    [Fact]
    public async Task A_host_who_does_not_match_blocks_the_session()
    {
        using var client = fixture.ClientFor();
        await QualifyAsync(client, "m1", "h1", "h2");
        (await client.PostAsJsonAsync("api/live-sessions/s2/pre-live-checks", Session("m1", ["h1", "h2"], DateTimeOffset.UtcNow.AddMinutes(30)))).EnsureSuccessStatusCode();
        (await ResultAsync(client, "s2", "h1", "no_match", 0.99)).EnsureSuccessStatusCode();
        var status = await FinalAsync(client, "s2");

        Assert.Equal("blocked", status.GetProperty("status").GetString());
        Assert.Equal("failed", Identity(status, "h1"));
        Assert.Equal(["IDENTITY_NOT_VERIFIED"], Codes(status));
    }

    [Fact]
    public async Task A_host_with_no_result_by_the_scheduled_start_times_out()
    {
        using var client = fixture.ClientFor();
        await QualifyAsync(client, "m1", "h1", "h2");
        (await client.PostAsJsonAsync("api/live-sessions/s3/pre-live-checks", Session("m1", ["h1", "h2"], DateTimeOffset.UtcNow.AddSeconds(10)))).EnsureSuccessStatusCode();
        (await ResultAsync(client, "s3", "h1")).EnsureSuccessStatusCode();
        var status = await FinalAsync(client, "s3");

        Assert.Equal("blocked", status.GetProperty("status").GetString());
        Assert.Equal("verified", Identity(status, "h1"));
        Assert.Equal("timed_out", Identity(status, "h2"));
        Assert.Equal(["IDENTITY_TIMED_OUT"], Codes(status));
    }

    [Fact]
    public async Task A_host_never_qualified_blocks_the_session_without_a_challenge()
    {
        using var client = fixture.ClientFor();
        await QualifyAsync(client, "m1", "h1");
        using var started = await client.PostAsJsonAsync("api/live-sessions/s4/pre-live-checks?waitSeconds=20", Session("m1", ["h1", "stranger"], DateTimeOffset.UtcNow.AddMinutes(30)));
        var status = await started.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal("blocked", status.GetProperty("status").GetString());
        var reason = status.GetProperty("reasons").EnumerateArray().Single();
        Assert.Equal("QUALIFICATION_MISSING", reason.GetProperty("code").GetString());
        Assert.Equal("hostIds[1]", reason.GetProperty("field").GetString());
        var platform = client.DefaultRequestHeaders.GetValues("X-Platform-Id").Single();
        Assert.Equal(0, await fixture.Azurite.CountRowsAsync("livesessions", $"{platform}|s4", "challenge|"));
    }

    [Fact]
    public async Task A_host_whose_approval_lapses_before_the_start_needs_reverification()
    {
        using var client = fixture.ClientFor();
        await QualifyAsync(client, "m1", "h1");
        using var started = await client.PostAsJsonAsync("api/live-sessions/s5/pre-live-checks?waitSeconds=20", Session("m1", ["h1"], DateTimeOffset.UtcNow.AddDays(200)));
        var status = await started.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("blocked", status.GetProperty("status").GetString());
        Assert.All(Codes(status), code => Assert.Equal("REVERIFICATION_DUE", code));
        Assert.Equal(2, Codes(status).Count); // the merchant's approval lapses too
    }

    [Fact]
    public async Task Results_posted_before_the_workflow_waits_are_kept()
    {
        using var client = fixture.ClientFor();
        await QualifyAsync(client, "m1", "h1", "h2");
        (await client.PostAsJsonAsync("api/live-sessions/s6/pre-live-checks", Session("m1", ["h1", "h2"], DateTimeOffset.UtcNow.AddMinutes(30)))).EnsureSuccessStatusCode();
        // Straight after the start, before the workflow has checked standings or issued challenges.
        await Task.WhenAll(ResultAsync(client, "s6", "h2"), ResultAsync(client, "s6", "h1"));
        var status = await FinalAsync(client, "s6");

        Assert.Equal("cleared", status.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Prohibited_items_block_the_session_and_the_screening_is_kept_with_it()
    {
        using var client = fixture.ClientFor();
        await QualifyAsync(client, "m1", "h1");
        (await client.PutAsJsonAsync("api/negative-lists/l1", new { entries = new[] { new { term = "电子烟", category = "tobacco", severity = "prohibited" } } })).EnsureSuccessStatusCode();
        using var started = await client.PostAsJsonAsync("api/live-sessions/s9/pre-live-checks?waitSeconds=20", new
        {
            roomId = "room-1",
            merchantId = "m1",
            hostIds = new[] { "h1" },
            scheduledStart = DateTimeOffset.UtcNow.AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
            listId = "l1",
            items = new[] { new { sku = "ok", title = "纯棉T恤" }, new { sku = "bad", title = "电 子 烟礼盒" } },
        });
        var status = await started.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("blocked", status.GetProperty("status").GetString());
        var reason = status.GetProperty("reasons").EnumerateArray().Single();
        Assert.Equal("ITEM_PROHIBITED", reason.GetProperty("code").GetString());
        Assert.Equal("items[1]", reason.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_problem()
    {
        using var client = fixture.ClientFor();
        await QualifyAsync(client, "m1", "h1");

        using var past = await client.PostAsJsonAsync("api/live-sessions/s7/pre-live-checks", Session("m1", ["h1"], DateTimeOffset.UtcNow.AddMinutes(-1)));
        (await past.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("scheduledStart", "OUT_OF_RANGE");

        (await client.PostAsJsonAsync("api/live-sessions/s8/pre-live-checks", Session("m1", ["h1"], DateTimeOffset.UtcNow.AddMinutes(30)))).EnsureSuccessStatusCode();
        var challengeId = await SimulatedProvider.ChallengeIdAsync(client, "s8", "h1");
        using var badScore = await SimulatedProvider.PostAsync(
            client, Encoding.UTF8.GetBytes($"{{\"challengeId\":\"{challengeId}\",\"outcome\":\"maybe\",\"livenessScore\":3,\"providerReference\":\"x\",\"verifiedAt\":\"2026-12-01T10:00:00+08:00\"}}"));
        var problem = await badScore.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("outcome", "INVALID_VALUE");
        problem.AssertFieldError("livenessScore", "OUT_OF_RANGE");

        using var otherPlatform = fixture.ClientFor();
        using var foreign = await otherPlatform.GetAsync("api/live-sessions/s8/pre-live-checks");
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "SESSION_NOT_FOUND");
    }
}
