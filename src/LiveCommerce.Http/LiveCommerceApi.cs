using LiveCommerce.Http.Disputes;
using LiveCommerce.Http.Filings;
using LiveCommerce.Http.BackgroundChecks;
using LiveCommerce.Http.Identity;
using LiveCommerce.Http.KeyRooms;
using LiveCommerce.Http.Operations;
using LiveCommerce.Http.Screening;
using LiveCommerce.Http.Workflows;
using LiveCommerce.Storage;
using LiveCommerce.Storage.Idempotency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCommerce.Http;

/// <summary>
/// The service's shared defaults, eShop style: both hosts call <see cref="AddLiveCommerceApi"/>; the local host maps
/// the routes with <see cref="MapLiveCommerceApi"/> and the Functions app binds the same handlers to [Function]s.
/// Each capability registers its own services and routes (IdentityApi, ...).
/// </summary>
public static class LiveCommerceApi
{
    public static IServiceCollection AddLiveCommerceApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLiveCommerceStorage(configuration);
        services.AddSingleton<IdempotencyLedger>();
        services.AddSingleton<Idempotency.IdempotentPosts>();
        services.AddSingleton<OperationsEndpoints>();
        services.AddIdentity(configuration);
        services.AddScreening();
        services.AddKeyRooms(configuration);
        services.AddFilings(configuration);
        services.AddDisputes(configuration);
        services.AddBackgroundChecks();
        services.AddWorkflowOperations();
        return services;
    }

    public static IEndpointRouteBuilder MapLiveCommerceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/health", (HttpRequest r, OperationsEndpoints h) => h.Health(r));
        api.MapGet("/openapi.json", (HttpRequest r, OperationsEndpoints h) => h.OpenApi(r));
        api.MapIdentity();
        api.MapScreening();
        api.MapKeyRooms();
        api.MapFilings();
        api.MapDisputes();
        api.MapBackgroundChecks();
        api.MapWorkflowOperations();

        api.Map("/{**path}", OperationsEndpoints.RouteNotFound);
        return app;
    }
}
