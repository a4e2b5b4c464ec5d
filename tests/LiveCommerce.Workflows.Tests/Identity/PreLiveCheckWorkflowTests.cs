using Microsoft.DurableTask;
using LiveCommerce.Domain;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace LiveCommerce.Workflows.Tests.Identity;

/// <summary>The pre-live orchestrator against a mocked context, as the Durable unit-testing guidance does it.</summary>
public sealed class PreLiveCheckWorkflowTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static PreLiveCheckInput Input(params string[] hosts) =>
        new("p1", "s1", "room-1", "m1", hosts, Start, 0.8);

    private static Mock<TaskOrchestrationContext> Context(IReadOnlyList<Reason> standings, Task deadline)
    {
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Loose);
        context.SetupGet(c => c.InstanceId).Returns("prelive:p1:s1");
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Start.UtcDateTime.AddMinutes(-5));
        context.Setup(c => c.CreateReplaySafeLogger<PreLiveCheckWorkflow>()).Returns(NullLogger.Instance);
        context.Setup(c => c.CallActivityAsync<IReadOnlyList<Reason>>(CheckStandingsActivity.Name, It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(standings);
        context.Setup(c => c.CallActivityAsync<IdentityChallengeIssued>(IssueIdentityChallengeActivity.Name, It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync((TaskName _, object? input, TaskOptions? _) => new IdentityChallengeIssued(((IdentityChallengeRequest)input!).HostId, "ch", Start));
        context.Setup(c => c.CallActivityAsync<bool>(RecordPreLiveOutcomeActivity.Name, It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync(true);
        context.Setup(c => c.CreateTimer(Start.UtcDateTime, It.IsAny<CancellationToken>())).Returns(deadline);
        return context;
    }

    private static void Answer(Mock<TaskOrchestrationContext> context, string host, bool matched, double liveness = 0.95) =>
        context.Setup(c => c.WaitForExternalEvent<IdentityResult>(PreLiveCheckWorkflow.ResultEvent(host), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new IdentityResult(host, matched, liveness, "ref", Start));

    private static void Silent(Mock<TaskOrchestrationContext> context, string host) =>
        context.Setup(c => c.WaitForExternalEvent<IdentityResult>(PreLiveCheckWorkflow.ResultEvent(host), It.IsAny<CancellationToken>()))
            .Returns(new TaskCompletionSource<IdentityResult>().Task);

    [Fact]
    public async Task Clears_when_every_host_matches_and_issues_one_challenge_per_host()
    {
        var context = Context([], new TaskCompletionSource().Task);
        Answer(context, "h1", matched: true);
        Answer(context, "h2", matched: true);

        var result = await new PreLiveCheckWorkflow().RunAsync(context.Object, Input("h1", "h2"));

        Assert.Equal(PreLiveCheckResult.Cleared, result.Status);
        Assert.All(result.Hosts, h => Assert.Equal("verified", h.Identity));
        context.Verify(c => c.CallActivityAsync<IdentityChallengeIssued>(IssueIdentityChallengeActivity.Name, It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Exactly(2));
        context.Verify(c => c.CallActivityAsync<bool>(RecordPreLiveOutcomeActivity.Name, It.Is<object?>(o => ((PreLiveOutcome)o!).Result.Status == "cleared"), It.IsAny<TaskOptions?>()), Times.Once);
    }

    [Fact]
    public async Task A_blocking_standing_ends_the_check_before_any_challenge()
    {
        var context = Context([new Reason("REVERIFICATION_DUE", "lapsed", "hostIds[0]")], new TaskCompletionSource().Task);

        var result = await new PreLiveCheckWorkflow().RunAsync(context.Object, Input("h1"));

        Assert.Equal(PreLiveCheckResult.Blocked, result.Status);
        Assert.Equal("REVERIFICATION_DUE", Assert.Single(result.Reasons).Code);
        context.Verify(c => c.CallActivityAsync<IdentityChallengeIssued>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Never);
        context.Verify(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Hosts_without_a_result_when_the_start_timer_fires_are_timed_out()
    {
        var context = Context([], Task.CompletedTask);
        Silent(context, "h1");

        var result = await new PreLiveCheckWorkflow().RunAsync(context.Object, Input("h1"));

        Assert.Equal(PreLiveCheckResult.Blocked, result.Status);
        Assert.Equal("timed_out", Assert.Single(result.Hosts).Identity);
        Assert.Equal("IDENTITY_TIMED_OUT", Assert.Single(result.Reasons).Code);
    }

    [Fact]
    public async Task Low_liveness_fails_the_host_even_when_the_face_matched()
    {
        var context = Context([], new TaskCompletionSource().Task);
        Answer(context, "h1", matched: true, liveness: 0.42);

        var result = await new PreLiveCheckWorkflow().RunAsync(context.Object, Input("h1"));

        Assert.Equal("failed", Assert.Single(result.Hosts).Identity);
        Assert.Equal("LIVENESS_TOO_LOW", Assert.Single(result.Reasons).Code);
    }

    [Fact]
    public async Task A_merchant_rejected_while_the_hosts_verify_blocks_at_the_last_standing_check()
    {
        var context = Context([], new TaskCompletionSource().Task);
        context.SetupSequence(c => c.CallActivityAsync<IReadOnlyList<Reason>>(CheckStandingsActivity.Name, It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync([])
            .ReturnsAsync([new Reason("QUALIFICATION_NOT_APPROVED", "Merchant 'm1': rejected.", "merchantId")]);
        Answer(context, "h1", matched: true);

        var result = await new PreLiveCheckWorkflow().RunAsync(context.Object, Input("h1"));

        Assert.Equal(PreLiveCheckResult.Blocked, result.Status);
        Assert.Equal("verified", Assert.Single(result.Hosts).Identity);
        Assert.Equal("QUALIFICATION_NOT_APPROVED", Assert.Single(result.Reasons).Code);
        context.Verify(c => c.CallActivityAsync<IReadOnlyList<Reason>>(CheckStandingsActivity.Name, It.Is<object?>(o => ((StandingsRequest)o!).At == Start), It.IsAny<TaskOptions?>()), Times.Exactly(2));
        context.Verify(c => c.CallActivityAsync<bool>(RecordPreLiveOutcomeActivity.Name, It.Is<object?>(o => ((PreLiveOutcome)o!).Result.Status == "blocked"), It.IsAny<TaskOptions?>()), Times.Once);
    }

    [Fact]
    public async Task A_host_who_failed_identity_is_not_looked_at_again()
    {
        var context = Context([], new TaskCompletionSource().Task);
        Answer(context, "h1", matched: false);

        await new PreLiveCheckWorkflow().RunAsync(context.Object, Input("h1"));

        context.Verify(c => c.CallActivityAsync<IReadOnlyList<Reason>>(CheckStandingsActivity.Name, It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Once);
    }
}
