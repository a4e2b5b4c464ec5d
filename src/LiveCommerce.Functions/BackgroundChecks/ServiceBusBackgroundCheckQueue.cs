using Azure.Core;
using Azure.Messaging.ServiceBus;
using LiveCommerce.Http.BackgroundChecks;
using LiveCommerce.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCommerce.Functions.BackgroundChecks;

/// <summary>The Service Bus transport of background checks in Azure: what the sweep and the HTTP route enqueue to.</summary>
public sealed class ServiceBusBackgroundCheckQueue(ServiceBusClient client, string queueName) : IBackgroundCheckQueue, IAsyncDisposable
{
    /// <summary>The connection the trigger names: <c>ServiceBusConnection</c> (a connection string) or <c>ServiceBusConnection__fullyQualifiedNamespace</c>.</summary>
    public const string ConnectionSetting = "ServiceBusConnection";


    private readonly ServiceBusSender _sender = client.CreateSender(queueName);

    public async Task EnqueueAsync(IReadOnlyCollection<BackgroundCheckMessage> messages, CancellationToken cancellationToken)
    {
        var pending = new Queue<ServiceBusMessage>(messages.Select(ToServiceBusMessage));
        while (pending.Count > 0)
        {
            using var batch = await _sender.CreateMessageBatchAsync(cancellationToken);
            while (pending.Count > 0 && batch.TryAddMessage(pending.Peek()))
            {
                pending.Dequeue();
            }

            if (batch.Count == 0)
            {
                throw new InvalidOperationException($"Background-check message {pending.Peek().MessageId} does not fit in a Service Bus batch.");
            }

            await _sender.SendMessagesAsync(batch, cancellationToken);
        }
    }

    /// <summary>The contract's JSON as the body; its ids also as the broker's, for tracing (and duplicate detection where a queue enables it).</summary>
    public static ServiceBusMessage ToServiceBusMessage(BackgroundCheckMessage message) => new(message.ToJson())
    {
        MessageId = message.MessageId,
        CorrelationId = message.CorrelationId,
        ContentType = "application/json",
        Subject = message.Check.Kind,
    };

    public ValueTask DisposeAsync() => _sender.DisposeAsync();
}

public static class ServiceBusServiceCollectionExtensions
{
    /// <summary>
    /// A <see cref="ServiceBusClient"/> from <c>ServiceBusConnection</c> (a connection string, where one is configured)
    /// or <c>ServiceBusConnection__fullyQualifiedNamespace</c> with the app's <see cref="TokenCredential"/>, and the
    /// Service Bus transport in place of the storage queue.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither is set: the background-check trigger could not run either.</exception>
    public static IServiceCollection AddBackgroundCheckServiceBus(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = configuration.GetSection(ServiceBusBackgroundCheckQueue.ConnectionSetting);
        var connectionString = connection.Value;
        var fullyQualifiedNamespace = connection["fullyQualifiedNamespace"];
        if (string.IsNullOrWhiteSpace(connectionString) && string.IsNullOrWhiteSpace(fullyQualifiedNamespace))
        {
            throw new InvalidOperationException(
                "Set ServiceBusConnection__fullyQualifiedNamespace (managed identity) or ServiceBusConnection (a connection string).");
        }

        services.AddSingleton(sp => string.IsNullOrWhiteSpace(connectionString)
            ? new ServiceBusClient(fullyQualifiedNamespace, sp.GetRequiredService<TokenCredential>())
            : new ServiceBusClient(connectionString));
        var queueName = StorageNames.BackgroundChecksQueue; // the trigger consumes the same name; infra creates it
        services.Replace(ServiceDescriptor.Singleton<IBackgroundCheckQueue>(sp => new ServiceBusBackgroundCheckQueue(sp.GetRequiredService<ServiceBusClient>(), queueName)));
        return services;
    }
}
