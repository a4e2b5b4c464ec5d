using System.Collections.Concurrent;
using System.Diagnostics;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using LiveCommerce.Http.BackgroundChecks;
using LiveCommerce.Storage;

namespace LiveCommerce.LocalHost.BackgroundChecks;

/// <summary>
/// Consumes the <c>background-checks</c> storage queue with the same handler and poison envelope as the Functions app's queue trigger.
/// A received message is invisible for <see cref="BackgroundCheckOptions.VisibilityTimeout"/>; handled, it is deleted;
/// a failure makes it visible again after a growing delay; the fifth failed attempt, or a message that cannot be
/// handled at all, moves it to <c>background-checks-poison</c> with the reason. At most
/// <see cref="BackgroundCheckOptions.MaxConcurrency"/> messages are handled at once.
/// </summary>
public sealed class BackgroundCheckQueueConsumer(
    StorageClients storage,
    IBackgroundCheckHandler handler,
    BackgroundCheckPoison poison,
    BackgroundCheckOptions options,
    TimeProvider clock,
    ILogger<BackgroundCheckQueueConsumer> logger) : BackgroundService
{
    private const int MaxBatch = 32; // the most one receive returns
    private static readonly TimeSpan FirstPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = storage.Queue(StorageNames.BackgroundChecksQueue);
                using var slots = new SemaphoreSlim(options.MaxConcurrency);
        var pause = FirstPollInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var free = 1;
                while (free < MaxBatch && slots.Wait(0, CancellationToken.None))
                {
                    free++;
                }

                QueueMessage[] messages;
                try
                {
                    messages = (await queue.ReceiveMessagesAsync(free, options.VisibilityTimeout, stoppingToken)).Value;
                }
                catch (Exception ex) when (ex is RequestFailedException or HttpRequestException)
                {
                    // Storage not reachable yet, or the queue not created yet (start-up creates it): try again shortly.
                    slots.Release(free);
                    logger.LogDebug("Receiving background checks failed: {Message}", ex.Message);
                    await Task.Delay(options.MaxPollInterval, clock, stoppingToken);
                    continue;
                }

                if (free > messages.Length)
                {
                    slots.Release(free - messages.Length);
                }

                if (messages.Length == 0)
                {
                    await Task.Delay(pause, clock, stoppingToken);
                    pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, options.MaxPollInterval.Ticks));
                    continue;
                }

                pause = FirstPollInterval;
                foreach (var message in messages)
                {
                    var work = HandleAsync(queue, message, slots, stoppingToken);
                    _inFlight[work] = true;
                    _ = work.ContinueWith(done => _inFlight.TryRemove(done, out _), TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Handlers see the stopping token; a message they leave unsettled is delivered again after its timeout.
            await Task.WhenAll(_inFlight.Keys);
        }
    }

    private async Task HandleAsync(QueueClient queue, QueueMessage message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            Settlement settlement;
            if (message.DequeueCount > BackgroundCheckDelivery.MaxAttempts)
            {
                settlement = BackgroundCheckDelivery.Abandoned(message.DequeueCount);
            }
            else
            {
                try
                {
                    settlement = BackgroundCheckDelivery.After(await handler.HandleAsync(message.Body, stoppingToken));
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Background check {QueueMessageId} failed on attempt {Attempt} of {MaxAttempts}.", message.MessageId, message.DequeueCount, BackgroundCheckDelivery.MaxAttempts);
                    settlement = BackgroundCheckDelivery.AfterFailure(ex, (int)message.DequeueCount, options.RetryDelay);
                }
            }

            await SettleAsync(queue, message, settlement, stoppingToken);
            BackgroundCheckMetrics.Record(settlement, started);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the message becomes visible again after its timeout and is handled then.
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The pop receipt expired (handling outlasted the visibility timeout) and the message went to another
            // delivery: that delivery settles it, and the handler's idempotency makes the repeat harmless.
            logger.LogWarning("Background check {QueueMessageId} was delivered again before it was settled: {Message}", message.MessageId, ex.Message);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Settling background check {QueueMessageId} failed; it is delivered again after its timeout.", message.MessageId);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task SettleAsync(QueueClient queue, QueueMessage message, Settlement settlement, CancellationToken cancellationToken)
    {
        switch (settlement)
        {
            case Settlement.Retry retry:
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, message.Body, retry.Delay, cancellationToken);
                break;
            case Settlement.DeadLetter deadLetter:
                // Poison first, then delete: a crash in between leaves a copy in both, never in neither.
                await poison.SetAsideAsync(message, deadLetter, cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                logger.LogWarning(
                    "Background check {QueueMessageId} moved to {PoisonQueue} after {Attempts} attempt(s): {Reason} {Description}",
                    message.MessageId, StorageNames.BackgroundChecksPoisonQueue, message.DequeueCount, deadLetter.Reason, deadLetter.Description);
                break;
            default:
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                break;
        }
    }
}
