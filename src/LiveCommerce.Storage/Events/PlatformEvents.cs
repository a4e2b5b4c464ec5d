using LiveCommerce.Domain;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.Events;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Storage.Events;

/// <summary>Settings of webhook delivery (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The first retry's delay in seconds; later ones are multiples of it (see <see cref="WebhookDeliveryWorkflow"/>).</summary>
    public int FirstRetrySeconds { get; set; } = 10;
}

/// <summary>
/// The one place events are published: <see cref="PublishAsync"/> stores the event in the platform's feed (once per
/// event id) and starts one delivery workflow per endpoint subscribed to its type (once per endpoint and event).
/// Publishing again (a retried activity, a repeated request) finds the stored event and starts only the deliveries
/// that are missing, so a crash between the two steps loses nothing as long as the publisher runs again.
/// </summary>
public sealed class PlatformEvents(EventFeed feed, WebhookEndpointStore endpoints, IWorkflowClient workflows, WebhookOptions options, ILogger<PlatformEvents> logger)
{
    /// <param name="key">What the event is about, unique per type (e.g. the session id): the event id derives from it.</param>
    /// <param name="data">The event's <c>data</c>, serialised with the API's camelCase JSON. No raw ID or phone numbers.</param>
    public async Task<PlatformEvent> PublishAsync(PlatformId platform, string type, string key, object data, CancellationToken cancellationToken, DateTimeOffset? occurredAt = null)
    {
        var published = await feed.AppendAsync(platform, type, key, data, occurredAt, cancellationToken);
        foreach (var endpoint in await endpoints.ListAsync(platform, cancellationToken))
        {
            if (endpoint.Wants(type))
            {
                await workflows.ScheduleNewAsync(
                    WebhookDeliveryWorkflow.Name,
                    new WebhookDeliveryInput(platform.Value, endpoint.EndpointId, published.EventId, options.FirstRetrySeconds),
                    new StartOrchestrationOptions(WebhookDeliveryWorkflow.InstanceIdFor(platform.Value, endpoint.EndpointId, published.EventId)),
                    cancellationToken);
            }
        }

        logger.LogInformation("Event {EventId} ({Type}) published on {Platform}", published.EventId, type, platform.Value);
        return published;
    }
}
