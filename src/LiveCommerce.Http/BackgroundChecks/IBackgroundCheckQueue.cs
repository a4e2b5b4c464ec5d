using LiveCommerce.Storage;

namespace LiveCommerce.Http.BackgroundChecks;

/// <summary>
/// Where background-check messages are sent: the Azure Storage queue <c>background-checks</c>, which the local
/// host's consumer and the Functions app's queue trigger both read.
/// </summary>
public interface IBackgroundCheckQueue
{
    Task EnqueueAsync(IReadOnlyCollection<BackgroundCheckMessage> messages, CancellationToken cancellationToken);
}

/// <summary>The storage-queue transport both hosts consume (<c>StorageNames.BackgroundChecksQueue</c>, Base64 as the Functions trigger expects).</summary>
public sealed class StorageBackgroundCheckQueue(StorageClients clients) : IBackgroundCheckQueue
{
    // A storage queue takes one message per request: send several at once.
    private const int ParallelSends = 16;

    public async Task EnqueueAsync(IReadOnlyCollection<BackgroundCheckMessage> messages, CancellationToken cancellationToken)
    {
        var queue = clients.Queue(StorageNames.BackgroundChecksQueue);
        await Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken },
            async (message, token) => await queue.SendMessageAsync(message.ToJson(), cancellationToken: token));
    }
}
