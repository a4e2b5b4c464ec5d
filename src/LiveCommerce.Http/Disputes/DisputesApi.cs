using LiveCommerce.Storage.Disputes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Http.Disputes;

/// <summary>Services and routes of the contract's "Consumer dispute evidence" section and its intake extension.</summary>
public static class DisputesApi
{
    public static IServiceCollection AddDisputes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<EvidenceRetention>();
        services.AddSingleton<EvidenceIntake>();
        services.AddSingleton<EvidencePurge>();
        services.AddSingleton<EvidenceEndpoints>();
        return services;
    }

    public static RouteGroupBuilder MapDisputes(this RouteGroupBuilder api)
    {
        api.MapPut("/live-sessions/{sessionId}/evidence", (HttpRequest r, string sessionId, EvidenceEndpoints h) => h.UpdateSession(r, sessionId));
        api.MapGet("/live-sessions/{sessionId}/evidence", (HttpRequest r, string sessionId, EvidenceEndpoints h) => h.GetSession(r, sessionId));
        api.MapPut("/live-sessions/{sessionId}/evidence/{kind}/{recordId}", (HttpRequest r, string sessionId, string kind, string recordId, EvidenceEndpoints h) => h.PushToSession(r, sessionId, kind, recordId));
        api.MapPut("/orders/{orderId}/evidence", (HttpRequest r, string orderId, EvidenceEndpoints h) => h.UpdateOrder(r, orderId));
        api.MapGet("/orders/{orderId}/evidence", (HttpRequest r, string orderId, EvidenceEndpoints h) => h.GetOrder(r, orderId));
        api.MapPut("/orders/{orderId}/evidence/{kind}/{recordId}", (HttpRequest r, string orderId, string kind, string recordId, EvidenceEndpoints h) => h.PushToOrder(r, orderId, kind, recordId));
        return api;
    }
}
