namespace LiveCommerce.Workflows.Events;

/// <summary>
/// Makes one delivery attempt (signed POST, 10 s timeout, SSRF-guarded connection) and writes it to the endpoint's
/// delivery log. Never throws for an answer of the receiver; only for the service's own storage failing.
/// </summary>
public interface IWebhookDeliveries
{
    Task<WebhookAttemptResult> AttemptAsync(WebhookAttempt attempt, CancellationToken cancellationToken);
}
