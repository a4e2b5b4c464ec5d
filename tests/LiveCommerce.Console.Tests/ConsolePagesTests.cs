using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace LiveCommerce.Console.Tests;

/// <summary>
/// Each page of the console as a reviewer sees it, against the local host on Azurite with data seeded through the
/// public API: what is shown, no console errors, no serious accessibility findings, and a screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsolePagesTests(BrowserFixture fixture)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));

    private static string NewPlatform() => "p-" + Guid.NewGuid().ToString("N")[..12];

    private static async Task OkAsync(Task<HttpResponseMessage> sending, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await sending;
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Inspection_shows_the_days_heat_map_with_the_uncovered_key_session_and_replans_from_its_button()
    {
        const string day = "2031-03-02";
        static string At(string time) => $"{day}T{time}:00+08:00";
        var platform = NewPlatform();
        using (var api = fixture.Host.CreateClient(platform))
        {
            object Key(string id, string from, string to, string category) => new { sessionId = id, roomId = "room-" + id, start = At(from), end = At(to), tier = "key", category };
            object Inspector(string id) => new { inspectorId = id, shifts = new[] { new { start = At("08:00"), end = At("20:00") } }, skills = new[] { "food" }, maxConcurrentRooms = 1 };
            await OkAsync(api.PutAsJsonAsync($"api/inspection-days/{day}", new
            {
                slotMinutes = 30,
                sessions = new[] { Key("s1", "09:00", "10:00", "food"), Key("s2", "09:00", "10:00", "food"), Key("s3", "11:00", "12:00", "cosmetics") },
                inspectors = new[] { Inspector("ann"), Inspector("bob") },
            }));
            await OkAsync(api.PostAsJsonAsync($"api/inspection-days/{day}/replan", new { }));
        }

        await using var console = await ConsolePage.SignInAsync(fixture, platform);
        await console.OpenAsync("inspection");
        await console.Page.GetByLabel("Date").FillAsync(day);

        // s3 needs a cosmetics inspector and nobody on shift has the skill: its slots are marked in the heat map.
        var uncovered = console.Page.Locator("table.heat td.uncovered[data-uncovered~='s3']");
        await Assertions.Expect(uncovered.First).ToBeVisibleAsync();
        Assert.Equal(2, await uncovered.CountAsync()); // 11:00 and 11:30
        await Assertions.Expect(console.Page.Locator(".uncovered-list")).ToContainTextAsync("s3");
        await Assertions.Expect(console.Page.Locator(".summary")).ToContainTextAsync("2 of 3 key sessions covered");
        await Assertions.Expect(console.Page.Locator(".chart svg").First).ToBeVisibleAsync(); // the ECharts heat map itself
        await console.ScreenshotAsync("inspection");

        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Replan" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Replanned: 2 kept");
        Assert.Empty(await console.AccessibilityViolationsAsync());
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Deadlines_show_a_late_filing_in_red_with_the_official_holidays()
    {
        var platform = NewPlatform();
        using (var api = fixture.Host.CreateClient(platform))
        {
            object Event(DateTimeOffset startsAt) => new { name = "双十二直播节", startsAt = startsAt.ToString("yyyy-MM-dd'T'10:00:00+08:00"), guests = Array.Empty<object>(), hostIds = new[] { "h1" }, content = new { }, settings = new { } };
            await OkAsync(api.PostAsJsonAsync("api/events/e-late/filings", Event(Now.AddDays(3))), HttpStatusCode.Created);
            await OkAsync(api.PostAsJsonAsync("api/events/e-open/filings", Event(Now.AddDays(28))), HttpStatusCode.Created);
        }

        await using var console = await ConsolePage.SignInAsync(fixture, platform);
        await console.OpenAsync("deadlines");
        await console.Page.GetByLabel("From").FillAsync(Now.AddDays(-60).ToString("yyyy-MM-dd"));

        var late = console.Page.Locator("tr[data-event-id='e-late']");
        await Assertions.Expect(late).ToHaveClassAsync("late");
        await Assertions.Expect(late).ToHaveCSSAsync("color", "rgb(179, 38, 30)");
        await Assertions.Expect(late).ToContainTextAsync("late");
        await Assertions.Expect(console.Page.Locator("tr[data-event-id='e-open']")).Not.ToHaveClassAsync("late");
        await Assertions.Expect(console.Page.Locator(".chart[data-chart='Calendar'] svg")).ToBeVisibleAsync();
        await console.ScreenshotAsync("deadlines");
        Assert.Empty(await console.AccessibilityViolationsAsync());
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Screening_highlights_each_match_at_its_offsets_in_the_original_text_with_the_list_version()
    {
        var platform = NewPlatform();
        using (var api = fixture.Host.CreateClient(platform))
        {
            await OkAsync(api.PutAsJsonAsync("api/negative-lists/main", new { entries = new[] { new { term = "电子烟", category = "tobacco", severity = "prohibited" } } }));
        }

        await using var console = await ConsolePage.SignInAsync(fixture, platform);
        await console.OpenAsync("screening");
        await console.Page.GetByLabel("Negative list").FillAsync("main");
        await console.Page.GetByLabel("Listings (one per line: SKU, tab, title)").FillAsync("sku-1\t新款 电 子 烟 特价\nsku-2\t纯棉T恤");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Screen" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("List version 1");
        await console.ScreenshotAsync("screening");

        // The match spans the spaced-out characters in the original title, and the mark shows exactly them.
        var mark = console.Page.Locator("tr.verdict-prohibited mark[data-term='电子烟']");
        await Assertions.Expect(mark).ToHaveTextAsync("电 子 烟");
        await Assertions.Expect(console.Page.Locator("tr.verdict-allowed")).ToContainTextAsync("sku-2");
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("List version 1");
        await console.ScreenshotAsync("screening");
        Assert.Empty(await console.AccessibilityViolationsAsync());
        Assert.Empty(console.Errors);
    }
}
