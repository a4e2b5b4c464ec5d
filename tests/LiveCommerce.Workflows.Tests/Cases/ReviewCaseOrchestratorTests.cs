using LiveCommerce.Workflows.Cases;
using Microsoft.DurableTask;
using Moq;

namespace LiveCommerce.Workflows.Tests.Cases;

/// <summary>The review-case orchestrator's branching against a mocked <see cref="TaskOrchestrationContext"/>.</summary>
public sealed class ReviewCaseOrchestratorTests
{
    private static readonly DateTimeOffset RemindAt = new(2026, 12, 4, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EscalateAt = new(2026, 12, 4, 16, 0, 0, TimeSpan.Zero);
    private static readonly ReviewCaseWorkflowInput Input = new("p1", "rc_1", RemindAt, EscalateAt);

    private static Mock<TaskOrchestrationContext> Context(Task<ReviewCaseSignal> signal, Task remindTimer, Task escalateTimer)
    {
        // CallBase: the non-generic CallActivityAsync is a virtual over the generic one set up below.
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Loose) { CallBase = true };
        context.Setup(c => c.WaitForExternalEvent<ReviewCaseSignal>(ReviewCaseOrchestrator.SignalEvent, It.IsAny<CancellationToken>())).Returns(signal);
        context.Setup(c => c.CreateTimer(RemindAt.UtcDateTime, It.IsAny<CancellationToken>())).Returns(remindTimer);
        context.Setup(c => c.CreateTimer(EscalateAt.UtcDateTime, It.IsAny<CancellationToken>())).Returns(escalateTimer);
        context.Setup(c => c.CallActivityAsync<object>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync(true);
        return context;
    }

    private static void VerifyActivity(Mock<TaskOrchestrationContext> context, string name, Times times) =>
        context.Verify(c => c.CallActivityAsync<object>(It.Is<TaskName>(n => n.Name == name), It.Is<object?>(o => ((ReviewCaseRef)o!).CaseId == "rc_1"), It.IsAny<TaskOptions?>()), times);

    [Fact]
    public async Task A_decision_before_the_due_date_applies_it_without_reminding()
    {
        var context = Context(Task.FromResult(new ReviewCaseSignal(ReviewCaseSignal.Decided)), new TaskCompletionSource().Task, new TaskCompletionSource().Task);

        var result = await new ReviewCaseOrchestrator().RunAsync(context.Object, Input);

        Assert.Equal(new ReviewCaseWorkflowResult("decided", false, false), result);
        VerifyActivity(context, ReviewCaseOrchestrator.ApplyDecisionActivity, Times.Once());
        VerifyActivity(context, ReviewCaseOrchestrator.RemindActivity, Times.Never());
        VerifyActivity(context, ReviewCaseOrchestrator.EscalateActivity, Times.Never());
    }

    [Fact]
    public async Task At_the_due_date_it_reminds_a_day_after_it_escalates_and_then_still_waits_for_the_decision()
    {
        var decision = new TaskCompletionSource<ReviewCaseSignal>();
        var context = Context(decision.Task, Task.CompletedTask, Task.CompletedTask);
        context.Setup(c => c.CallActivityAsync<object>(It.Is<TaskName>(n => n.Name == ReviewCaseOrchestrator.EscalateActivity), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback(() => decision.TrySetResult(new ReviewCaseSignal(ReviewCaseSignal.Decided)))
            .ReturnsAsync(true);

        var result = await new ReviewCaseOrchestrator().RunAsync(context.Object, Input);

        Assert.Equal(new ReviewCaseWorkflowResult("decided", true, true), result);
        VerifyActivity(context, ReviewCaseOrchestrator.RemindActivity, Times.Once());
        VerifyActivity(context, ReviewCaseOrchestrator.EscalateActivity, Times.Once());
        VerifyActivity(context, ReviewCaseOrchestrator.ApplyDecisionActivity, Times.Once());
    }

    [Fact]
    public async Task A_decision_after_the_reminder_but_before_the_escalation_does_not_escalate()
    {
        var decision = new TaskCompletionSource<ReviewCaseSignal>();
        var context = Context(decision.Task, Task.CompletedTask, new TaskCompletionSource().Task);
        context.Setup(c => c.CallActivityAsync<object>(It.Is<TaskName>(n => n.Name == ReviewCaseOrchestrator.RemindActivity), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback(() => decision.TrySetResult(new ReviewCaseSignal(ReviewCaseSignal.Decided)))
            .ReturnsAsync(true);

        var result = await new ReviewCaseOrchestrator().RunAsync(context.Object, Input);

        Assert.Equal(new ReviewCaseWorkflowResult("decided", true, false), result);
        VerifyActivity(context, ReviewCaseOrchestrator.EscalateActivity, Times.Never());
    }

    [Fact]
    public async Task A_new_due_date_after_a_resubmission_continues_as_new_from_the_start_of_the_timeline()
    {
        var later = RemindAt.AddDays(7);
        var context = Context(
            Task.FromResult(new ReviewCaseSignal(ReviewCaseSignal.DeadlineChanged, later, later.AddHours(15))),
            new TaskCompletionSource().Task,
            new TaskCompletionSource().Task);

        var result = await new ReviewCaseOrchestrator().RunAsync(context.Object, Input with { Stage = ReviewCaseStage.Reminded });

        Assert.Equal("continued", result.Outcome);
        context.Verify(c => c.ContinueAsNew(
            It.Is<object?>(o => ((ReviewCaseWorkflowInput)o!).RemindAt == later && ((ReviewCaseWorkflowInput)o!).Stage == ReviewCaseStage.Waiting && ((ReviewCaseWorkflowInput)o!).CaseId == "rc_1"),
            It.IsAny<bool>()), Times.Once);
        VerifyActivity(context, ReviewCaseOrchestrator.ApplyDecisionActivity, Times.Never());
    }

    [Fact]
    public async Task Once_escalated_it_sets_no_more_timers()
    {
        var context = Context(Task.FromResult(new ReviewCaseSignal(ReviewCaseSignal.Decided)), Task.CompletedTask, Task.CompletedTask);

        var result = await new ReviewCaseOrchestrator().RunAsync(context.Object, Input with { Stage = ReviewCaseStage.Escalated });

        Assert.Equal(new ReviewCaseWorkflowResult("decided", true, true), result);
        context.Verify(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
        VerifyActivity(context, ReviewCaseOrchestrator.RemindActivity, Times.Never());
    }
}
