using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCommerce.Http.BackgroundChecks;

/// <summary>Services and the route of background checks (docs/api.md, "Background checks").</summary>
public static class BackgroundChecksApi
{
    /// <summary>The handler both consumers call; the storage-queue transport unless the host registered another.</summary>
    public static IServiceCollection AddBackgroundChecks(this IServiceCollection services)
    {
        services.TryAddSingleton<IBackgroundCheckQueue, StorageBackgroundCheckQueue>();
        services.AddSingleton<Storage.BackgroundChecks.ProcessedMessages>();
        services.AddSingleton<AccountReverification>();
        services.AddSingleton<ListingRescreening>();
        services.AddSingleton<IReverificationSweep, ReverificationSweep>();
        services.AddSingleton<IBackgroundCheckHandler, BackgroundCheckHandler>();
        services.AddSingleton<BackgroundCheckPoison>();
        services.AddSingleton<BackgroundCheckEndpoints>();
        return services;
    }

    public static RouteGroupBuilder MapBackgroundChecks(this RouteGroupBuilder api)
    {
        api.MapPost("/background-checks", (HttpRequest r, BackgroundCheckEndpoints h) => h.Enqueue(r));
        return api;
    }
}
