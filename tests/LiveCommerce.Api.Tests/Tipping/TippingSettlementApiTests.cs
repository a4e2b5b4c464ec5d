using LiveCommerce.Domain.Tipping;
using NodaTime;
using static LiveCommerce.Api.Tests.Tipping.TippingApiTests;
using static LiveCommerce.Api.Tests.Tipping.TippingWire;

namespace LiveCommerce.Api.Tests.Tipping;

/// <summary>
/// Settlement and refunds: the operations the settlement timer and the sanctions side run, on the same Azurite as the
/// local host, observed through HTTP.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class TippingSettlementApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task A_sanction_refunds_the_hosts_pending_tips_once_with_one_event_each_even_when_the_refund_runs_twice()
    {
        using var client = Client(fixture);
        var platform = Platform(client);
        var user = await AdultAsync(client);
        var hostId = NewId("host");
        var tips = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var tipId = NewId("t");
            Assert.Equal("allowed", (await DecideAsync(client, user, 100, hostId, tipId)).Decision());
            tips.Add(tipId);
        }

        var operations = new TippingOperations(fixture.Azurite);
        var sanction = new HostTippingSuspension(NewId("sanction"), Now(), null);
        var runs = await Task.WhenAll(
            operations.Sanctions.SuspendAsync(platform, hostId, sanction, Now(), default),
            operations.Settlements.RefundPendingTipsAsync(platform, hostId, sanction.SanctionId, Now(), default));
        var again = await operations.Settlements.RefundPendingTipsAsync(platform, hostId, sanction.SanctionId, Now(), default);

        Assert.Equal(3, runs.Sum(r => r.Refunded));
        Assert.Equal(0, again.Refunded);
        var refunded = await HostTipsAsync(client, hostId, "refunded");
        Assert.Equal(tips.Order(), refunded.Select(t => t.GetProperty("tipId").GetString()!).Order());
        Assert.All(refunded, t => Assert.Equal(sanction.SanctionId, t.GetProperty("sanctionId").GetString()));
        Assert.Empty(await HostTipsAsync(client, hostId, "pending"));

        var events = new List<Storage.Tipping.TipRefundedEvent>();
        await foreach (var e in operations.Store.ListRefundEventsAsync(platform, hostId, default))
        {
            events.Add(e);
        }

        Assert.Equal(tips.Order(), events.Select(e => e.TipId).Order());
        Assert.All(events, e => Assert.Equal(sanction.SanctionId, e.SanctionId));

        // The host process sees the suspension within its cache lifetime (5 s): from then on tips are denied.
        var codes = await CodesOnceSeenAsync(client, user, hostId, TippingReasonCodes.HostTippingSuspended);
        Assert.Equal([TippingReasonCodes.HostTippingSuspended], codes);
    }

    [Fact]
    public async Task Due_tips_are_settled_once_and_a_suspended_hosts_due_tip_is_refunded_instead()
    {
        using var client = Client(fixture);
        var platform = Platform(client);
        await PutPolicyAsync(client, perTip: 1000, daily: 100_000, monthly: 1_000_000, delayHours: 0);
        var user = await AdultAsync(client);
        var (paid, stopped) = (NewId("host"), NewId("host"));
        var later = await DecideAsync(client, user, 100, paid);
        await DecideAsync(client, user, 200, stopped);

        var operations = new TippingOperations(fixture.Azurite);
        await operations.Store.PutSuspensionAsync(platform, stopped, new HostTippingSuspension(NewId("sanction"), Now(), null), default);
        var first = await operations.Settlements.SettleDueAsync(Now(), default);
        var second = await operations.Settlements.SettleDueAsync(Now(), default);

        Assert.True(first.Settled >= 1 && first.Refunded >= 1, first.ToString());
        var settled = Assert.Single(await HostTipsAsync(client, paid, "settled"));
        Assert.Equal(later.GetProperty("tipId").GetString(), settled.GetProperty("tipId").GetString());
        Assert.True(settled.TryGetProperty("settledAt", out _));
        Assert.Single(await HostTipsAsync(client, stopped, "refunded"));
        Assert.Empty(await HostTipsAsync(client, paid, "pending"));
        Assert.DoesNotContain(await HostTipsAsync(client, paid), t => t.GetProperty("status").GetString() != "settled");
        Assert.Single(await HostTipsAsync(client, paid));
        Assert.Single(await HostTipsAsync(client, stopped));
        Assert.True(second.Examined <= first.Examined + 10, second.ToString()); // the second run finds nothing of these left
    }
}
