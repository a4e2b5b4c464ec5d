using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveCommerce.Api.Tests.KeyRooms;

[Collection(LocalHostCollection.Name)]
public sealed class KeyRoomEvaluationApiTests(LocalHostFixture fixture)
{
    private static readonly object HeadRoom = new
    {
        roomId = "head",
        followers = 600_000,
        peakConcurrentViewers = 3_000,
        gmv30dFen = 5_000_000,
        creditRating = "B",
        categories = new[] { "apparel" },
    };

    private static JsonElement Result(JsonElement evaluation, string roomId) =>
        evaluation.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("roomId").GetString() == roomId);

    private static IReadOnlyList<string> Codes(JsonElement result) =>
        [.. result.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];

    [Fact]
    public async Task Every_criterion_met_is_a_reason_with_its_figures_and_retention_follows_the_tier()
    {
        using var client = fixture.ClientFor();
        var evaluation = await client.PostAsJsonAsync("api/key-room-evaluations", new
        {
            rooms = new object[]
            {
                new { roomId = "pharmacy", followers = 2_000_000, peakConcurrentViewers = 20_000, gmv30dFen = 10, creditRating = "d", categories = new[] { "otc_drugs", "apparel" } },
                new { roomId = "quiet", followers = 10, peakConcurrentViewers = 1, gmv30dFen = 0, creditRating = (string?)null, categories = Array.Empty<string>() },
            },
        }).OkAsync();

        var pharmacy = Result(evaluation, "pharmacy");
        Assert.Equal("key", pharmacy.GetProperty("tier").GetString());
        Assert.Equal(
            ["FOLLOWERS_AT_OR_ABOVE_THRESHOLD", "PEAK_VIEWERS_AT_OR_ABOVE_THRESHOLD", "CREDIT_RATING_AT_OR_BELOW_THRESHOLD", "LIFE_AND_HEALTH_CATEGORY"],
            Codes(pharmacy));
        var followers = pharmacy.GetProperty("reasons")[0];
        Assert.Equal("2,000,000 followers ≥ 1,000,000", followers.GetProperty("message").GetString());
        Assert.Equal("followers", followers.GetProperty("field").GetString());
        Assert.Equal(1095, pharmacy.GetProperty("retentionDays").GetInt32());

        var quiet = Result(evaluation, "quiet");
        Assert.Equal("standard", quiet.GetProperty("tier").GetString());
        Assert.Equal(["NO_KEY_ROOM_CRITERION_MET"], Codes(quiet));
        Assert.Equal(60, quiet.GetProperty("retentionDays").GetInt32());
        Assert.Equal(0, evaluation.GetProperty("thresholdsVersion").GetInt32());
    }

    [Fact]
    public async Task Thresholds_are_per_platform_and_evaluations_use_the_callers()
    {
        using var platformA = fixture.ClientFor();
        using var platformB = fixture.ClientFor();

        var defaults = await platformA.GetFromJsonAsync<JsonElement>("api/key-room-thresholds");
        Assert.True(defaults.GetProperty("isDefault").GetBoolean());
        Assert.Equal(1_000_000, defaults.GetProperty("followers").GetInt64());

        var stored = await platformA.PutAsJsonAsync("api/key-room-thresholds", new { followers = 500_000, creditRatingAtOrBelow = "b", keyRetentionDays = 1500 }).OkAsync();
        Assert.Equal(1, stored.GetProperty("version").GetInt32());
        Assert.Equal("B", stored.GetProperty("creditRatingAtOrBelow").GetString());
        Assert.Equal(10_000, stored.GetProperty("peakConcurrentViewers").GetInt64()); // absent: the default
        Assert.Contains("otc_drugs", stored.GetProperty("lifeAndHealthCategories").Strings());

        var again = await platformA.GetFromJsonAsync<JsonElement>("api/key-room-thresholds");
        Assert.Equal(500_000, again.GetProperty("followers").GetInt64());
        Assert.False(again.GetProperty("isDefault").GetBoolean());

        // Platform B sees nothing of A's thresholds, and its evaluations use the defaults.
        var other = await platformB.GetFromJsonAsync<JsonElement>("api/key-room-thresholds");
        Assert.True(other.GetProperty("isDefault").GetBoolean());
        Assert.Equal(1_000_000, other.GetProperty("followers").GetInt64());

        var a = Result(await platformA.PostAsJsonAsync("api/key-room-evaluations", new { rooms = new[] { HeadRoom } }).OkAsync(), "head");
        var b = Result(await platformB.PostAsJsonAsync("api/key-room-evaluations", new { rooms = new[] { HeadRoom } }).OkAsync(), "head");
        Assert.Equal("key", a.GetProperty("tier").GetString());
        Assert.Equal(["FOLLOWERS_AT_OR_ABOVE_THRESHOLD", "CREDIT_RATING_AT_OR_BELOW_THRESHOLD"], Codes(a));
        Assert.Equal(1500, a.GetProperty("retentionDays").GetInt32());
        Assert.Equal("standard", b.GetProperty("tier").GetString());
        Assert.Equal(60, b.GetProperty("retentionDays").GetInt32());
    }

    [Fact]
    public async Task Bad_thresholds_list_every_field_and_store_nothing()
    {
        using var client = fixture.ClientFor();
        using var response = await client.PutAsJsonAsync("api/key-room-thresholds", new
        {
            followers = 0,
            creditRatingAtOrBelow = "E",
            lifeAndHealthCategories = new[] { "food", "" },
            standardRetentionDays = 30,
            keyRetentionDays = 20,
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("followers", "OUT_OF_RANGE");
        problem.AssertFieldError("creditRatingAtOrBelow", "INVALID_VALUE");
        problem.AssertFieldError("lifeAndHealthCategories[1]", "REQUIRED");
        problem.AssertFieldError("standardRetentionDays", "OUT_OF_RANGE");
        problem.AssertFieldError("keyRetentionDays", "OUT_OF_RANGE");
        Assert.True((await client.GetFromJsonAsync<JsonElement>("api/key-room-thresholds")).GetProperty("isDefault").GetBoolean());

        using var wrongType = await client.PutAsJsonAsync("api/key-room-thresholds", new { followers = "many" });
        (await wrongType.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("followers", "INVALID_TYPE");
    }

    [Fact]
    public async Task Bad_rooms_list_every_field_error_and_oversize_batches_are_413()
    {
        using var client = fixture.ClientFor();
        using var response = await client.PostAsJsonAsync("api/key-room-evaluations", new
        {
            rooms = new object?[]
            {
                new { followers = -1, peakConcurrentViewers = 1, gmv30dFen = 1, creditRating = "Z" },
                null,
                new { roomId = "r", followers = 1, peakConcurrentViewers = 1, gmv30dFen = 1, categories = Array.Empty<string>() },
                new { roomId = "r", followers = 1, peakConcurrentViewers = 1, categories = Array.Empty<string>() },
            },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("rooms[0].roomId", "REQUIRED");
        problem.AssertFieldError("rooms[0].followers", "OUT_OF_RANGE");
        problem.AssertFieldError("rooms[0].creditRating", "INVALID_VALUE");
        problem.AssertFieldError("rooms[0].categories", "REQUIRED");
        problem.AssertFieldError("rooms[1]", "REQUIRED");
        problem.AssertFieldError("rooms[3].roomId", "DUPLICATE");
        problem.AssertFieldError("rooms[3].gmv30dFen", "REQUIRED");

        var many = Enumerable.Range(0, 10_001).Select(i => new { roomId = $"r{i}", followers = 1, peakConcurrentViewers = 1, gmv30dFen = 1, categories = Array.Empty<string>() });
        using var tooMany = await client.PostAsJsonAsync("api/key-room-evaluations", new { rooms = many });
        await tooMany.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");

        using var anonymous = fixture.Host.CreateClient();
        using var noTenant = await anonymous.PostAsJsonAsync("api/key-room-evaluations", new { rooms = new[] { HeadRoom } });
        await noTenant.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task An_evaluation_is_replayed_by_its_idempotency_key_even_after_the_thresholds_change()
    {
        using var client = fixture.ClientFor();
        var body = new { rooms = new[] { HeadRoom } };
        var first = await KeyRoomWire.PostWithKeyAsync(client, "api/key-room-evaluations", body, "eval-1");
        await client.PutAsJsonAsync("api/key-room-thresholds", new { followers = 100 }).OkAsync();
        var second = await KeyRoomWire.PostWithKeyAsync(client, "api/key-room-evaluations", body, "eval-1");
        var other = await KeyRoomWire.PostWithKeyAsync(client, "api/key-room-evaluations", new { rooms = Array.Empty<object>() }, "eval-1");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.True(second.Replayed);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Contains("IDEMPOTENCY_KEY_REUSED", other.Body, StringComparison.Ordinal);
    }
}
