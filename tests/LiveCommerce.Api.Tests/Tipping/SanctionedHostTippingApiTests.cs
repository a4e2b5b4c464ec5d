using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Http.Tenancy;
using static LiveCommerce.Api.Tests.Tipping.TippingWire;

namespace LiveCommerce.Api.Tests.Tipping;

/// <summary>The sides joined through the API: a reviewer's suspend_live refunds the host's pending tips (with tip.refunded) and stops new ones.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class SanctionedHostTippingApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task A_suspend_live_sanction_refunds_the_hosts_pending_tips_and_denies_new_ones_with_HOST_TIPPING_SUSPENDED()
    {
        var platform = LocalHostFixture.NewPlatform();
        using var api = Client(fixture, platform);
        using var reviewer = fixture.ClientFor(platform, PlatformRoles.ComplianceReviewer);
        await PutPolicyAsync(api, perTip: 1000, daily: 100_000, monthly: 1_000_000);
        var user = await AdultAsync(api);
        var host = NewId("host");
        Assert.Equal("allowed", (await DecideAsync(api, user, 100, host)).Decision());

        using var imposed = await reviewer.PostAsJsonAsync("api/sanctions", new { subject = new { hostId = host }, measure = "suspend_live", reason = "虚假宣传", facts = "room r-1, 2026-12-01 20:15" });
        var body = await imposed.Content.ReadAsStringAsync();
        Assert.True(imposed.StatusCode == HttpStatusCode.Created, body);
        var sanctionId = JsonDocument.Parse(body).RootElement.GetProperty("sanctionId").GetString();

        var refunded = await HostTipsAsync(api, host, "refunded");
        var tip = Assert.Single(refunded);
        Assert.Equal(sanctionId, tip.GetProperty("sanctionId").GetString());

        // The refund reaches the platform as a tip.refunded event, beside sanction.imposed.
        var events = await Events.EventFeedApiTests.EventsAtLeastAsync(api, 2);
        var refundEvent = events.Where(e => e.GetProperty("type").GetString() == "tip.refunded").Cast<JsonElement?>().FirstOrDefault();
        Assert.NotNull(refundEvent);
        Assert.Equal(tip.GetProperty("tipId").GetString(), refundEvent.Value.GetProperty("data").GetProperty("tipId").GetString());
        Assert.Equal(sanctionId, refundEvent.Value.GetProperty("data").GetProperty("sanctionId").GetString());

        Assert.Equal(["HOST_TIPPING_SUSPENDED"], await CodesOnceSeenAsync(api, user, host, "HOST_TIPPING_SUSPENDED"));
    }
}
