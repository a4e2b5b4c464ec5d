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

    /// <summary>A client for a fresh platform, so tests never see each other's data.</summary>
    public HttpClient ClientFor(string? platform = null) =>
        Host.CreateClient(platform ?? "p-" + Guid.NewGuid().ToString("N")[..12]);

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
