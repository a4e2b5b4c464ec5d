using Microsoft.DurableTask;

namespace LiveCommerce.Workflows.Events;

/// <summary>
/// Delivers one platform event to one webhook endpoint: an attempt, and on a non-2xx answer or none within 10 s,
/// a durable timer and another attempt, with back-off (1, 3, 12, 60, 180, 360, 720, 1440, 2160 × the first delay,
/// then every 6 h at most) until 24 hours after the first attempt. Timers survive restarts: the engine keeps them.
/// One instance per platform, endpoint and event, so publishing an event twice delivers it once.
/// </summary>
[DurableTask(Name)]
public sealed class WebhookDeliveryWorkflow : TaskOrchestrator<WebhookDeliveryInput, WebhookDeliveryResult>
{
    public const string Name = "WebhookDelivery";

    /// <summary>How long a delivery is retried (the contract's 24 hours).</summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromHours(24);

    private static readonly int[] Factors = [1, 3, 12, 60, 180, 360, 720, 1440, 2160];
    private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(6);

    // Retries of the activity itself (our storage failing), not of the receiver: those are the timers below.
    private static readonly TaskOptions ActivityRetry = new(new RetryPolicy(3, TimeSpan.FromSeconds(5), backoffCoefficient: 2));

    public static string InstanceIdFor(string platform, string endpointId, string eventId) => $"webhook:{platform}:{endpointId}:{eventId}";

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public static TimeSpan DelayAfter(int attempt, int firstRetrySeconds)
    {
        var factor = Factors[Math.Min(attempt, Factors.Length) - 1];
        var delay = TimeSpan.FromSeconds((double)Math.Max(1, firstRetrySeconds) * factor);
        return delay < MaxDelay ? delay : MaxDelay;
    }

    public override async Task<WebhookDeliveryResult> RunAsync(TaskOrchestrationContext context, WebhookDeliveryInput input)
    {
        var started = context.CurrentUtcDateTime;
        for (var attempt = 1; ; attempt++)
        {
            var delay = DelayAfter(attempt, input.FirstRetrySeconds);
            var final = context.CurrentUtcDateTime + delay - started > RetryWindow;
            var result = await context.CallActivityAsync<WebhookAttemptResult>(
                DeliverWebhookActivity.Name,
                new WebhookAttempt(input.Platform, input.EndpointId, input.EventId, attempt, final),
                ActivityRetry);

            if (result.Delivered)
            {
                return new WebhookDeliveryResult("delivered", attempt);
            }

            if (result.Abandoned)
            {
                return new WebhookDeliveryResult("abandoned", attempt);
            }

            if (final)
            {
                return new WebhookDeliveryResult("failed", attempt);
            }

            await context.CreateTimer(delay, CancellationToken.None);
        }
    }
}

/// <summary>One attempt; the port writes the delivery log, so a re-run attempt is logged as what it was.</summary>
[DurableTask(Name)]
public sealed class DeliverWebhookActivity(IWebhookDeliveries deliveries) : TaskActivity<WebhookAttempt, WebhookAttemptResult>
{
    public const string Name = "WebhookDeliver";

    public override Task<WebhookAttemptResult> RunAsync(TaskActivityContext context, WebhookAttempt input) =>
        deliveries.AttemptAsync(input, CancellationToken.None);
}
