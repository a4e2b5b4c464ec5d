using LiveCommerce.Domain.Identity;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.Identity;
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

        // Pre-live identity verification: the workflow, its activities and the ports they use.
        services.AddSingleton<LiveSessionStore>();
        services.AddSingleton<IPreLiveRecords>(sp => sp.GetRequiredService<LiveSessionStore>());
        services.AddSingleton<IQualificationStandings>(sp => sp.GetRequiredService<AccountStandings>());
        // IIdentityVerificationProvider (the challenges) and the providers' adapters: Providers/IdentityProviders.Register.
        services.AddSingleton<LiveSessionEndpoints>();
        services.AddSingleton<ISessionItemScreening, Screening.SessionItemScreening>();
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
        api.MapPost("/live-sessions/{sessionId}/pre-live-checks", (HttpRequest r, string sessionId, LiveSessionEndpoints h, IWorkflowClient w) => h.Start(r, sessionId, w));
        api.MapGet("/live-sessions/{sessionId}/pre-live-checks", (HttpRequest r, string sessionId, LiveSessionEndpoints h, IWorkflowClient w) => h.Get(r, sessionId, w));
        api.MapPost("/live-sessions/{sessionId}/identity-results", LiveSessionEndpoints.PostResult);
        api.MapPost("/identity-providers/{provider}/results", (HttpRequest r, string provider, Providers.IdentityProviderEndpoints h, IWorkflowClient w) => h.PostResult(r, provider, w));
        return api;
    }
}
