using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.Identity;

[Collection(LocalHostCollection.Name)]
public sealed class StandingApiTests(LocalHostFixture fixture)
{
    private static async Task<JsonElement> StandingAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task An_approval_is_current_until_validUntil_then_reverification_is_due()
    {
        // Its own storage: a second host with a moved clock resumes every unfinished workflow it finds there.
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var today = await LocalHostProcess.StartAsync(azurite.ConnectionString);
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        using var client = today.CreateClient(platform);
        (await client.PostAsJsonAsync("api/hosts/h1/qualification-checks", new { name = "冯一", idNumber = TestIdentities.AdultPerson() })).EnsureSuccessStatusCode();

        var now = await StandingAsync(client, "api/hosts/h1/qualification");
        Assert.Equal("current", now.GetProperty("status").GetString());
        Assert.Empty(now.GetProperty("reasons").EnumerateArray());

        // The same data, seen by a local host whose clock runs 200 days ahead: past the six-month re-verification.
        await today.KillAsync();
        await using var later = await LocalHostProcess.StartAsync(azurite.ConnectionString, LocalHostProcess.Shifted("200.00:00:00"));
        using var laterClient = later.CreateClient(platform);
        var lapsed = await StandingAsync(laterClient, "api/hosts/h1/qualification");
        Assert.Equal("lapsed", lapsed.GetProperty("status").GetString());
        Assert.Equal("REVERIFICATION_DUE", lapsed.GetProperty("reasons")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_blacklisted_or_unchecked_account_is_not_current()
    {
        using var client = fixture.ClientFor();
        var person = TestIdentities.AdultPerson();
        (await client.PostAsJsonAsync("api/hosts/h2/qualification-checks", new { name = "陈二", idNumber = person })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("api/blacklist", new { subjectType = "person", idNumber = person, reason = "fraud" })).EnsureSuccessStatusCode();

        var blacklisted = await StandingAsync(client, "api/hosts/h2/qualification");
        Assert.Equal("blacklisted", blacklisted.GetProperty("status").GetString());
        Assert.Equal("BLACKLISTED", blacklisted.GetProperty("reasons")[0].GetProperty("code").GetString());

        var never = await StandingAsync(client, "api/merchants/nobody/qualification");
        Assert.Equal("never_checked", never.GetProperty("status").GetString());
    }
}
