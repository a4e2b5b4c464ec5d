using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LiveCommerce.Api.Tests.Identity;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.BackgroundChecks;

[Collection(BackgroundChecksCollection.Name)]
public sealed class BackgroundCheckApiTests(BackgroundChecksFixture fixture)
{
    private BackgroundQueues Queues => fixture.Queues;

    internal static async Task<string> QualifyMerchantAsync(HttpClient client, string merchantId, string[]? categories = null, object[]? licences = null)
    {
        using var response = await client.PostAsJsonAsync($"api/merchants/{merchantId}/qualification-checks", new
        {
            legalName = "示例直播电商有限公司",
            creditCode = TestIdentities.CreditCode(),
            legalRepresentative = new { name = "法人", idNumber = TestIdentities.AdultPerson() },
            categories = categories ?? ["general"],
            licences = licences ?? [],
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("checkId").GetString()!;
    }

    internal static async Task<JsonElement> StandingAsync(HttpClient client, string kind, string id) =>
        await client.GetFromJsonAsync<JsonElement>($"api/{kind}s/{id}/qualification");

    /// <summary>Polls the standing until its latest check is no longer <paramref name="checkId"/>.</summary>
    internal static async Task<JsonElement> ReverifiedAsync(HttpClient client, string kind, string id, string checkId)
    {
        for (var i = 0; i < 300; i++)
        {
            var standing = await StandingAsync(client, kind, id);
            if (standing.GetProperty("checkId").GetString() != checkId)
            {
                return standing;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{kind} {id} was not re-verified.");
    }

    private static Task<HttpResponseMessage> EnqueueAsync(HttpClient client, object body) => client.PostAsJsonAsync("api/background-checks", body);

    [Fact]
    public async Task A_reverification_stores_a_review_record_that_names_its_trigger_and_becomes_the_standing()
    {
        using var client = fixture.ClientFor(out _);
        var first = await QualifyMerchantAsync(client, "m1");

        using var accepted = await EnqueueAsync(client, new { kind = "merchant_reverification", subject = new { merchantId = "m1" }, correlationId = "audit-2026-06" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var standing = await ReverifiedAsync(client, "merchant", "m1", first);
        var record = await client.GetFromJsonAsync<JsonElement>($"api/merchants/m1/qualification-checks/{standing.GetProperty("checkId").GetString()}");

        Assert.Equal("current", standing.GetProperty("status").GetString());
        Assert.Equal("approved", record.GetProperty("decision").GetString());
        Assert.Equal("reverification", record.GetProperty("trigger").GetString());
        Assert.Equal("audit-2026-06", record.GetProperty("correlationId").GetString());
        Assert.Equal(first, record.GetProperty("previousCheckId").GetString());
        Assert.Matches(@"^\d{3}\*{11}\d{3}[\dX]$", record.GetProperty("subject").GetProperty("legalRepresentative.idNumber").GetString());
    }

    [Fact]
    public async Task A_redelivered_message_is_handled_once()
    {
        using var client = fixture.ClientFor(out var platform);
        (await client.PostAsJsonAsync("api/hosts/h1/qualification-checks", new { name = "主播", idNumber = TestIdentities.AdultPerson() })).EnsureSuccessStatusCode();
        var message = BackgroundQueues.Message(platform, "host_reverification", new { hostId = "h1" });

        // The same message three times, as a queue re-delivers one whose handler died before deleting it.
        await Task.WhenAll(Queues.SendAsync(message), Queues.SendAsync(message), Queues.SendAsync(message));
        await Queues.DrainedAsync();
        using var again = await EnqueueAsync(client, new { kind = "host_reverification", subject = new { hostId = "h1" }, messageId = JsonDocument.Parse(message).RootElement.GetProperty("messageId").GetString() });
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await Queues.DrainedAsync();

        Assert.Equal(2, await fixture.Azurite.CountRowsAsync("qualification", $"{platform}|host|h1", "check|"));
        Assert.Equal(1, await fixture.Azurite.CountRowsAsync("qualification", $"{platform}|host|h1", "message|"));
    }

    [Fact]
    public async Task A_message_that_fails_five_times_moves_to_the_poison_queue_with_the_reason()
    {
        using var client = fixture.ClientFor(out var platform);
        (await client.PutAsJsonAsync("api/negative-lists/l1", new { entries = new[] { new { term = "电子烟", category = "tobacco", severity = "prohibited" } } })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("api/listings/sku-1", new { merchantId = "m1", title = "电子烟礼盒" })).EnsureSuccessStatusCode();

        // The list's entries vanish from Blob storage: every attempt to load them fails.
        var lists = new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient("negative-lists");
        await foreach (var blob in lists.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{platform}/l1/" }))
        {
            await lists.DeleteBlobAsync(blob.Name);
        }

        var message = BackgroundQueues.Message(platform, "listing_rescreen", new { listId = "l1" });
        await Queues.SendAsync(message);
        var poisoned = await Queues.PoisonedAsync(platform);

        Assert.Equal("HANDLER_FAILED", poisoned.GetProperty("reason").GetString());
        Assert.Equal(5, poisoned.GetProperty("attempts").GetInt32());
        Assert.Contains("attempt 5 of 5", poisoned.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(message, poisoned.GetProperty("body").GetString());
        await Queues.DrainedAsync();
    }

    [Theory]
    [InlineData("MALFORMED_JSON")]
    [InlineData("UNSUPPORTED_VERSION")]
    [InlineData("UNKNOWN_KIND")]
    [InlineData("INVALID_MESSAGE")]
    [InlineData("ACCOUNT_NOT_FOUND")]
    public async Task A_message_that_can_never_be_handled_is_poisoned_at_the_first_attempt(string reason)
    {
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        var body = reason switch
        {
            "MALFORMED_JSON" => $"{{\"schema\": \"livecommerce.background-check\", \"platformId\": \"{platform}\",",
            "UNSUPPORTED_VERSION" => BackgroundQueues.Message(platform, "merchant_reverification", new { merchantId = "m1" }, version: 2),
            "UNKNOWN_KIND" => BackgroundQueues.Message(platform, "credit_report", new { merchantId = "m1" }),
            "INVALID_MESSAGE" => BackgroundQueues.Message(platform, "merchant_reverification", new { merchantId = "not a key!" }),
            _ => BackgroundQueues.Message(platform, "merchant_reverification", new { merchantId = "never-checked" }),
        };

        await Queues.SendAsync(body);
        var poisoned = await Queues.PoisonedAsync(platform);

        Assert.Equal(reason, poisoned.GetProperty("reason").GetString());
        Assert.Equal(1, poisoned.GetProperty("attempts").GetInt32());
        Assert.Equal(body, poisoned.GetProperty("body").GetString());
    }

    [Fact]
    public async Task The_sweep_message_reverifies_the_accounts_due_and_leaves_the_others()
    {
        using var client = fixture.ClientFor(out var platform);
        var today = TestIdentities.TodayInShanghai;
        object Food(int days) => new { type = "food_business_licence", number = "JY1", validFrom = today.AddYears(-1).ToString("yyyy-MM-dd"), validTo = today.AddDays(days).ToString("yyyy-MM-dd") };
        var dueSoon = await QualifyMerchantAsync(client, "m-licence-20d", ["food"], [Food(20)]);
        var later = await QualifyMerchantAsync(client, "m-licence-40d", ["food"], [Food(40)]);
        var general = await QualifyMerchantAsync(client, "m-general");

        using var accepted = await EnqueueAsync(client, new { kind = "licence_expiry_sweep", subject = new { } });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await ReverifiedAsync(client, "merchant", "m-licence-20d", dueSoon);
        await Queues.DrainedAsync();

        Assert.Equal(later, (await StandingAsync(client, "merchant", "m-licence-40d")).GetProperty("checkId").GetString());
        Assert.Equal(general, (await StandingAsync(client, "merchant", "m-general")).GetProperty("checkId").GetString());
        Assert.Equal(1, await fixture.Azurite.CountRowsAsync("idempotency", $"{platform}|messages"));
    }

    [Fact]
    public async Task A_listing_rescreen_keeps_each_active_listings_latest_verdict_and_an_older_version_never_overwrites_it()
    {
        using var client = fixture.ClientFor(out var platform);
        await QualifyMerchantAsync(client, "m1");
        (await client.PutAsJsonAsync("api/negative-lists/l1", new { entries = new[] { new { term = "电子烟", category = "tobacco", severity = "prohibited" } } })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("api/listings/vape", new { merchantId = "m1", title = "电子烟礼盒" })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("api/listings/pills", new { merchantId = "m1", title = "减肥药 速效" })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("api/listings/old-pills", new { merchantId = "m1", title = "减肥药", status = "inactive" })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("api/negative-lists/l1", new
        {
            entries = new[]
            {
                new { term = "电子烟", category = "tobacco", severity = "prohibited", requiredLicence = (string?)null },
                new { term = "减肥药", category = "drugs", severity = "restricted", requiredLicence = (string?)"drug_business_licence" },
            },
        })).EnsureSuccessStatusCode();

        (await EnqueueAsync(client, new { kind = "listing_rescreen", subject = new { listId = "l1", listVersion = 2 } })).EnsureSuccessStatusCode();
        var pills = await ScreenedAsync(client, "pills");
        (await EnqueueAsync(client, new { kind = "listing_rescreen", subject = new { listId = "l1", listVersion = 1 } })).EnsureSuccessStatusCode();
        await Queues.DrainedAsync();

        var vape = await client.GetFromJsonAsync<JsonElement>("api/listings/vape");
        var inactive = await client.GetFromJsonAsync<JsonElement>("api/listings/old-pills");
        Assert.Equal("restricted", pills.GetProperty("verdict").GetString());
        Assert.Equal(2, pills.GetProperty("listVersion").GetInt32());
        Assert.Equal("减肥药", pills.GetProperty("matches")[0].GetProperty("term").GetString());
        var vapeScreening = Assert.Single(vape.GetProperty("screenings").EnumerateArray());
        Assert.Equal("prohibited", vapeScreening.GetProperty("verdict").GetString());
        Assert.Equal(2, vapeScreening.GetProperty("listVersion").GetInt32());
        Assert.Empty(inactive.GetProperty("screenings").EnumerateArray());
        Assert.Equal(2, await fixture.Azurite.CountRowsAsync("idempotency", $"{platform}|messages"));

        // A listing changed since its screening shows none until it is screened again.
        using var changed = await client.PutAsJsonAsync("api/listings/vape", new { merchantId = "m1", title = "纯棉T恤" });
        Assert.Empty((await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("screenings").EnumerateArray());
    }

    private static async Task<JsonElement> ScreenedAsync(HttpClient client, string sku)
    {
        for (var i = 0; i < 300; i++)
        {
            var listing = await client.GetFromJsonAsync<JsonElement>($"api/listings/{sku}");
            if (listing.GetProperty("screenings").GetArrayLength() > 0)
            {
                return listing.GetProperty("screenings")[0].Clone();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Listing {sku} was not screened.");
    }

    [Fact]
    public async Task A_merchant_rejected_while_its_session_waits_for_identity_is_blocked_at_the_start()
    {
        using var client = fixture.ClientFor(out var platform);
        var creditCode = TestIdentities.CreditCode();
        var checkId = (await (await client.PostAsJsonAsync("api/merchants/m1/qualification-checks", new
        {
            legalName = "示例直播电商有限公司",
            creditCode,
            legalRepresentative = new { name = "法人", idNumber = TestIdentities.AdultPerson() },
            categories = new[] { "general" },
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checkId").GetString()!;
        (await client.PostAsJsonAsync("api/hosts/h1/qualification-checks", new { name = "主播", idNumber = TestIdentities.AdultPerson() })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("api/live-sessions/s1/pre-live-checks", PreLiveApiTests.Session("m1", ["h1"], DateTimeOffset.UtcNow.AddMinutes(30)))).EnsureSuccessStatusCode();
        for (var i = 0; i < 300 && await fixture.Azurite.CountRowsAsync("livesessions", $"{platform}|s1", "challenge|") == 0; i++)
        {
            await Task.Delay(100); // until the standings were found current and the host was challenged
        }

        // Meanwhile the merchant is blacklisted, and the platform re-verifies it: rejected.
        (await client.PostAsJsonAsync("api/blacklist", new { subjectType = "entity", creditCode, reason = "售假" })).EnsureSuccessStatusCode();
        (await EnqueueAsync(client, new { kind = "merchant_reverification", subject = new { merchantId = "m1" } })).EnsureSuccessStatusCode();
        Assert.Equal("blacklisted", (await ReverifiedAsync(client, "merchant", "m1", checkId)).GetProperty("status").GetString());
        (await PreLiveApiTests.ResultAsync(client, "s1", "h1")).EnsureSuccessStatusCode();
        var status = await PreLiveApiTests.FinalAsync(client, "s1");

        Assert.Equal("blocked", status.GetProperty("status").GetString());
        Assert.Equal("verified", status.GetProperty("hosts")[0].GetProperty("identity").GetString());
        var codes = status.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Contains("QUALIFICATION_NOT_APPROVED", codes);
        Assert.All(status.GetProperty("reasons").EnumerateArray(), r => Assert.Equal("merchantId", r.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Enqueueing_validates_the_request_and_replays_an_idempotent_retry()
    {
        using var client = fixture.ClientFor(out _);

        using var unknown = await EnqueueAsync(client, new { kind = "credit_report", subject = new { } });
        (await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("kind", "INVALID_VALUE");
        using var missing = await EnqueueAsync(client, new { kind = "listing_rescreen", subject = new { listVersion = 0 }, messageId = "has space" });
        var problem = await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("subject.listId", "REQUIRED");
        problem.AssertFieldError("subject.listVersion", "OUT_OF_RANGE");
        problem.AssertFieldError("messageId", "INVALID_FORMAT");

        using var first = new HttpRequestMessage(HttpMethod.Post, "api/background-checks") { Content = JsonContent.Create(new { kind = "licence_expiry_sweep", subject = new { } }) };
        first.Headers.Add("Idempotency-Key", "sweep-once");
        using var second = new HttpRequestMessage(HttpMethod.Post, "api/background-checks") { Content = JsonContent.Create(new { kind = "licence_expiry_sweep", subject = new { } }) };
        second.Headers.Add("Idempotency-Key", "sweep-once");
        using var answer = await client.SendAsync(first);
        using var replay = await client.SendAsync(second);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await answer.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
    }
}
