using LiveCommerce.Workflows.Tests.Samples;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace LiveCommerce.Workflows.Tests;

/// <summary>
/// An orchestrator unit-tested against a mocked <see cref="WorkflowContext"/>, as Durable's own guidance does with a
/// mocked TaskOrchestrationContext: the same setups work for both, since the port mirrors its members.
/// </summary>
public sealed class SampleReviewMockTests
{
    private static readonly ReviewRequest Request = new("m-1", ["tea", "cups"]);

    [Fact]
    public async Task Approved_review_checks_screens_and_publishes()
    {
        var context = ContextWithActivities();
        context.Setup(c => c.WaitForExternalEvent<Approval>(SampleReview.ApprovalEvent, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Approval(true, "li"));

        var outcome = await new SampleReview().RunAsync(context.Object, Request);

        Assert.Equal(new ReviewOutcome("good", 2, "published listing-m-1"), outcome);
        context.Verify(c => c.CreateTimer(SampleReview.ApprovalTimeout, It.IsAny<CancellationToken>()), Times.Once);
        context.Verify(c => c.SetCustomStatus("awaiting-approval"), Times.Once);
    }

    [Fact]
    public async Task Review_without_approval_in_time_times_out_and_publishes_nothing()
    {
        var context = ContextWithActivities();
        context.Setup(c => c.WaitForExternalEvent<Approval>(SampleReview.ApprovalEvent, It.IsAny<CancellationToken>()))
            .Returns(Task.FromCanceled<Approval>(new CancellationToken(canceled: true)));

        var outcome = await new SampleReview().RunAsync(context.Object, Request);

        Assert.Equal("timed-out", outcome.Decision);
        context.Verify(c => c.CallActivityAsync<string>(Publish.Name, It.IsAny<object?>(), It.IsAny<WorkflowTaskOptions?>()), Times.Never);
    }

    [Fact]
    public async Task A_failed_activity_fails_the_review()
    {
        var context = ContextWithActivities();
        context.Setup(c => c.CallActivityAsync<int>(ScreenItems.Name, It.IsAny<object?>(), It.IsAny<WorkflowTaskOptions?>()))
            .ThrowsAsync(new WorkflowTaskFailedException(ScreenItems.Name, 1, new WorkflowFailureDetails("System.TimeoutException", "screening service down")));

        var failure = await Assert.ThrowsAsync<WorkflowTaskFailedException>(() => new SampleReview().RunAsync(context.Object, Request));

        Assert.True(failure.FailureDetails.IsCausedBy<TimeoutException>());
    }

    private static Mock<WorkflowContext> ContextWithActivities()
    {
        var context = new Mock<WorkflowContext>();
        context.Setup(c => c.CreateReplaySafeLogger(It.IsAny<string>())).Returns(NullLogger.Instance);
        context.Setup(c => c.CallActivityAsync<string>(CheckStanding.Name, "m-1", It.IsAny<WorkflowTaskOptions?>())).ReturnsAsync("good");
        context.Setup(c => c.CallActivityAsync<int>(ScreenItems.Name, It.IsAny<object?>(), It.IsAny<WorkflowTaskOptions?>())).ReturnsAsync(2);
        context.Setup(c => c.CallActivityAsync<string>(Publish.Name, "m-1", It.IsAny<WorkflowTaskOptions?>())).ReturnsAsync("listing-m-1");
        return context;
    }
}
