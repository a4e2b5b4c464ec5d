using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace LiveCommerce.Console.Tests;

/// <summary>A browser page signed in to the console through its development sign-in form, recording console errors.</summary>
internal sealed class ConsolePage : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    private ConsolePage(IPage page, Uri consoleUri)
    {
        Page = page;
        ConsoleUri = consoleUri;
        page.Console += (_, message) =>
        {
            // A 404 the page asked for and shows as "nothing here" (no day stored yet, a year whose calendar is not
            // published) is the API's answer, not a fault; Chromium logs every such response regardless.
            if (message.Type == "error" && !message.Text.Contains("status of 404", StringComparison.Ordinal))
            {
                lock (_errors) _errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors) _errors.Add(error);
        };
    }

    public IPage Page { get; }

    private Uri ConsoleUri { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors) return [.. _errors];
        }
    }

    public static async Task<ConsolePage> SignInAsync(BrowserFixture fixture, string platform, string role = "compliance.reviewer", string sub = "reviewer-1")
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        page.SetDefaultTimeout(60_000); // a loaded machine renders slowly; conditions are awaited, never slept on
        var console = new ConsolePage(page, new Uri(fixture.Host.BaseAddress, "console/?lang=en"));
        await page.GotoAsync(console.ConsoleUri.ToString());
        await page.GetByLabel("Platform").FillAsync(platform);
        await page.GetByLabel("Role").SelectOptionAsync(role);
        await page.GetByLabel("User id").FillAsync(sub);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return console;
    }

    public async Task OpenAsync(string route)
    {
        await Page.GotoAsync($"{ConsoleUri}#/{route}");
        await Assertions.Expect(Page.Locator("main h2").First).ToBeVisibleAsync();
    }

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>axe-core's WCAG 2 A/AA rules (labels, contrast, names, structure); the serious and critical findings.</summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync()
    {
        var result = await Page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
        return [.. result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))})")];
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
