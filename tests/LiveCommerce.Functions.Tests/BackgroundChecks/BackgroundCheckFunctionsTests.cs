using System.Text.Json;
using Azure.Storage.Queues.Models;
using LiveCommerce.Functions.BackgroundChecks;
using LiveCommerce.Http.BackgroundChecks;
using LiveCommerce.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace LiveCommerce.Functions.Tests.BackgroundChecks;

/// <summary>
/// The <c>background-checks</c> queue trigger, with the handler mocked (Moq) and
/// the poison queue real (Azurite): what the host does with the message follows from returning or throwing.
/// </summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class BackgroundCheckFunctionsTests(FunctionsAppFixture app)
{
    private readonly Mock<IBackgroundCheckHandler> _handler = new();

    private BackgroundCheckFunctions Functions =>
        new(_handler.Object, new BackgroundCheckPoison(app.Storage, TimeProvider.System), NullLogger<BackgroundCheckFunctions>.Instance);

    private static QueueMessage Delivery(long dequeueCount) => QueuesModelFactory.QueueMessage(
        messageId: Guid.NewGuid().ToString("N"),
        popReceipt: "receipt",
        body: BinaryData.FromString("{\"schema\":\"livecommerce.background-check\"}"),
        dequeueCount: dequeueCount,
        insertedOn: DateTimeOffset.UtcNow);

    private void Handles(BackgroundCheckOutcome outcome) =>
        _handler.Setup(h => h.HandleAsync(It.IsAny<BinaryData>(), It.IsAny<CancellationToken>())).ReturnsAsync(outcome);

    private void Fails() =>
        _handler.Setup(h => h.HandleAsync(It.IsAny<BinaryData>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("storage did not answer"));

    /// <summary>The poison queue's envelopes for <paramref name="message"/> (each test sends its own message id).</summary>
    private async Task<List<JsonElement>> PoisonedAsync(QueueMessage message)
    {
        var peeked = await app.Storage.Queue(StorageNames.BackgroundChecksPoisonQueue).PeekMessagesAsync(32);
        return peeked.Value
            .Select(m => JsonDocument.Parse(m.Body).RootElement.Clone())
            .Where(e => e.GetProperty("queueMessageId").GetString() == message.MessageId)
            .ToList();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_handled_message_or_one_handled_before_returns_so_the_host_deletes_it(bool duplicate)
    {
        var message = Delivery(1);
        Handles(duplicate ? new BackgroundCheckOutcome.Duplicate() : new BackgroundCheckOutcome.Done("merchant m1 re-verified"));

        await Functions.Handle(message, CancellationToken.None);

        _handler.Verify(h => h.HandleAsync(It.Is<BinaryData>(b => b.ToString() == message.Body.ToString()), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(await PoisonedAsync(message));
    }

    [Fact]
    public async Task A_message_that_can_never_be_handled_goes_to_the_poison_queue_at_once_with_its_reason()
    {
        var message = Delivery(1);
        Handles(new BackgroundCheckOutcome.Unprocessable("UNSUPPORTED_VERSION", "'version' 2 is not supported."));

        await Functions.Handle(message, CancellationToken.None);

        var envelope = Assert.Single(await PoisonedAsync(message));
        Assert.Equal("UNSUPPORTED_VERSION", envelope.GetProperty("reason").GetString());
        Assert.Equal(1, envelope.GetProperty("attempts").GetInt64());
        Assert.Equal(message.Body.ToString(), envelope.GetProperty("body").GetString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_failure_before_the_last_attempt_is_rethrown_so_the_host_delivers_the_message_again(long dequeueCount)
    {
        var message = Delivery(dequeueCount);
        Fails();

        await Assert.ThrowsAsync<TimeoutException>(() => Functions.Handle(message, CancellationToken.None));

        Assert.Empty(await PoisonedAsync(message));
    }

    [Fact]
    public async Task A_failure_on_the_fifth_attempt_goes_to_the_poison_queue_with_the_failure()
    {
        var message = Delivery(BackgroundCheckDelivery.MaxAttempts);
        Fails();

        await Functions.Handle(message, CancellationToken.None);

        var envelope = Assert.Single(await PoisonedAsync(message));
        Assert.Equal(BackgroundCheckDelivery.HandlerFailed, envelope.GetProperty("reason").GetString());
        Assert.Contains("storage did not answer", envelope.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("attempt 5 of 5", envelope.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_delivered_more_often_than_allowed_is_set_aside_without_handling_it()
    {
        var message = Delivery(BackgroundCheckDelivery.MaxAttempts + 1);

        await Functions.Handle(message, CancellationToken.None);

        _handler.VerifyNoOtherCalls();
        Assert.Equal(BackgroundCheckDelivery.DeliveredTooOften, Assert.Single(await PoisonedAsync(message)).GetProperty("reason").GetString());
    }

    [Fact]
    public void The_trigger_reads_the_queue_the_senders_write_and_the_host_poisons_after_as_many_attempts()
    {
        Assert.Equal(StorageNames.BackgroundChecksQueue, FunctionCatalog.Trigger<QueueTriggerAttribute>("BackgroundCheck").QueueName);
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Testing.RepositoryLayout.Root, "src", "LiveCommerce.Functions", "host.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");
        Assert.Equal(BackgroundCheckDelivery.MaxAttempts, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString()); // StorageClients sends Base64
    }
}
