using LiveCommerce.Workflows.Events;
using Microsoft.DurableTask;
using Moq;

namespace LiveCommerce.Workflows.Tests.Events;

/// <summary>The delivery orchestrator against a mocked context: attempts, durable timers, the 24-hour window.</summary>
public sealed class WebhookDeliveryWorkflowTests
{
    private static readonly WebhookDeliveryInput Input = new("p1", "ops", "evt_1", FirstRetrySeconds: 10);

    private readonly Mock<TaskOrchestrationContext> _context = new();
    private readonly List<WebhookAttempt> _attempts = [];
    private readonly List<DateTime> _timers = [];
    private DateTime _now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    public WebhookDeliveryWorkflowTests()
    {
        _context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => _now);
        _context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime fireAt, CancellationToken _) =>
            {
                _timers.Add(fireAt);
                _now = fireAt;
                return Task.CompletedTask;
            });
        _context.Setup(c => c.CreateTimer(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Returns((TimeSpan delay, CancellationToken _) =>
            {
                _now += delay;
                _timers.Add(_now);
                return Task.CompletedTask;
            });
    }

    private void Answer(Func<WebhookAttempt, WebhookAttemptResult> receiver) =>
        _context.Setup(c => c.CallActivityAsync<WebhookAttemptResult>(It.Is<TaskName>(n => n.Name == DeliverWebhookActivity.Name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                var attempt = (WebhookAttempt)input!;
                _attempts.Add(attempt);
                return Task.FromResult(receiver(attempt));
            });

    [Fact]
    public async Task A_first_success_ends_it_without_a_timer()
    {
        Answer(_ => WebhookAttemptResult.Success(204));
        var result = await new WebhookDeliveryWorkflow().RunAsync(_context.Object, Input);
        Assert.Equal(new WebhookDeliveryResult("delivered", 1), result);
        Assert.Empty(_timers);
        Assert.Equal(new WebhookAttempt("p1", "ops", "evt_1", 1, false), Assert.Single(_attempts));
    }

    [Fact]
    public async Task Failures_are_retried_after_durable_timers_with_growing_delays()
    {
        Answer(a => a.Attempt < 3 ? WebhookAttemptResult.Failure(503, "the receiver answered 503") : WebhookAttemptResult.Success(200));
        var start = _now;
        var result = await new WebhookDeliveryWorkflow().RunAsync(_context.Object, Input);
        Assert.Equal(new WebhookDeliveryResult("delivered", 3), result);
        Assert.Equal([start.AddSeconds(10), start.AddSeconds(40)], _timers);
        Assert.Equal([1, 2, 3], _attempts.Select(a => a.Attempt));
    }

    [Fact]
    public async Task A_receiver_that_never_answers_2xx_is_given_up_after_24_hours()
    {
        Answer(_ => WebhookAttemptResult.Failure(null, "no answer within 10 s"));
        var start = _now;
        var result = await new WebhookDeliveryWorkflow().RunAsync(_context.Object, Input);

        Assert.Equal("failed", result.Status);
        Assert.True(_attempts[^1].Final);
        Assert.All(_attempts[..^1], a => Assert.False(a.Final));
        Assert.True(_now - start <= WebhookDeliveryWorkflow.RetryWindow, "no attempt after the window");
        Assert.True(_now - start > TimeSpan.FromHours(18), "retries span most of the window");
        Assert.All(_timers.Zip(_timers.Skip(1)), p => Assert.True(p.Second - p.First <= TimeSpan.FromHours(6)));
        Assert.Equal(result.Attempts, _attempts.Count);
    }

    [Fact]
    public async Task An_abandoned_attempt_ends_it_without_retries()
    {
        Answer(_ => WebhookAttemptResult.Abandon("the endpoint was removed"));
        var result = await new WebhookDeliveryWorkflow().RunAsync(_context.Object, Input);
        Assert.Equal(new WebhookDeliveryResult("abandoned", 1), result);
        Assert.Empty(_timers);
    }

    [Fact]
    public void The_backoff_grows_and_is_capped_at_six_hours()
    {
        var delays = Enumerable.Range(1, 12).Select(a => WebhookDeliveryWorkflow.DelayAfter(a, 10)).ToList();
        Assert.Equal(TimeSpan.FromSeconds(10), delays[0]);
        Assert.Equal(TimeSpan.FromSeconds(30), delays[1]);
        Assert.True(delays.Zip(delays.Skip(1)).All(p => p.Second >= p.First));
        Assert.Equal(TimeSpan.FromHours(6), delays[^1]);
        Assert.Equal("webhook:p1:ops:evt_1", WebhookDeliveryWorkflow.InstanceIdFor("p1", "ops", "evt_1"));
    }
}
