using LiveCommerce.Storage;
using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using LiveCommerce.Http.BackgroundChecks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Functions.BackgroundChecks;

/// <summary>
/// The Service Bus queue <c>background-checks</c> and the daily sweep, over the same handler and sweep as the local
/// host. Messages are settled here, never automatically: completed when handled (or handled before), dead-lettered
/// with the reason when they can never be handled or fail on their last delivery, abandoned to be delivered again
/// otherwise. The queue's maxDeliveryCount (5, infra/modules/servicebus.bicep) equals
/// <see cref="BackgroundCheckDelivery.MaxAttempts"/>.
/// </summary>
public sealed class BackgroundCheckFunctions(IBackgroundCheckHandler handler, IReverificationSweep sweep, ILogger<BackgroundCheckFunctions> logger)
{
    /// <summary>02:00 in Asia/Shanghai (UTC+8, no daylight saving) is 18:00 UTC; timer schedules are in UTC here.</summary>
    public const string DailySweepSchedule = "0 0 18 * * *";

    [Function("BackgroundCheck")]
    public async Task Handle(
        [ServiceBusTrigger(StorageNames.BackgroundChecksQueue, Connection = ServiceBusBackgroundCheckQueue.ConnectionSetting, AutoCompleteMessages = false)] ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Settlement settlement;
        if (message.DeliveryCount > BackgroundCheckDelivery.MaxAttempts)
        {
            settlement = BackgroundCheckDelivery.Abandoned(message.DeliveryCount);
        }
        else
        {
            try
            {
                settlement = BackgroundCheckDelivery.After(await handler.HandleAsync(message.Body, cancellationToken));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Background check {MessageId} failed on delivery {Delivery} of {MaxAttempts}.", message.MessageId, message.DeliveryCount, BackgroundCheckDelivery.MaxAttempts);
                settlement = BackgroundCheckDelivery.AfterFailure(ex, message.DeliveryCount, TimeSpan.Zero);
            }
        }

        switch (settlement)
        {
            case Settlement.DeadLetter deadLetter:
                logger.LogWarning("Background check {MessageId} dead-lettered: {Reason} {Description}", message.MessageId, deadLetter.Reason, deadLetter.Description);
                await actions.DeadLetterMessageAsync(message, null, deadLetter.Reason, deadLetter.Description, cancellationToken);
                break;
            case Settlement.Retry:
                // Service Bus delivers an abandoned message again at once; the lock and maxDeliveryCount bound it.
                await actions.AbandonMessageAsync(message, null, cancellationToken);
                break;
            default:
                await actions.CompleteMessageAsync(message, cancellationToken);
                break;
        }

        BackgroundCheckMetrics.Record(settlement, started);
    }

    [Function("BackgroundCheckSweep")]
    public async Task Sweep([TimerTrigger(DailySweepSchedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
        {
            logger.LogInformation("The daily re-verification sweep runs late.");
        }

        // Run twice on one Shanghai day (a late run, a retry), it sends the same message ids again: nothing doubles.
        var count = await sweep.RunDailyAsync(cancellationToken);
        logger.LogInformation("The daily re-verification sweep enqueued {Count} message(s).", count);
    }
}
