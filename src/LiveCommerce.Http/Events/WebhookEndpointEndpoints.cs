using LiveCommerce.Domain;
using LiveCommerce.Domain.Events;
using LiveCommerce.Http.Audit;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Storage.Events;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Events;

/// <summary>The body of <c>PUT /api/webhook-endpoints/{endpointId}</c>.</summary>
public sealed record WebhookEndpointRequest(string? Url, IReadOnlyList<string?>? Events);

/// <summary>The body of <c>POST /api/webhook-endpoints/{endpointId}/secret-rotations</c>.</summary>
public sealed record SecretRotationRequest(int? OverlapHours);

/// <summary>
/// Webhook endpoints: <c>PUT</c> registers or changes one (a new endpoint's secret is shown once, in that answer),
/// <c>GET</c> reads them (never the secret), <c>DELETE</c> removes one (its pending retries are abandoned),
/// <c>POST .../secret-rotations</c> issues a new secret while the old one keeps signing for an overlap, and
/// <c>GET .../deliveries</c> is the delivery log. Every change is recorded in the audit log.
/// </summary>
public sealed class WebhookEndpointEndpoints(WebhookEndpointStore store, WebhookUrlGuard guard, IdempotentPosts posts, TimeProvider clock)
{
    public const int MaxEndpointIdLength = 64;
    private const int MaxEventTypes = 32, DefaultOverlapHours = 24, MaxOverlapHours = 168;

    public async Task<IResult> Put(HttpRequest request, string endpointId)
    {
        if (!AuditedCaller.TryResolve(request, out var platform, out _, out var problem, AuditRoles.WebhookManagers))
        {
            return problem;
        }

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<WebhookEndpointRequest>(request, 16 * 1024, cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var v = new RequestValidator();
        EndpointId(endpointId, v);
        var url = v.RequiredString(body.Value!.Url, "url", WebhookUrlGuard.MaxUrlLength);
        var events = v.RequiredList(body.Value.Events, "events", MaxEventTypes);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not { } type || !EventTypes.All.Contains(type, StringComparer.Ordinal))
            {
                v.Add($"events[{i}]", "INVALID_VALUE", $"'{events[i]}' is not one of: {string.Join(", ", EventTypes.All)}.");
            }
        }

        if (!v.HasErrors && await guard.CheckAsync(url, cancellation) is { } refusal)
        {
            v.Add("url", refusal.Code, refusal.Message);
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var types = events.Select(e => e!).Distinct(StringComparer.Ordinal).ToArray();
        var uri = new Uri(url);
        var saved = await store.SaveAsync(platform, endpointId, url, types, clock.GetUtcNow(), cancellation);
        request.DescribeChange(
            saved.Created ? "webhook_endpoint.created" : "webhook_endpoint.updated",
            $"webhook-endpoints/{endpointId}",
            $"url {uri.Scheme}://{uri.Authority}{uri.AbsolutePath}; events {string.Join(", ", types)}");
        return JsonText.Of(200, BodyOf(saved.Endpoint, saved.Created ? saved.Endpoint.Secret : null));
    }

    public async Task<IResult> Get(HttpRequest request, string endpointId)
    {
        if (!AuditedCaller.TryResolve(request, out var platform, out _, out var problem, AuditRoles.WebhookManagers))
        {
            return problem;
        }

        var v = new RequestValidator();
        EndpointId(endpointId, v);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        return await store.FindAsync(platform, endpointId, request.HttpContext.RequestAborted) is { } found
            ? JsonText.Of(200, BodyOf(found, null))
            : NotFound(endpointId);
    }

    public async Task<IResult> List(HttpRequest request)
    {
        if (!AuditedCaller.TryResolve(request, out var platform, out _, out var problem, AuditRoles.WebhookManagers))
        {
            return problem;
        }

        var all = await store.ListAsync(platform, request.HttpContext.RequestAborted);
        return JsonText.Of(200, new { endpoints = all.OrderBy(e => e.EndpointId, StringComparer.Ordinal).Select(e => BodyOf(e, null)) });
    }

