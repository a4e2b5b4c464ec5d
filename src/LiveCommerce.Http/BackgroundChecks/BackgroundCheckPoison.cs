using Azure.Storage.Queues.Models;
using LiveCommerce.Http.Json;
using LiveCommerce.Storage;
using NodaTime;

namespace LiveCommerce.Http.BackgroundChecks;

/// <summary>
/// Sets a background-check message aside in <c>background-checks-poison</c>, the original wrapped with why and how
/// often it was tried: what both consumers (the local host's, the Functions app's queue trigger) do with a
/// <see cref="Settlement.DeadLetter"/>, so the poison queue reads the same whichever host wrote it.
/// </summary>
public sealed class BackgroundCheckPoison(StorageClients clients, TimeProvider clock)
{
    public async Task SetAsideAsync(QueueMessage message, Settlement.DeadLetter deadLetter, CancellationToken cancellationToken) =>
        await clients.Queue(StorageNames.BackgroundChecksPoisonQueue).SendMessageAsync(Envelope(message, deadLetter), cancellationToken: cancellationToken);

    /// <summary>The original message, as text, with the reason, the attempts and when it was set aside.</summary>
    public BinaryData Envelope(QueueMessage message, Settlement.DeadLetter deadLetter) => BinaryData.FromObjectAsJson(
        new
        {
            reason = deadLetter.Reason,
            description = deadLetter.Description,
            attempts = message.DequeueCount,
            failedAt = ApiTime.Format(Instant.FromDateTimeOffset(clock.GetUtcNow())),
            queueMessageId = message.MessageId,
            insertedAt = message.InsertedOn is { } inserted ? ApiTime.Format(Instant.FromDateTimeOffset(inserted)) : null,
            body = message.Body.ToString(),
        },
        ApiJson.Options);
}
