using System.Net;
using System.Net.Http.Json;
using static LiveCommerce.Api.Tests.Cases.CaseWire;

namespace LiveCommerce.Api.Tests.Cases;

[Collection(LocalHostCollection.Name)]
public sealed class RatingPolicyApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task The_policy_is_a_documented_default_until_an_admin_sets_a_version_and_the_suggestion_follows_it()
    {
        var wire = new CaseWire(fixture);
        using var platform = wire.PlatformApi();
        using var reviewer = wire.Staff("rev-1");
        using var admin = wire.Staff("admin-1", Admin);

        var initial = await GetAsync(platform, "api/rating-policy");
        Assert.Equal(0, initial.GetProperty("version").GetInt32());
        Assert.True(initial.GetProperty("default").GetBoolean());
        Assert.Equal(90, initial.GetProperty("windowDays").GetInt32());

        var policy = new { windowDays = 30, thresholds = new[] { new { violations = 1, measure = "traffic_limit" }, new { violations = 2, measure = "suspend_live" } } };
        await (await reviewer.PutAsJsonAsync("api/rating-policy", policy)).AssertProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN_ROLE");
        var v1 = await OkAsync(await admin.PutAsJsonAsync("api/rating-policy", policy));
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal(1, (await OkAsync(await admin.PutAsJsonAsync("api/rating-policy", policy))).GetProperty("version").GetInt32());
        var milder = new { windowDays = 30, thresholds = new[] { new { violations = 1, measure = "suspend_live" }, new { violations = 2, measure = "warning" } } };
        (await (await admin.PutAsJsonAsync("api/rating-policy", milder)).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("thresholds", "INVALID_VALUE");

        (await reviewer.PostAsJsonAsync("api/sanctions", new { subject = new { roomId = "r9" }, measure = "warning", reason = "r", facts = "f" })).EnsureSuccessStatusCode();
        (await reviewer.PostAsJsonAsync("api/sanctions", new { subject = new { roomId = "r9" }, measure = "warning", reason = "r", facts = "f" })).EnsureSuccessStatusCode();
        var file = await GetAsync(platform, "api/rooms/r9/rating-file");
        Assert.Equal(2, file.GetProperty("violationCount").GetInt32());
        Assert.Equal("suspend_live", Str(file, "suggestedMeasure"));
        Assert.Equal(1, file.GetProperty("policyVersion").GetInt32());
        // Only suggested: nothing was imposed.
        Assert.Equal(2, (await GetAsync(platform, "api/sanctions?subject=room:r9")).GetProperty("sanctions").GetArrayLength());
    }
}
