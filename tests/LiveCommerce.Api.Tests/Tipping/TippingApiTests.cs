using System.Net;
using System.Net.Http.Json;
using System.Text;
using LiveCommerce.Domain;
using LiveCommerce.Testing;
using LiveCommerce.Domain.Tipping;
using NodaTime;
using static LiveCommerce.Api.Tests.Tipping.TippingWire;

namespace LiveCommerce.Api.Tests.Tipping;

[Collection(LocalHostCollection.Name)]
public sealed class TippingApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task A_user_is_registered_with_minor_status_from_the_id_number_and_without_keeping_the_number()
    {
        using var client = Client(fixture);
        var minorId = TestIdentities.Person(TestIdentities.TodayInShanghai.AddYears(-17));
        var minor = await PutUserAsync(client, "u-minor", true, minorId);
        var adult = await PutUserAsync(client, "u-adult", true, TestIdentities.AdultPerson());
        var unverified = await PutUserAsync(client, "u-anon", false, null);

        Assert.True(minor.GetProperty("minor").GetBoolean());
        Assert.False(adult.GetProperty("minor").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unverified.GetProperty("minor").ValueKind);
        Assert.False(unverified.GetProperty("realNameVerified").GetBoolean());
        Assert.Empty(await fixture.Azurite.FindAnywhereAsync([minorId]));
    }

    [Fact]
    public async Task Every_reason_code_is_given_where_its_rule_applies()
    {
        using var client = Client(fixture);
        await PutPolicyAsync(client, perTip: 500, daily: 900, monthly: 1200, ratio: 1m);
        var adult = await AdultAsync(client);
        await PutUserAsync(client, "unverified", false, TestIdentities.AdultPerson());
        await PutUserAsync(client, "minor", true, TestIdentities.Person(TestIdentities.TodayInShanghai.AddYears(-16)));

        Assert.Equal([TippingReasonCodes.RealNameRequired], (await DecideAsync(client, "never-registered", 10)).Codes());
        Assert.Equal([TippingReasonCodes.RealNameRequired], (await DecideAsync(client, "unverified", 10)).Codes());
        Assert.Equal([TippingReasonCodes.MinorCannotTip], (await DecideAsync(client, "minor", 10)).Codes());
        Assert.Equal([TippingReasonCodes.PerTipLimitExceeded], (await DecideAsync(client, adult, 501)).Codes());

        var allowed = await DecideAsync(client, adult, 500);
        Assert.Equal("allowed", allowed.Decision());
        Assert.Empty(allowed.Codes());
        Assert.Equal(500, allowed.GetProperty("dailyTotalFen").GetInt64());
        Assert.True(allowed.TryGetProperty("settlesAt", out _));
        Assert.Equal([TippingReasonCodes.DailyLimitReached], (await DecideAsync(client, adult, 450)).Codes());

        var asked = await DecideAsync(client, adult, 400); // 900 reaches 1.0 × the daily limit
        Assert.Equal("confirmation_required", asked.Decision());
        Assert.Equal([TippingReasonCodes.ConfirmationRequired], asked.Codes());
        Assert.False(asked.TryGetProperty("settlesAt", out _));

        // A second user, under a policy whose monthly limit equals the daily one, reaches both at once.
        var second = await AdultAsync(client);
        await PutPolicyAsync(client, perTip: 500, daily: 1000, monthly: 1000, ratio: 1m);
        var tips = new[] { await DecideAsync(client, second, 400), await DecideAsync(client, second, 400) };
        Assert.All(tips, t => Assert.Equal("allowed", t.Decision()));
        var over = await DecideAsync(client, second, 300);
        Assert.Equal([TippingReasonCodes.DailyLimitReached, TippingReasonCodes.MonthlyLimitReached], over.Codes());
        Assert.Equal(800, over.GetProperty("monthlyTotalFen").GetInt64());

        var operations = new TippingOperations(fixture.Azurite);
        var platform = Platform(client);
        await operations.Sanctions.SuspendAsync(platform, "sanctioned-host", new HostTippingSuspension("sanction-1", Now() - Duration.FromMinutes(1), null), Now(), default);
        var suspended = await DecideAsync(client, adult, 10, hostId: "sanctioned-host");
        Assert.Equal("denied", suspended.Decision());
        Assert.Equal([TippingReasonCodes.HostTippingSuspended], suspended.Codes());
    }

    [Fact]
    public async Task The_confirmation_flow_asks_once_holds_later_tips_and_counts_the_confirmed_tip()
    {
        using var client = Client(fixture);
        await PutPolicyAsync(client, perTip: 1000, daily: 2000, monthly: 100_000);
        var user = await AdultAsync(client);

        Assert.Equal("allowed", (await DecideAsync(client, user, 900)).Decision());
        var askedId = NewId("t");
        var asked = await DecideAsync(client, user, 200, tipId: askedId); // 1100 ≥ half of 2000
        Assert.Equal("confirmation_required", asked.Decision());
        Assert.Equal(900, asked.GetProperty("dailyTotalFen").GetInt64());

        var held = await DecideAsync(client, user, 150); // would pass the point too: the confirmation is outstanding
        Assert.Equal("denied", held.Decision());
        Assert.Equal([TippingReasonCodes.ConfirmationRequired], held.Codes());
        Assert.Equal("allowed", (await DecideAsync(client, user, 50)).Decision()); // below the point: no confirmation needed

        var confirmedAt = DateTimeOffset.UtcNow;
        var confirmed = await ConfirmAsync(client, askedId, confirmedAt);
        Assert.Equal("allowed", confirmed.Decision());
        Assert.Equal(1150, confirmed.GetProperty("dailyTotalFen").GetInt64());
        Assert.True(confirmed.TryGetProperty("settlesAt", out _));

        // The confirmation is idempotent, its GET answers it, and the POST of the tip still answers the first decision.
        Assert.Equal(confirmed.ToString(), (await ConfirmAsync(client, askedId, confirmedAt)).ToString());
        using (var again = await client.PostAsJsonAsync($"api/tips/authorizations/{askedId}/confirmation", new { method = "sms", confirmedAt = confirmedAt.AddSeconds(1) }))
        {
            await again.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "TIP_ALREADY_CONFIRMED");
        }

        Assert.Equal(confirmed.ToString(), (await ReadAsync(await client.GetAsync($"api/tips/authorizations/{askedId}"), HttpStatusCode.OK)).ToString());
        using (var replay = await AuthorizeAsync(client, Tip(askedId, user, 200)))
        {
            Assert.Equal("confirmation_required", (await ReadAsync(replay, HttpStatusCode.OK)).Decision());
        }

        // Confirmed for the rest of the day: a tip past the point needs no confirmation now.
        Assert.Equal("allowed", (await DecideAsync(client, user, 500)).Decision());
        Assert.Equal(4, (await HostTipsAsync(client, "host-1", "pending")).Count);
    }

    [Fact]
    public async Task A_confirmation_the_limits_no_longer_allow_is_denied_and_only_an_awaiting_tip_can_be_confirmed()
    {
        using var client = Client(fixture);
        await PutPolicyAsync(client, perTip: 1000, daily: 1000, monthly: 100_000);
        var user = await AdultAsync(client);
        var askedId = NewId("t");
        Assert.Equal("confirmation_required", (await DecideAsync(client, user, 600, tipId: askedId)).Decision());
        var allowedId = NewId("t");
        Assert.Equal("allowed", (await DecideAsync(client, user, 450, tipId: allowedId)).Decision());

        var denied = await ConfirmAsync(client, askedId);
        Assert.Equal("denied", denied.Decision());
        Assert.Equal([TippingReasonCodes.DailyLimitReached], denied.Codes());
        Assert.Equal(450, denied.GetProperty("dailyTotalFen").GetInt64());

        using var notAwaiting = await client.PostAsJsonAsync($"api/tips/authorizations/{allowedId}/confirmation", new { method = "sms", confirmedAt = DateTimeOffset.UtcNow });
        await notAwaiting.AssertProblemAsync(HttpStatusCode.Conflict, "TIP_NOT_AWAITING_CONFIRMATION");
        using var unknown = await client.PostAsJsonAsync("api/tips/authorizations/no-such-tip/confirmation", new { method = "sms", confirmedAt = DateTimeOffset.UtcNow });
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "TIP_NOT_FOUND");
    }

    [Fact]
    public async Task The_tip_id_is_the_idempotency_key_the_same_body_answers_the_first_decision_another_body_is_422()
    {
        using var client = Client(fixture);
        var user = await AdultAsync(client);
        var other = await AdultAsync(client);
        var tipId = NewId("t");
        var first = await DecideAsync(client, user, 100, tipId: tipId);

        using var replay = await client.PostAsync("api/tips/authorizations", new StringContent(
            $$"""{ "amountFen": 100, "roomId": "room-1", "hostId": "host-1", "userId": "{{user}}", "tipId": "{{tipId}}" }""", Encoding.UTF8, "application/json"));
        Assert.Equal(first.ToString(), (await ReadAsync(replay, HttpStatusCode.OK)).ToString());
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));

        using var otherAmount = await AuthorizeAsync(client, Tip(tipId, user, 101));
        await otherAmount.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "TIP_ID_REUSED");
        using var otherUser = await AuthorizeAsync(client, Tip(tipId, other, 100));
        await otherUser.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "TIP_ID_REUSED");

        // Counted once.
        Assert.Equal(200, (await DecideAsync(client, user, 100)).GetProperty("dailyTotalFen").GetInt64());
        Assert.Equal(first.ToString(), (await ReadAsync(await client.GetAsync($"api/tips/authorizations/{tipId}"), HttpStatusCode.OK)).ToString());
    }

    [Fact]
    public async Task Fifty_parallel_authorizations_for_one_user_whose_limit_admits_ten_allow_exactly_ten_across_two_instances()
    {
        var platform = NewId("p");
        using var client = Client(fixture, platform);
        client.Timeout = TimeSpan.FromMinutes(5); // 25 tips of one user queue on each instance: slow on a busy machine
        // Ten tips of 100 make 1,000, below the reminder point (1.0 × 1,099): no confirmation; the eleventh is over.
        await PutPolicyAsync(client, perTip: 100, daily: 1099, monthly: 1_000_000, ratio: 1m);
        var user = await AdultAsync(client);

        // Two processes on the same storage, as two Functions instances: only the counters row's ETag orders their tips
        // (each process also queues its own tips of one user, which alone would not keep them apart).
        await using var second = await LocalHostProcess.StartAsync(fixture.Azurite.ConnectionString);
        using var secondClient = second.CreateClient(platform, "platform.api");
        secondClient.Timeout = TimeSpan.FromMinutes(5);
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var response = await AuthorizeAsync(i % 2 == 0 ? client : secondClient, Tip($"par-{i}-{Guid.NewGuid():N}", user, 100, hostId: "host-par"));
            return await ReadAsync(response, HttpStatusCode.OK);
        }));

        Assert.Equal(10, answers.Count(a => a.Decision() == "allowed"));
        Assert.All(answers.Where(a => a.Decision() != "allowed"), a => Assert.Equal([TippingReasonCodes.DailyLimitReached], a.Codes()));
        Assert.Equal(1000, answers.Max(a => a.GetProperty("dailyTotalFen").GetInt64()));
        Assert.Equal(10, (await HostTipsAsync(client, "host-par", "pending")).Count);
        Assert.Equal([TippingReasonCodes.DailyLimitReached], (await DecideAsync(secondClient, user, 100)).Codes());
    }

    [Fact]
    public async Task Another_platforms_tips_are_not_found()
    {
        using var client = Client(fixture);
        using var stranger = Client(fixture);
        var user = await AdultAsync(client);
        var tipId = NewId("t");
        await DecideAsync(client, user, 100, hostId: "host-x", tipId: tipId);

        using var get = await stranger.GetAsync($"api/tips/authorizations/{tipId}");
        await get.AssertProblemAsync(HttpStatusCode.NotFound, "TIP_NOT_FOUND");
        using var confirm = await stranger.PostAsJsonAsync($"api/tips/authorizations/{tipId}/confirmation", new { method = "sms", confirmedAt = DateTimeOffset.UtcNow });
        await confirm.AssertProblemAsync(HttpStatusCode.NotFound, "TIP_NOT_FOUND");
        Assert.Empty(await HostTipsAsync(stranger, "host-x"));
        Assert.Single(await HostTipsAsync(client, "host-x"));

        // The stranger's own tip with the same id is its own tip; the user is unknown there.
        Assert.Equal([TippingReasonCodes.RealNameRequired], (await DecideAsync(stranger, user, 100, tipId: tipId)).Codes());
    }

    [Fact]
    public async Task The_policy_has_documented_defaults_versions_validation_and_only_a_compliance_admin_sets_it()
    {
        using var client = Client(fixture);
        var defaults = await ReadAsync(await client.GetAsync("api/tipping-policy"), HttpStatusCode.OK);
        Assert.Equal(0, defaults.GetProperty("version").GetInt32());
        Assert.True(defaults.GetProperty("isDefault").GetBoolean());
        Assert.Equal(TippingPolicy.Default.DailyLimitFen, defaults.GetProperty("dailyLimitFen").GetInt64());

        await PutPolicyAsync(client, 100, 200, 300);
        await PutPolicyAsync(client, 100, 200, 400);
        var stored = await ReadAsync(await client.GetAsync("api/tipping-policy"), HttpStatusCode.OK);
        Assert.Equal(2, stored.GetProperty("version").GetInt32());
        Assert.Equal(400, stored.GetProperty("monthlyLimitFen").GetInt64());
        var user = await AdultAsync(client);
        Assert.Equal(2, (await DecideAsync(client, user, 10)).GetProperty("policyVersion").GetInt32());

        using var platformOnly = fixture.ClientFor(Platform(client).Value);
        using var forbidden = await platformOnly.PutAsJsonAsync("api/tipping-policy", new { perTipLimitFen = 1, dailyLimitFen = 1, monthlyLimitFen = 1, reminderRatio = 0.5, settlementDelayHours = 0 });
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN_ROLE");
        Assert.Equal(2, (await ReadAsync(await platformOnly.GetAsync("api/tipping-policy"), HttpStatusCode.OK)).GetProperty("version").GetInt32());

        using var bad = await client.PutAsJsonAsync("api/tipping-policy", new { perTipLimitFen = 100, dailyLimitFen = 50, monthlyLimitFen = 400, reminderRatio = 0, settlementDelayHours = 72 });
        var problem = await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("dailyLimitFen", "OUT_OF_RANGE");
        problem.AssertFieldError("reminderRatio", "OUT_OF_RANGE");
    }

    [Fact]
    public async Task Bad_input_is_a_problem_never_a_server_error()
    {
        using var client = Client(fixture);
        var longId = new string('a', 65);
        var requests = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Put, "api/tipping-users/u1", "{}"),
            (HttpMethod.Put, "api/tipping-users/u1", """{"realNameVerified":true}"""),
            (HttpMethod.Put, "api/tipping-users/u1", """{"realNameVerified":true,"idNumber":"110105199001011234"}"""),
            (HttpMethod.Put, "api/tipping-users/u1", """{"realNameVerified":"yes"}"""),
            (HttpMethod.Put, $"api/tipping-users/{longId}", """{"realNameVerified":false}"""),
            (HttpMethod.Put, "api/tipping-users/bad%20id", """{"realNameVerified":false}"""),
            (HttpMethod.Put, "api/tipping-policy", """{"perTipLimitFen":-1,"dailyLimitFen":1e30,"monthlyLimitFen":"x","reminderRatio":2,"settlementDelayHours":99999}"""),
            (HttpMethod.Put, "api/tipping-policy", "[1,2]"),
            (HttpMethod.Put, "api/tipping-policy", """{"perTipLimitFen":1,"dailyLimitFen":1,"monthlyLimitFen":1,"reminderRatio":0.5}"""),
            (HttpMethod.Post, "api/tips/authorizations", "{}"),
            (HttpMethod.Post, "api/tips/authorizations", "not json"),
            (HttpMethod.Post, "api/tips/authorizations", """{"tipId":"t|1","userId":"u","hostId":"h","roomId":"r","amountFen":1}"""),
            (HttpMethod.Post, "api/tips/authorizations", """{"tipId":"t1","userId":"u","hostId":"h","roomId":"r","amountFen":0}"""),
            (HttpMethod.Post, "api/tips/authorizations", """{"tipId":"t1","userId":"u","hostId":"h","roomId":"r","amountFen":1.5}"""),
            (HttpMethod.Post, "api/tips/authorizations", """{"tipId":"t1","userId":"u","hostId":"h","roomId":"r","amountFen":99999999999999999999}"""),
            (HttpMethod.Post, "api/tips/authorizations", $$"""{"tipId":"{{longId}}","userId":"u","hostId":"h","roomId":"r","amountFen":1}"""),
            (HttpMethod.Post, "api/tips/authorizations/t1/confirmation", "{}"),
            (HttpMethod.Post, "api/tips/authorizations/t1/confirmation", """{"method":"email","confirmedAt":"2026-01-01T00:00:00+08:00"}"""),
            (HttpMethod.Post, "api/tips/authorizations/t1/confirmation", """{"method":"sms","confirmedAt":"2026-01-01 00:00"}"""),
            (HttpMethod.Post, "api/tips/authorizations/t1/confirmation", """{"method":"sms","confirmedAt":"2999-01-01T00:00:00+08:00"}"""),
            (HttpMethod.Post, $"api/tips/authorizations/{longId}/confirmation", """{"method":"sms","confirmedAt":"2026-01-01T00:00:00+08:00"}"""),
            (HttpMethod.Get, $"api/tips/authorizations/{longId}", null),
            (HttpMethod.Get, "api/tips/authorizations/a%7Cb", null),
            (HttpMethod.Get, "api/hosts/h1/tips?status=paid", null),
            (HttpMethod.Get, $"api/hosts/{longId}/tips", null),
        };

        foreach (var (method, path, body) in requests)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {path} {body}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var anonymous = fixture.Host.CreateClient();
        using var missing = await anonymous.PostAsJsonAsync("api/tips/authorizations", Tip("t1", "u", 1));
        await missing.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    internal static PlatformId Platform(HttpClient client) =>
        PlatformId.TryParse(client.DefaultRequestHeaders.GetValues("X-Platform-Id").Single(), out var platform) ? platform : throw new InvalidOperationException();

    internal static Instant Now() => SystemClock.Instance.GetCurrentInstant();
}
