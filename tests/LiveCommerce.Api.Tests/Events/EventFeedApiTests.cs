using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Api.Tests.Audit;
using LiveCommerce.Api.Tests.Identity;

namespace LiveCommerce.Api.Tests.Events;

[Collection(LocalHostCollection.Name)]
public sealed class EventFeedApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task Qualification_decisions_appear_in_the_feed_once_each_and_page_by_after()
    {
        using var client = fixture.ClientFor();
        await PreLiveApiTests.QualifyAsync(client, "m1", "h1", "h2");

        var events = await EventsAtLeastAsync(client, 3);
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal("qualification.decided", e.GetProperty("type").GetString()));
        Assert.Equal(3, events.Select(e => e.GetProperty("eventId").GetString()).Distinct().Count());
        var merchant = Assert.Single(events, e => e.GetProperty("data").TryGetProperty("merchantId", out _));
        Assert.Equal("approved", merchant.GetProperty("data").GetProperty("decision").GetString());
        Assert.True(merchant.TryGetProperty("occurredAt", out _));
        Assert.True(merchant.TryGetProperty("platform", out _));

        var first = events[0].GetProperty("eventId").GetString();
        var page = await client.GetJsonAsync($"api/event-feed?after={first}&limit=1");
        Assert.Equal(events[1].GetProperty("eventId").GetString(), Assert.Single(page.GetProperty("events").EnumerateArray()).GetProperty("eventId").GetString());
        Assert.True(page.GetProperty("hasMore").GetBoolean());
        var last = await client.GetJsonAsync($"api/event-feed?after={events[2].GetProperty("eventId").GetString()}");
        Assert.Empty(last.GetProperty("events").EnumerateArray());
        Assert.False(last.GetProperty("hasMore").GetBoolean());

        using var other = fixture.ClientFor();
        Assert.Empty((await other.GetJsonAsync("api/event-feed")).GetProperty("events").EnumerateArray());
    }

    internal static async Task<List<JsonElement>> EventsAtLeastAsync(HttpClient client, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var events = (await client.GetJsonAsync("api/event-feed?limit=1000")).GetProperty("events").EnumerateArray().ToList();
            if (events.Count >= count || DateTime.UtcNow > deadline)
            {
                return events;
            }

            await Task.Delay(250);
        }
    }
}
