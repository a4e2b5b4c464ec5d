using LiveCommerce.Storage.Disputes;
using LiveCommerce.Storage.Filings;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.Disputes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

        // Evidence bundles: the ports the workflow's activities use (the tasks: LiveCommerceTasks).
        services.TryAddSingleton<CalendarStore>();
        services.AddSingleton<BundleStore>();
        services.AddSingleton<IBundleAssembler>(sp => sp.GetRequiredService<BundleStore>());
        services.AddSingleton<IBundleRecords>(sp => sp.GetRequiredService<BundleStore>());
        services.AddSingleton<IEvidenceSources, EvidenceSources>();
        services.AddSingleton<BundleEndpoints>();
        return services;
    }

    public static RouteGroupBuilder MapDisputes(this RouteGroupBuilder api)
    {
        api.MapPut("/live-sessions/{sessionId}/evidence", (HttpRequest r, string sessionId, EvidenceEndpoints h) => h.UpdateSession(r, sessionId));
        api.MapGet("/live-sessions/{sessionId}/evidence", (HttpRequest r, string sessionId, EvidenceEndpoints h) => h.GetSession(r, sessionId));
        api.MapPut("/live-sessions/{sessionId}/evidence/{kind}/{recordId}", (HttpRequest r, string sessionId, string kind, string recordId, EvidenceEndpoints h) => h.PushToSession(r, sessionId, kind, recordId));
        api.MapPut("/orders/{orderId}/evidence", (HttpRequest r, string orderId, EvidenceEndpoints h) => h.UpdateOrder(r, orderId));
        api.MapGet("/orders/{orderId}/evidence", (HttpRequest r, string orderId, EvidenceEndpoints h) => h.GetOrder(r, orderId));
        api.MapGet("/disputes", (HttpRequest r, BundleEndpoints h) => h.List(r));
        api.MapPost("/disputes/{disputeId}/evidence-bundles", (HttpRequest r, string disputeId, BundleEndpoints h, IWorkflowClient w) => h.Start(r, disputeId, w));
        api.MapGet("/disputes/{disputeId}/evidence-bundles", (HttpRequest r, string disputeId, BundleEndpoints h, IWorkflowClient w) => h.Get(r, disputeId, w));
        api.MapGet("/disputes/{disputeId}/evidence-bundles/verification", (HttpRequest r, string disputeId, BundleEndpoints h) => h.Verify(r, disputeId));
        api.MapPost("/disputes/{disputeId}/evidence-bundles/links", (HttpRequest r, string disputeId, BundleEndpoints h) => h.MintLink(r, disputeId));
        api.MapGet("/disputes/{disputeId}/evidence-bundles/custody", (HttpRequest r, string disputeId, BundleEndpoints h) => h.Custody(r, disputeId));
        api.MapPut("/orders/{orderId}/evidence/{kind}/{recordId}", (HttpRequest r, string orderId, string kind, string recordId, EvidenceEndpoints h) => h.PushToOrder(r, orderId, kind, recordId));
        return api;
    }
}
