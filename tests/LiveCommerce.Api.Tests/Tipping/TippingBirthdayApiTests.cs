using LiveCommerce.Domain.Tipping;
using LiveCommerce.Testing;
using static LiveCommerce.Api.Tests.Tipping.TippingWire;

namespace LiveCommerce.Api.Tests.Tipping;

[Collection(LocalHostCollection.Name)]
public sealed class TippingBirthdayApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task A_minor_is_refused_and_the_same_user_is_allowed_on_the_day_after_the_18th_birthday()
    {
        var platform = NewId("p");
        using var client = Client(fixture, platform);
        // 18 tomorrow (Asia/Shanghai): a minor today. Minor status is computed on each day, from the stored birth date.
        var idNumber = TestIdentities.Person(TestIdentities.TodayInShanghai.AddYears(-18).AddDays(1));
        var registered = await PutUserAsync(client, "teen", true, idNumber);
        Assert.True(registered.GetProperty("minor").GetBoolean());
        Assert.Equal([TippingReasonCodes.MinorCannotTip], (await DecideAsync(client, "teen", 100)).Codes());

        // The same storage, seen by a host whose clock is two days ahead: the day after the 18th birthday.
        await using var later = await LocalHostProcess.StartAsync(fixture.Azurite.ConnectionString, new Dictionary<string, string> { ["LocalHost:ClockOffset"] = "2.00:00:00" });
        using var laterClient = later.CreateClient(platform, "platform.api");
        var adult = await DecideAsync(laterClient, "teen", 100);
        Assert.Equal("allowed", adult.Decision());
        Assert.Empty(adult.Codes());
    }
}
