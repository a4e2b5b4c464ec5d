using LiveCommerce.Http.Audit;
using LiveCommerce.Storage.Audit;
using LiveCommerce.Storage.Events;
using LiveCommerce.Workflows.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiveCommerce.Http.Events;

/// <summary>Services and routes of the contract's "Audit log" and "Platform events (webhooks)" sections.</summary>
public static class EventsApi
{
    public static IServiceCollection AddAuditAndEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var options = configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions();
            if (options.CrashAfterChangeOf is not null && sp.GetService<IHostEnvironment>()?.IsDevelopment() != true)
            {
                throw new InvalidOperationException("Audit:CrashAfterChangeOf is a test hook; it is refused outside Development.");
            }

            return options;
        });
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditLogEndpoints>();
        services.AddSingleton<AuditedChanges>();
        services.AddHostedService<AuditOutboxRelay>();

        services.AddSingleton(configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions());
        services.AddSingleton<EventFeed>();
        services.AddSingleton<WebhookEndpointStore>();
        services.AddSingleton<PlatformEvents>();
        services.PublishWorkflowEvents();
        services.AddSingleton<EventFeedEndpoints>();
        services.AddSingleton<WebhookEndpointEndpoints>();
        services.AddSingleton(sp => new WebhookUrlGuard(allowLoopback: sp.GetService<IHostEnvironment>()?.IsDevelopment() == true));
        services.AddSingleton<IWebhookDeliveries, WebhookDeliveries>();
        services.AddHttpClient(WebhookDeliveries.ClientName, c =>
            {
                c.Timeout = WebhookDeliveries.Timeout;
                c.DefaultRequestHeaders.UserAgent.ParseAdd("LiveCommerceFunctions-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<WebhookUrlGuard>().ConnectAsync,
                AllowAutoRedirect = false, // a redirect could lead past the guard's check of the registered URL
                UseCookies = false,
                ConnectTimeout = WebhookDeliveries.Timeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                MaxConnectionsPerServer = 64,
            });
        return services;
    }

    public static RouteGroupBuilder MapAuditAndEvents(this RouteGroupBuilder api)
    {
        api.MapGet("/audit-log", (HttpRequest r, AuditLogEndpoints h) => h.List(r));
        api.MapGet("/audit-log/verification", (HttpRequest r, AuditLogEndpoints h) => h.Verify(r));
        api.MapGet("/event-feed", (HttpRequest r, EventFeedEndpoints h) => h.Read(r));
        api.MapGet("/webhook-endpoints", (HttpRequest r, WebhookEndpointEndpoints h) => h.List(r));
        api.MapPut("/webhook-endpoints/{endpointId}", (HttpRequest r, string endpointId, WebhookEndpointEndpoints h) => h.Put(r, endpointId));
        api.MapGet("/webhook-endpoints/{endpointId}", (HttpRequest r, string endpointId, WebhookEndpointEndpoints h) => h.Get(r, endpointId));
        api.MapDelete("/webhook-endpoints/{endpointId}", (HttpRequest r, string endpointId, WebhookEndpointEndpoints h) => h.Delete(r, endpointId));
        api.MapPost("/webhook-endpoints/{endpointId}/secret-rotations", (HttpRequest r, string endpointId, WebhookEndpointEndpoints h) => h.RotateSecret(r, endpointId));
        api.MapGet("/webhook-endpoints/{endpointId}/deliveries", (HttpRequest r, string endpointId, WebhookEndpointEndpoints h) => h.Deliveries(r, endpointId));
        return api;
    }
}
