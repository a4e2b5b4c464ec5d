using LiveCommerce.Testing;
using Microsoft.Playwright;

namespace LiveCommerce.Console.Tests;

/// <summary>
/// One Azurite, one local host (serving the built console at /console/) and one headless Chromium from Debian's
/// package for all browser tests. Screenshots go to .artifacts/console/.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium (./test.sh installs it with apt); CHROMIUM_PATH overrides.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryLayout.Root, ".artifacts", "console");

    public AzuriteInstance Azurite { get; private set; } = null!;

    public LocalHostProcess Host { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        Azurite = await AzuriteInstance.StartAsync();
        Host = await LocalHostProcess.StartAsync(Azurite.ConnectionString);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // This machine has no network beyond loopback: Chromium's own background traffic is switched off.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        // Each part is disposed only if it started: a failure half-way must not hide its cause behind another.
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "console in Chromium";
}
