using System.Diagnostics;
using Azure.Storage.Queues.Models;
using LiveCommerce.Http.BackgroundChecks;
using LiveCommerce.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Functions.BackgroundChecks;

/// <summary>
/// The storage queue <c>background-checks</c> (connection <c>AzureWebJobsStorage</c>), over the same handler,
/// settlement rules and poison envelope as the local host's consumer. Handled (or handled before), the function
/// returns and the host deletes the message. A message that can never be handled, or that fails on its last
/// attempt, goes to <c>background-checks-poison</c> wrapped with the reason (<see cref="BackgroundCheckPoison"/>), and
/// the function returns. Any other failure is rethrown: the host makes the message visible again after
/// <c>extensions.queues.visibilityTimeout</c>, and after <c>maxDequeueCount</c> (5, host.json, equal to
/// <see cref="BackgroundCheckDelivery.MaxAttempts"/>) moves a message whose handler crashed each time to the
/// poison queue itself.
/// </summary>
public sealed class BackgroundCheckFunctions(IBackgroundCheckHandler handler, BackgroundCheckPoison poison, ILogger<BackgroundCheckFunctions> logger)
{
    [Function("BackgroundCheck")]
    public async Task Handle([QueueTrigger(StorageNames.BackgroundChecksQueue)] QueueMessage message, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Settlement settlement;
        if (message.DequeueCount > BackgroundCheckDelivery.MaxAttempts)
        {
            settlement = BackgroundCheckDelivery.Abandoned(message.DequeueCount);
        }
        else
        {
            try
            {
                settlement = BackgroundCheckDelivery.After(await handler.HandleAsync(message.Body, cancellationToken));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Background check {QueueMessageId} failed on attempt {Attempt} of {MaxAttempts}.", message.MessageId, message.DequeueCount, BackgroundCheckDelivery.MaxAttempts);
                settlement = BackgroundCheckDelivery.AfterFailure(ex, (int)message.DequeueCount, TimeSpan.Zero);
                if (settlement is Settlement.Retry)
                {
                    BackgroundCheckMetrics.Record(settlement, started);
                    throw;
                }
            }
        }

        if (settlement is Settlement.DeadLetter deadLetter)
        {
            await poison.SetAsideAsync(message, deadLetter, cancellationToken);
            logger.LogWarning(
                "Background check {QueueMessageId} moved to {PoisonQueue} after {Attempts} attempt(s): {Reason} {Description}",
                message.MessageId, StorageNames.BackgroundChecksPoisonQueue, message.DequeueCount, deadLetter.Reason, deadLetter.Description);
        }

        BackgroundCheckMetrics.Record(settlement, started);
    }
}
