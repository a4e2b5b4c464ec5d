using LiveCommerce.Http;
using LiveCommerce.Http.Authentication;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage;
using LiveCommerce.Testing;
using LiveCommerce.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Moq;

namespace LiveCommerce.Functions.Tests;

/// <summary>
/// A private Azurite, the Functions app composed as Program composes it (not started: there is no Functions host
/// here), and beside it the local host's routes (<see cref="LiveCommerceApi.MapLiveCommerceApi"/>) on a free port
/// over the same storage, so a test can send one request to both and compare the answers.
/// </summary>
public sealed class FunctionsAppFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;
    private IHost? _functions;
    private WebApplication? _localRoutes;

    private static readonly string DevelopmentSigningKey = Convert.ToBase64String("functions-tests-development-signing-key-0123456789"u8);

    public IServiceProvider Services => _functions!.Services;

    /// <summary>A development token of <paramref name="platform"/> with every role, as both hosts accept it.</summary>
    public static string TokenFor(string platform) => DevelopmentTokens.Mint(
        DevelopmentSigningKey, platform, [PlatformRoles.PlatformApi, PlatformRoles.ComplianceReviewer, PlatformRoles.ComplianceAdmin], "functions-tests");

    public HttpClient LocalRoutes { get; private set; } = null!;

    public StorageClients Storage => Services.GetRequiredService<StorageClients>();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["Identity:HashKey"] = Convert.ToBase64String("functions-tests-identity-hash-key-0123456789"u8),
            ["DurableTask:HubName"] = "LiveCommerceHub",
            ["Auth:DevelopmentSigningKey"] = DevelopmentSigningKey,
        };

        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Environment.EnvironmentName = Environments.Development; // development tokens are accepted only there
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The extensions' start-up code (WorkerExtensionStartup) is run by a class the SDK generates into the app's own
        // entry assembly; under the test runner the entry assembly is another, so run the Durable extension's here, first,
        // as the worker does before Program's code.
        builder.ConfigureDurableExtension();
        _functions = LiveCommerceFunctionsApp.Configure(builder).Build();
        await Storage.EnsureCreatedAsync();

        var local = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        local.Configuration.AddInMemoryCollection(settings);
        local.Logging.SetMinimumLevel(LogLevel.Warning);
        local.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        local.Services.AddLiveCommerceApi(local.Configuration);
        local.Services.AddLiveCommerceAuthentication(local.Configuration, local.Environment);
        local.Services.AddSingleton(new Mock<IWorkflowClient>().Object);
        _localRoutes = local.Build();
        _localRoutes.UseLiveCommerceCallers();
        _localRoutes.MapLiveCommerceApi();
        await _localRoutes.StartAsync();
        LocalRoutes = new HttpClient { BaseAddress = new Uri(_localRoutes.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        LocalRoutes?.Dispose();
        if (_localRoutes is not null)
        {
            await _localRoutes.DisposeAsync();
        }

        _functions?.Dispose();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

/// <summary>One Azurite and one composed app for every test class of this assembly.</summary>
[CollectionDefinition(Name)]
public sealed class FunctionsAppCollection : ICollectionFixture<FunctionsAppFixture>
{
    public const string Name = "Functions app";
}
