using LiveCommerce.Domain.Identity;
using LiveCommerce.Http.Identity;
using LiveCommerce.Http.Operations;
using LiveCommerce.Storage;
using LiveCommerce.Storage.Identity;
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
/// </summary>
public static class LiveCommerceApi
{
    public static IServiceCollection AddLiveCommerceApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLiveCommerceStorage(configuration);
        services.AddSingleton<IdempotencyLedger>();
        services.AddSingleton<OperationsEndpoints>();

        services.AddSingleton(_ => new SubjectHasher(IdentityHashKey.From(configuration)));
        services.AddSingleton<QualificationStore>();
        services.AddSingleton<AccountStandings>();
        services.AddSingleton<QualificationEndpoints>();
        services.AddSingleton<BlacklistEndpoints>();
        return services;
    }

    public static IEndpointRouteBuilder MapLiveCommerceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/health", (HttpRequest r, OperationsEndpoints h) => h.Health(r));
        api.MapGet("/openapi.json", (HttpRequest r, OperationsEndpoints h) => h.OpenApi(r));

        api.MapPost("/merchants/{merchantId}/qualification-checks", (HttpRequest r, string merchantId, QualificationEndpoints h) => h.CheckMerchant(r, merchantId));
        api.MapGet("/merchants/{merchantId}/qualification-checks/{checkId}", (HttpRequest r, string merchantId, string checkId, QualificationEndpoints h) => h.GetMerchantCheck(r, merchantId, checkId));
        api.MapPost("/hosts/{hostId}/qualification-checks", (HttpRequest r, string hostId, QualificationEndpoints h) => h.CheckHost(r, hostId));
        api.MapGet("/hosts/{hostId}/qualification-checks/{checkId}", (HttpRequest r, string hostId, string checkId, QualificationEndpoints h) => h.GetHostCheck(r, hostId, checkId));
        api.MapGet("/merchants/{merchantId}/qualification", (HttpRequest r, string merchantId, QualificationEndpoints h) => h.GetMerchantStanding(r, merchantId));
        api.MapGet("/hosts/{hostId}/qualification", (HttpRequest r, string hostId, QualificationEndpoints h) => h.GetHostStanding(r, hostId));
        api.MapPost("/blacklist", (HttpRequest r, BlacklistEndpoints h) => h.Add(r));

        api.Map("/{**path}", OperationsEndpoints.RouteNotFound);
        return app;
    }
}