    public async Task<IResult> Delete(HttpRequest request, string endpointId)
    {
        if (!AuditedCaller.TryResolve(request, out var platform, out _, out var problem, AuditRoles.WebhookManagers))
        {
            return problem;
        }

        var v = new RequestValidator();
        EndpointId(endpointId, v);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var cancellation = request.HttpContext.RequestAborted;
        if (await store.FindAsync(platform, endpointId, cancellation) is null)
        {
            return NotFound(endpointId);
        }

        await store.DeleteAsync(platform, endpointId, cancellation);
        request.DescribeChange("webhook_endpoint.deleted", $"webhook-endpoints/{endpointId}", "endpoint removed; its pending deliveries are abandoned");
        return Results.NoContent();
    }

    public Task<IResult> RotateSecret(HttpRequest request, string endpointId) =>
        posts.HandleAsync<SecretRotationRequest>(request, AuditRoles.WebhookManagers, post => RotateAsync(post, endpointId), 4 * 1024);

    public async Task<IResult> Deliveries(HttpRequest request, string endpointId)
    {
        if (!AuditedCaller.TryResolve(request, out var platform, out _, out var problem, AuditRoles.WebhookManagers))
        {
            return problem;
        }

        var v = new RequestValidator();
        EndpointId(endpointId, v);
        var limit = (int)AuditLogEndpoints.Number(request, "limit", 1, 200, 50, v);
        var eventId = AuditLogEndpoints.Single(request, "eventId", v);
        if (eventId is not null && !PlatformId.IsWellFormedKey(eventId, 64))
        {
            v.Add("eventId", "INVALID_FORMAT", "'eventId' must be an event id such as evt_0123….");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var cancellation = request.HttpContext.RequestAborted;
        if (await store.FindAsync(platform, endpointId, cancellation) is null)
        {
            return NotFound(endpointId);
        }

        var (records, hasMore) = await store.ReadLogAsync(platform, endpointId, eventId, limit, cancellation);
        return JsonText.Of(200, new
        {
            endpointId,
            deliveries = records.Select(r => new
            {
                eventId = r.EventId,
                type = r.Type,
                attempt = r.Attempt,
                attemptedAt = r.AttemptedAt,
                outcome = r.Outcome,
                statusCode = r.StatusCode,
                error = r.Error,
                durationMs = r.DurationMs,
                retryFollows = r.RetryFollows,
            }),
            hasMore,
        });
    }

    private async Task<IResult> RotateAsync(PostRequest<SecretRotationRequest> post, string endpointId)
    {
        var platform = post.Platform;
        var v = new RequestValidator();
        EndpointId(endpointId, v);
        var overlap = post.Body.OverlapHours ?? DefaultOverlapHours;
        if (overlap is < 0 or > MaxOverlapHours)
        {
            v.Add("overlapHours", "OUT_OF_RANGE", $"'overlapHours' must be from 0 to {MaxOverlapHours}.");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        if (await store.FindAsync(platform, endpointId, post.Cancellation) is null)
        {
            return NotFound(endpointId);
        }

        var now = clock.GetUtcNow();
        var rotated = await store.RotateSecretAsync(platform, endpointId, now, now.AddHours(overlap), post.Cancellation);
        post.Http.DescribeChange("webhook_endpoint.secret_rotated", $"webhook-endpoints/{endpointId}", $"new secret; the previous one signs too for {overlap} h");
        return rotated is null
            ? NotFound(endpointId)
            : JsonText.Of(200, new { endpointId, secret = rotated.Secret, previousSecretExpiresAt = rotated.PreviousSecretExpiresAt });
    }

    private static object BodyOf(WebhookEndpoint e, string? secret) => new
    {
        endpointId = e.EndpointId,
        url = e.Url,
        events = e.Events,
        secret,
        previousSecretExpiresAt = e.PreviousSecretExpiresAt,
        createdAt = e.CreatedAt,
        updatedAt = e.UpdatedAt,
    };

    private static void EndpointId(string endpointId, RequestValidator v)
    {
        if (!PlatformId.IsWellFormedKey(endpointId, MaxEndpointIdLength))
        {
            v.Add("endpointId", "INVALID_FORMAT", $"'endpointId' must be 1-{MaxEndpointIdLength} letters, digits, '-' or '_'.");
        }
    }

    private static Problem NotFound(string endpointId) =>
        Problem.NotFound("WEBHOOK_ENDPOINT_NOT_FOUND", $"No webhook endpoint '{endpointId}' on this platform.");
}
