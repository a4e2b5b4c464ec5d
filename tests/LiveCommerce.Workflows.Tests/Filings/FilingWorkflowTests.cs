using LiveCommerce.Workflows.Filings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace LiveCommerce.Workflows.Tests.Filings;

/// <summary>The filing orchestrator against a mocked context: which timers it sets, and what a receipt or a deadline does.</summary>
public sealed class FilingWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly FilingWorkflowInput Input = new(
        "p1", "nd", "2026-09-20",
        [
            new ReminderPlan(5, "2026-09-14", new DateTimeOffset(2026, 9, 14, 1, 0, 0, TimeSpan.Zero)),
            new ReminderPlan(2, "2026-09-17", new DateTimeOffset(2026, 9, 17, 1, 0, 0, TimeSpan.Zero)),
            new ReminderPlan(0, "2026-09-20", new DateTimeOffset(2026, 9, 20, 1, 0, 0, TimeSpan.Zero)),
        ],
        new DateTimeOffset(2026, 9, 20, 16, 0, 0, TimeSpan.Zero));

    private static Mock<TaskOrchestrationContext> Context(Task<FilingReceiptEvent> receipt, DateTimeOffset now)
    {
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Loose);
        context.SetupGet(c => c.InstanceId).Returns("filing:p1:nd");
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(now.UtcDateTime);
        context.Setup(c => c.CreateReplaySafeLogger<FilingWorkflow>()).Returns(NullLogger.Instance);
        context.Setup(c => c.WaitForExternalEvent<FilingReceiptEvent>(FilingWorkflow.ReceiptEvent, It.IsAny<CancellationToken>())).Returns(receipt);
        context.Setup(c => c.CallActivityAsync<bool>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync(true);
        return context;
    }

    [Fact]
    public async Task Without_a_receipt_each_reminder_and_the_escalation_wait_for_their_own_instant()
    {
        var context = Context(new TaskCompletionSource<FilingReceiptEvent>().Task, Now);
        var timers = new List<DateTime>();
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Callback((DateTime at, CancellationToken _) => timers.Add(at)).Returns(Task.CompletedTask);

        var result = await new FilingWorkflow().RunAsync(context.Object, Input);

        Assert.Equal(FilingWorkflowResult.Escalated, result.Outcome);
        Assert.Equal([5, 2, 0], result.RemindersSent);
        Assert.Equal([.. Input.Reminders.Select(r => r.At.UtcDateTime), Input.LateFrom.UtcDateTime], timers);
        context.Verify(c => c.CallActivityAsync<bool>(
            EscalateLateFilingActivity.Name, It.Is<object?>(o => ((FilingEscalationNotice)o!).LateFrom == Input.LateFrom), It.IsAny<TaskOptions?>()), Times.Once);
    }

    [Fact]
    public async Task A_receipt_before_the_first_reminder_ends_it_filed_with_nothing_sent()
    {
        var context = Context(Task.FromResult(new FilingReceiptEvent("ZJ-1", Now, "filed")), Now);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(new TaskCompletionSource().Task);

        var result = await new FilingWorkflow().RunAsync(context.Object, Input);

        Assert.Equal(FilingWorkflowResult.Filed, result.Outcome);
        Assert.Empty(result.RemindersSent);
        context.Verify(c => c.CallActivityAsync<bool>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Never);
    }

    [Fact]
    public async Task Reminders_whose_time_had_passed_when_it_started_are_not_sent_late()
    {
        var context = Context(new TaskCompletionSource<FilingReceiptEvent>().Task, new DateTimeOffset(2026, 9, 18, 0, 0, 0, TimeSpan.Zero));
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var result = await new FilingWorkflow().RunAsync(context.Object, Input);

        Assert.Equal([0], result.RemindersSent);
    }
}
