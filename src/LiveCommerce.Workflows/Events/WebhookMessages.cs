namespace LiveCommerce.Workflows.Events;

/// <summary>
/// Delivers one event to one endpoint. The endpoint's URL and secrets are read at each attempt, so a changed URL,
/// a rotated secret or a removed subscription applies to retries too. <see cref="FirstRetrySeconds"/> scales the
/// back-off (setting <c>Webhooks:FirstRetrySeconds</c>; tests shorten it); it is input, so replay sees the same value.
/// </summary>
public sealed record WebhookDeliveryInput(string Platform, string EndpointId, string EventId, int FirstRetrySeconds = 10);

/// <summary>One POST of the event; <see cref="Final"/> when no retry follows a failure (the 24 h are over).</summary>
public sealed record WebhookAttempt(string Platform, string EndpointId, string EventId, int Attempt, bool Final);

/// <summary>
/// How an attempt went: delivered (2xx), failed with the status or the error (a retry follows), or abandoned: the
/// endpoint is gone, no longer subscribed to the type, or its address is refused by the SSRF guard.
/// </summary>
public sealed record WebhookAttemptResult(bool Delivered, bool Abandoned, int? StatusCode, string? Error)
{
    public static WebhookAttemptResult Success(int status) => new(true, false, status, null);

    public static WebhookAttemptResult Failure(int? status, string error) => new(false, false, status, error);

    public static WebhookAttemptResult Abandon(string reason) => new(false, true, null, reason);
}

/// <summary>The end of a delivery: <c>delivered</c>, <c>abandoned</c>, or <c>failed</c> after 24 h of retries.</summary>
public sealed record WebhookDeliveryResult(string Status, int Attempts);
