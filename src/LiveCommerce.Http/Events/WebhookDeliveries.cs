using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Events;
using LiveCommerce.Storage.Events;
using LiveCommerce.Workflows.Events;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Http.Events;

/// <summary>
/// One delivery attempt: the event's stored envelope POSTed as it is, signed with the endpoint's current secrets,
/// through the <c>webhooks</c> client (10 s timeout, no redirects, the SSRF guard at connect), then logged.
/// </summary>
public sealed class WebhookDeliveries(
    IHttpClientFactory clients,
    EventFeed feed,
    WebhookEndpointStore endpoints,
    TimeProvider clock,
    ILogger<WebhookDeliveries> logger) : IWebhookDeliveries
{
    public const string ClientName = "webhooks";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<WebhookAttemptResult> AttemptAsync(WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        if (!PlatformId.TryParse(attempt.Platform, out var platform))
        {
            return WebhookAttemptResult.Abandon("unknown platform");
        }

        var published = await feed.FindAsync(platform, attempt.EventId, cancellationToken);
        var endpoint = await endpoints.FindAsync(platform, attempt.EndpointId, cancellationToken);
        var type = published?.Type ?? "";
        var started = clock.GetUtcNow();
        WebhookAttemptResult result;
        long elapsedMs = 0;
        if (published is null || endpoint is null)
        {
            result = WebhookAttemptResult.Abandon(endpoint is null ? "the endpoint was removed" : "the event is not stored");
        }
        else if (!endpoint.Wants(type))
        {
            result = WebhookAttemptResult.Abandon($"the endpoint no longer subscribes to {type}");
        }
        else
        {
            var watch = Stopwatch.StartNew();
            result = await SendAsync(endpoint, published, attempt.Attempt, cancellationToken);
            elapsedMs = watch.ElapsedMilliseconds;
        }

        var outcome = result.Delivered ? "delivered" : result.Abandoned ? "abandoned" : "failed";
        await endpoints.LogAttemptAsync(
            platform,
            attempt.EndpointId,
            new WebhookDeliveryRecord(attempt.EventId, type, attempt.Attempt, started, outcome, result.StatusCode, result.Error, elapsedMs, outcome == "failed" && !attempt.Final),
            cancellationToken);
        if (!result.Delivered)
        {
            logger.LogWarning(
                "Webhook {EventId} to {Platform}/{EndpointId}, attempt {Attempt}: {Outcome} ({Status}) {Error}",
                attempt.EventId, attempt.Platform, attempt.EndpointId, attempt.Attempt, outcome, result.StatusCode, result.Error);
        }

        return result;
    }

    private async Task<WebhookAttemptResult> SendAsync(WebhookEndpoint endpoint, PlatformEvent published, int attempt, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(published.Envelope);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Create(endpoint.SigningSecrets(clock.GetUtcNow()), clock.GetUtcNow(), body));
        request.Headers.TryAddWithoutValidation("Webhook-Id", published.EventId);
        request.Headers.TryAddWithoutValidation("Webhook-Attempt", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? WebhookAttemptResult.Success(status)
                : WebhookAttemptResult.Failure(status, $"the receiver answered {status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WebhookAttemptResult.Failure(null, $"no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            var refused = ex.InnerException as WebhookAddressRefusedException ?? ex.InnerException?.InnerException as WebhookAddressRefusedException;
            return WebhookAttemptResult.Failure(null, refused?.Message ?? $"the connection failed: {ex.HttpRequestError}");
        }
    }
}
