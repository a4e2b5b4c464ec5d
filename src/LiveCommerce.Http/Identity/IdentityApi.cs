using LiveCommerce.Domain.Identity;
using LiveCommerce.Storage.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Http.Identity;

/// <summary>Services and routes of the contract's "Merchants and hosts" section.</summary>
public static class IdentityApi
{
    public static IServiceCollection AddIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new SubjectHasher(IdentityHashKey.From(configuration)));
        services.AddSingleton<QualificationStore>();
        services.AddSingleton<AccountStandings>();
        services.AddSingleton<QualificationEndpoints>();
        services.AddSingleton<BlacklistEndpoints>();
        return services;
    }

    public static RouteGroupBuilder MapIdentity(this RouteGroupBuilder api)
    {
        api.MapPost("/merchants/{merchantId}/qualification-checks", (HttpRequest r, string merchantId, QualificationEndpoints h) => h.CheckMerchant(r, merchantId));
        api.MapGet("/merchants/{merchantId}/qualification-checks/{checkId}", (HttpRequest r, string merchantId, string checkId, QualificationEndpoints h) => h.GetMerchantCheck(r, merchantId, checkId));
        api.MapGet("/merchants/{merchantId}/qualification", (HttpRequest r, string merchantId, QualificationEndpoints h) => h.GetMerchantStanding(r, merchantId));
        api.MapPost("/hosts/{hostId}/qualification-checks", (HttpRequest r, string hostId, QualificationEndpoints h) => h.CheckHost(r, hostId));
        api.MapGet("/hosts/{hostId}/qualification-checks/{checkId}", (HttpRequest r, string hostId, string checkId, QualificationEndpoints h) => h.GetHostCheck(r, hostId, checkId));
        api.MapGet("/hosts/{hostId}/qualification", (HttpRequest r, string hostId, QualificationEndpoints h) => h.GetHostStanding(r, hostId));
        api.MapPost("/blacklist", (HttpRequest r, BlacklistEndpoints h) => h.Add(r));
        return api;
    }
}
