using LiveCommerce.Storage.Tipping;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Http.Tipping;

/// <summary>Services and routes of the contract's "Tipping" section (docs/tipping.md).</summary>
public static class TippingApi
{
    public static IServiceCollection AddTipping(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = configuration.GetValue<double?>(TippingCacheOptions.Setting);
        services.AddSingleton(seconds is { } s ? new TippingCacheOptions(TimeSpan.FromSeconds(s)) : TippingCacheOptions.Default);
        services.AddSingleton<TippingStore>();
        services.AddSingleton<TippingPolicies>();
        services.AddSingleton<HostTippingSuspensions>();
        services.AddSingleton<UserTurns>();
        services.AddSingleton<TipSettlements>();
        services.AddSingleton<HostTippingSanctions>();
        services.AddSingleton<TippingEndpoints>();
        return services;
    }

    public static RouteGroupBuilder MapTipping(this RouteGroupBuilder api)
    {
        api.MapPut("/tipping-users/{userId}", (HttpRequest r, string userId, TippingEndpoints h) => h.PutUser(r, userId));
        api.MapPut("/tipping-policy", (HttpRequest r, TippingEndpoints h) => h.PutPolicy(r));
        api.MapGet("/tipping-policy", (HttpRequest r, TippingEndpoints h) => h.GetPolicy(r));
        api.MapPost("/tips/authorizations", (HttpRequest r, TippingEndpoints h) => h.Authorize(r));
        api.MapGet("/tips/authorizations/{tipId}", (HttpRequest r, string tipId, TippingEndpoints h) => h.GetAuthorization(r, tipId));
        api.MapPost("/tips/authorizations/{tipId}/confirmation", (HttpRequest r, string tipId, TippingEndpoints h) => h.Confirm(r, tipId));
        api.MapGet("/hosts/{hostId}/tips", (HttpRequest r, string hostId, TippingEndpoints h) => h.ListHostTips(r, hostId));
        return api;
    }
}
