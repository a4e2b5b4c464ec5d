using LiveCommerce.Workflows.Schedules;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace LiveCommerce.Workflows.Tests.Schedules;

/// <summary>A day's scheduled job: it waits for its due time, runs, and always schedules the next day.</summary>
public sealed class ScheduledJobWorkflowTests
{
    private static readonly ScheduledRun Run = new("evidence-purge", "2026-12-02", new DateTimeOffset(2026, 12, 1, 19, 0, 0, TimeSpan.Zero));

    private static Mock<TaskOrchestrationContext> Context(DateTime now)
    {
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Loose);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(now);
        context.Setup(c => c.CreateReplaySafeLogger<ScheduledJobWorkflow>()).Returns(NullLogger.Instance);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        context.Setup(c => c.CallActivityAsync<string?>(ScheduleNextRunActivity.Name, It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync("schedule:evidence-purge:2026-12-03");
        return context;
    }

    [Fact]
    public async Task A_run_started_early_waits_on_a_durable_timer_until_its_due_time()
    {
        var context = Context(Run.DueAt.UtcDateTime.AddHours(-3));
        context.Setup(c => c.CallActivityAsync<string>(RunScheduledJobActivity.Name, Run, It.IsAny<TaskOptions?>())).ReturnsAsync("3 purged");

        var result = await new ScheduledJobWorkflow().RunAsync(context.Object, Run);

        context.Verify(c => c.CreateTimer(Run.DueAt.UtcDateTime, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(new ScheduledRunResult("evidence-purge", "2026-12-02", "3 purged", "schedule:evidence-purge:2026-12-03"), result);
    }

    [Fact]
    public async Task A_run_past_its_due_time_runs_at_once()
    {
        var context = Context(Run.DueAt.UtcDateTime.AddHours(1));
        context.Setup(c => c.CallActivityAsync<string>(RunScheduledJobActivity.Name, Run, It.IsAny<TaskOptions?>())).ReturnsAsync("done");

        await new ScheduledJobWorkflow().RunAsync(context.Object, Run);

        context.Verify(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_job_that_fails_after_its_retries_still_schedules_the_next_day()
    {
        var context = Context(Run.DueAt.UtcDateTime);
        context.Setup(c => c.CallActivityAsync<string>(RunScheduledJobActivity.Name, Run, It.IsAny<TaskOptions?>()))
            .ThrowsAsync(new TaskFailedException(RunScheduledJobActivity.Name, 1, new TaskFailureDetails("System.InvalidOperationException", "storage down", null, null, null)));

        var result = await new ScheduledJobWorkflow().RunAsync(context.Object, Run);

        Assert.Equal(ScheduledRunResult.Failed, result.Outcome);
        context.Verify(c => c.CallActivityAsync<string?>(ScheduleNextRunActivity.Name, Run, It.IsAny<TaskOptions?>()), Times.Once);
    }
}
