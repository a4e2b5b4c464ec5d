using System.Diagnostics;
using System.Diagnostics.Metrics;
using LiveCommerce.Storage.BackgroundChecks;
using LiveCommerce.Storage.Identity;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Http.BackgroundChecks;

/// <summary>Handles one background-check message, whatever carried it: the local host's storage-queue consumer and the Functions app's queue trigger.</summary>
public interface IBackgroundCheckHandler
{
    /// <summary>
    /// Reads and handles <paramref name="body"/>. Throws when a failure may pass on another attempt; a message that
    /// can never be handled comes back as <see cref="BackgroundCheckOutcome.Unprocessable"/>.
    /// </summary>
    Task<BackgroundCheckOutcome> HandleAsync(BinaryData body, CancellationToken cancellationToken);
}

/// <summary>Reads the v1 contract and dispatches by kind; every kind is idempotent per platform and message id.</summary>
public sealed class BackgroundCheckHandler(
    AccountReverification reverification,
    IReverificationSweep sweep,
    ListingRescreening rescreening,
    ProcessedMessages processed,
    TimeProvider clock,
    ILogger<BackgroundCheckHandler> logger) : IBackgroundCheckHandler
{
    public async Task<BackgroundCheckOutcome> HandleAsync(BinaryData body, CancellationToken cancellationToken)
    {
        if (!BackgroundCheckMessage.TryParse(body, out var message, out var rejection))
        {
            logger.LogWarning("Background-check message rejected: {Code} {Detail}", rejection!.Code, rejection.Detail);
            return rejection;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["MessageId"] = message!.MessageId,
            ["CorrelationId"] = message.CorrelationId,
            ["Platform"] = message.Platform.Value,
            ["Kind"] = message.Check.Kind,
        });
        var outcome = message.Check switch
        {
            MerchantReverification m => await reverification.ReverifyAsync(message, SubjectKind.Merchant, m.MerchantId, cancellationToken),
            HostReverification h => await reverification.ReverifyAsync(message, SubjectKind.Host, h.HostId, cancellationToken),
            ListingRescreen l => await rescreening.RescreenAsync(message, l, cancellationToken),
            _ => await SweepAsync(message, cancellationToken),
        };
        if (outcome is BackgroundCheckOutcome.Duplicate)
        {
            logger.LogInformation("Background-check message {MessageId} was handled before; nothing done again.", message.MessageId);
        }

        return outcome;
    }

    // The enqueued messages are keyed by this message's id: a re-delivery before the record is written re-sends the same ones.
    private async Task<BackgroundCheckOutcome> SweepAsync(BackgroundCheckMessage message, CancellationToken cancellationToken)
    {
        if (await processed.WasProcessedAsync(message.Platform, message.MessageId, cancellationToken))
        {
            return new BackgroundCheckOutcome.Duplicate();
        }

        var count = await sweep.RunAsync(message.Platform, message.MessageId, message.CorrelationId, cancellationToken);
        var summary = $"{count} re-verification(s) enqueued";
        await processed.RecordAsync(message.Platform, message.MessageId, message.Check.Kind, message.CorrelationId, summary, Instant.FromDateTimeOffset(clock.GetUtcNow()), cancellationToken);
        return new BackgroundCheckOutcome.Done(summary);
    }
}

/// <summary>
/// Handling time and settlement of each message (meter <c>LiveCommerce.BackgroundChecks</c>), recorded by both
/// consumers; the local host exports it over OTLP when configured, and the queue benchmark reads it.
/// </summary>
public static class BackgroundCheckMetrics
{
    public const string MeterName = "LiveCommerce.BackgroundChecks";
    public const string DurationInstrument = "livecommerce.background_checks.duration";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationInstrument, "ms", "Time from receiving a background-check message to settling it.");

    public static void Record(Settlement settlement, long startedTimestamp) =>
        Duration.Record(
            Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds,
            new KeyValuePair<string, object?>("settlement", settlement switch
            {
                Settlement.Complete => "complete",
                Settlement.DeadLetter => "dead_letter",
                _ => "retry",
            }));
}
