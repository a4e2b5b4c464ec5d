using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests;

/// <summary>One Azurite and one local-host process for the API tests: real HTTP, real storage protocol.</summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public LocalHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Host = await LocalHostProcess.StartAsync(Azurite.ConnectionString);
    }

    /// <summary>
    /// A client with a development token of <paramref name="platform"/> (a fresh one when null, so tests never see
    /// each other's data) and the roles (default <c>platform.api</c>).
    /// </summary>
    public HttpClient ClientFor(string? platform = null, params string[] roles) =>
        Host.CreateClient(platform ?? NewPlatform(), roles);

    /// <summary>Like <see cref="ClientFor"/>, acting as <paramref name="subject"/> (the token's <c>sub</c>).</summary>
    public HttpClient ClientAs(string platform, string subject, params string[] roles) =>
        Host.CreateClientAs(platform, subject, roles);

    public static string NewPlatform() => "p-" + Guid.NewGuid().ToString("N")[..12];

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "local host on Azurite";
}
