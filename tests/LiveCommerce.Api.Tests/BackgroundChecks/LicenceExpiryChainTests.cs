using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Api.Tests.Identity;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.BackgroundChecks;

/// <summary>The whole chain on one store: a licence expires, the daily sweep runs, re-verification rejects, pre-live blocks.</summary>
public sealed class LicenceExpiryChainTests
{
    [Fact]
    public async Task A_merchant_whose_licence_expired_is_rejected_by_the_sweep_and_its_next_session_is_blocked()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        var today = TestIdentities.TodayInShanghai;
        string approval;
        await using (var now = await LocalHostProcess.StartAsync(azurite.ConnectionString, BackgroundChecksFixture.FastSettings))
        {
            using var client = now.CreateClient(platform);
            approval = await BackgroundCheckApiTests.QualifyMerchantAsync(client, "m1", ["food"], [new
            {
                type = "food_business_licence",
                number = "JY11101050000001",
                validFrom = today.AddYears(-2).ToString("yyyy-MM-dd"),
                validTo = today.AddDays(10).ToString("yyyy-MM-dd"),
            }]);
            (await client.PostAsJsonAsync("api/hosts/h1/qualification-checks", new { name = "主播", idNumber = TestIdentities.AdultPerson() })).EnsureSuccessStatusCode();
        }

        // Twelve days on, the licence has expired; the host's daily sweep runs (here at start-up).
        var offset = TimeSpan.FromDays(12);
        await using var later = await LocalHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>(BackgroundChecksFixture.FastSettings)
        {
            ["LocalHost:ClockOffset"] = "12.00:00:00",
            ["BackgroundChecks:SweepEnabled"] = "true",
            ["BackgroundChecks:SweepOnStartup"] = "true",
        });
        using var laterClient = later.CreateClient(platform);
        var standing = await BackgroundCheckApiTests.ReverifiedAsync(laterClient, "merchant", "m1", approval);
        var record = await laterClient.GetFromJsonAsync<JsonElement>($"api/merchants/m1/qualification-checks/{standing.GetProperty("checkId").GetString()}");
        using var session = await laterClient.PostAsJsonAsync(
            "api/live-sessions/s1/pre-live-checks?waitSeconds=20", PreLiveApiTests.Session("m1", ["h1"], DateTimeOffset.UtcNow + offset + TimeSpan.FromMinutes(30)));
        var status = await session.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("not_approved", standing.GetProperty("status").GetString());
        Assert.Equal("rejected", record.GetProperty("decision").GetString());
        Assert.Equal("LICENCE_EXPIRED", record.GetProperty("reasons")[0].GetProperty("code").GetString());
        Assert.Equal("reverification", record.GetProperty("trigger").GetString());
        Assert.StartsWith("sweep-", record.GetProperty("correlationId").GetString(), StringComparison.Ordinal);
        Assert.Equal("blocked", status.GetProperty("status").GetString());
        var reason = Assert.Single(status.GetProperty("reasons").EnumerateArray());
        Assert.Equal("QUALIFICATION_NOT_APPROVED", reason.GetProperty("code").GetString());
        Assert.Equal("merchantId", reason.GetProperty("field").GetString());
        Assert.Equal(0, await azurite.CountRowsAsync("livesessions", $"{platform}|s1", "challenge|"));
    }
}
