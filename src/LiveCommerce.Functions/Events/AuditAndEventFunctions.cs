using LiveCommerce.Http.Audit;
using LiveCommerce.Http.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveCommerce.Functions.Events;

/// <summary>
/// The contract's "Audit log" and "Platform events (webhooks)": one line per route over the shared handlers. The
/// delivery workflow is registered with the other orchestrations; the audit step is the worker middleware in Program.
/// </summary>
public sealed class AuditAndEventFunctions(AuditLogEndpoints audit, EventFeedEndpoints feed, WebhookEndpointEndpoints webhooks)
{
    [Function("AuditLogList")]
    public Task<IResult> AuditLog(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "audit-log")] HttpRequest request) => audit.List(request);

    [Function("AuditLogVerification")]
    public Task<IResult> AuditLogVerification(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "audit-log/verification")] HttpRequest request) => audit.Verify(request);

    [Function("EventFeed")]
    public Task<IResult> EventFeed(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "event-feed")] HttpRequest request) => feed.Read(request);

    [Function("WebhookEndpointList")]
    public Task<IResult> ListEndpoints(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "webhook-endpoints")] HttpRequest request) => webhooks.List(request);

    [Function("WebhookEndpointPut")]
    public Task<IResult> PutEndpoint(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "webhook-endpoints/{endpointId}")] HttpRequest request,
        string endpointId) => webhooks.Put(request, endpointId);

    [Function("WebhookEndpointGet")]
    public Task<IResult> GetEndpoint(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "webhook-endpoints/{endpointId}")] HttpRequest request,
        string endpointId) => webhooks.Get(request, endpointId);

    [Function("WebhookEndpointDelete")]
    public Task<IResult> DeleteEndpoint(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "webhook-endpoints/{endpointId}")] HttpRequest request,
        string endpointId) => webhooks.Delete(request, endpointId);

    [Function("WebhookSecretRotation")]
    public Task<IResult> RotateSecret(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhook-endpoints/{endpointId}/secret-rotations")] HttpRequest request,
        string endpointId) => webhooks.RotateSecret(request, endpointId);

    [Function("WebhookDeliveries")]
    public Task<IResult> Deliveries(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "webhook-endpoints/{endpointId}/deliveries")] HttpRequest request,
        string endpointId) => webhooks.Deliveries(request, endpointId);
}
