using Azure.Messaging.ServiceBus;
using LiveCommerce.Domain;
using LiveCommerce.Functions.BackgroundChecks;
using LiveCommerce.Http.BackgroundChecks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using NodaTime;

namespace LiveCommerce.Functions.Tests.BackgroundChecks;

/// <summary>The Service Bus and timer triggers with the handler, the sweep and the settlement actions mocked.</summary>
public sealed class BackgroundCheckFunctionsTests
{
    private readonly Mock<IBackgroundCheckHandler> _handler = new();
    private readonly Mock<IReverificationSweep> _sweep = new();
    private readonly Mock<ServiceBusMessageActions> _actions = new();

    private BackgroundCheckFunctions Functions => new(_handler.Object, _sweep.Object, NullLogger<BackgroundCheckFunctions>.Instance);

    private static ServiceBusReceivedMessage Delivery(int deliveryCount) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString("{\"schema\":\"livecommerce.background-check\"}"), messageId: "m-1", deliveryCount: deliveryCount);

    private void Handles(BackgroundCheckOutcome outcome) =>
        _handler.Setup(h => h.HandleAsync(It.IsAny<BinaryData>(), It.IsAny<CancellationToken>())).ReturnsAsync(outcome);

    private void Fails() =>
        _handler.Setup(h => h.HandleAsync(It.IsAny<BinaryData>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("storage did not answer"));

    [Fact]
    public async Task A_handled_message_is_completed_with_its_body_passed_to_the_handler()
    {
        var message = Delivery(1);
        Handles(new BackgroundCheckOutcome.Done("merchant m1 re-verified"));

        await Functions.Handle(message, _actions.Object, CancellationToken.None);

        _handler.Verify(h => h.HandleAsync(It.Is<BinaryData>(b => b.ToString() == message.Body.ToString()), It.IsAny<CancellationToken>()), Times.Once);
        _actions.Verify(a => a.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_message_handled_before_is_completed_too()
    {
        var message = Delivery(2);
        Handles(new BackgroundCheckOutcome.Duplicate());

        await Functions.Handle(message, _actions.Object, CancellationToken.None);

        _actions.Verify(a => a.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_message_that_can_never_be_handled_is_dead_lettered_at_once_with_its_reason()
    {
        var message = Delivery(1);
        Handles(new BackgroundCheckOutcome.Unprocessable("UNSUPPORTED_VERSION", "'version' 2 is not supported."));

        await Functions.Handle(message, _actions.Object, CancellationToken.None);

        _actions.Verify(a => a.DeadLetterMessageAsync(message, It.IsAny<Dictionary<string, object>?>(), "UNSUPPORTED_VERSION", "'version' 2 is not supported.", It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_failure_before_the_last_delivery_abandons_the_message_for_another_attempt(int deliveryCount)
    {
        var message = Delivery(deliveryCount);
        Fails();

        await Functions.Handle(message, _actions.Object, CancellationToken.None);

        _actions.Verify(a => a.AbandonMessageAsync(message, It.IsAny<IDictionary<string, object>?>(), It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_failure_on_the_fifth_delivery_dead_letters_the_message_with_the_failure()
    {
        var message = Delivery(BackgroundCheckDelivery.MaxAttempts);
        Fails();

        await Functions.Handle(message, _actions.Object, CancellationToken.None);

        _actions.Verify(a => a.DeadLetterMessageAsync(
            message,
            It.IsAny<Dictionary<string, object>?>(),
            BackgroundCheckDelivery.HandlerFailed,
            It.Is<string?>(d => d!.Contains("storage did not answer", StringComparison.Ordinal) && d.Contains("attempt 5 of 5", StringComparison.Ordinal)),
            It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task The_timer_runs_the_daily_sweep_once()
    {
        _sweep.Setup(s => s.RunDailyAsync(It.IsAny<CancellationToken>())).ReturnsAsync(3);

        await Functions.Sweep(new TimerInfo { IsPastDue = true }, CancellationToken.None);

        _sweep.Verify(s => s.RunDailyAsync(It.IsAny<CancellationToken>()), Times.Once);
        _sweep.VerifyNoOtherCalls();
    }

    [Fact]
    public void A_message_sent_to_Service_Bus_carries_the_contract_and_its_ids()
    {
        Assert.True(PlatformId.TryParse("p1", out var platform));
        var message = new BackgroundCheckMessage("m-7", "corr-7", platform, new MerchantReverification("m1"), Instant.FromUtc(2026, 6, 1, 0, 0));

        var sent = ServiceBusBackgroundCheckQueue.ToServiceBusMessage(message);

        Assert.Equal("m-7", sent.MessageId);
        Assert.Equal("corr-7", sent.CorrelationId);
        Assert.Equal("merchant_reverification", sent.Subject);
        Assert.Equal("application/json", sent.ContentType);
        Assert.True(BackgroundCheckMessage.TryParse(sent.Body, out var read, out _));
        Assert.Equal(message, read);
    }
}
