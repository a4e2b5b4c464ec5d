using LiveCommerce.Domain;
using LiveCommerce.Functions.Workflows;
using LiveCommerce.Workflows.Identity;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace LiveCommerce.Functions.Tests.Identity;

/// <summary>
/// The pre-live orchestrator as Durable Functions runs it: through the adapter, on a mocked TaskOrchestrationContext
/// (the approach of the Durable Functions unit-testing guidance).
/// </summary>
public sealed class PreLiveOrchestrationTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Mock<TaskOrchestrationContext> Durable(IReadOnlyList<Reason> standings)
    {
        var durable = new Mock<TaskOrchestrationContext>();
        durable.Setup(c => c.InstanceId).Returns("prelive:p1:s1");
        durable.Setup(c => c.CurrentUtcDateTime).Returns(Start.AddMinutes(-5));
        durable.Setup(c => c.CreateReplaySafeLogger(It.IsAny<string>())).Returns(NullLogger.Instance);
        durable.Setup(c => c.CallActivityAsync<IReadOnlyList<Reason>>(new TaskName(CheckStandingsActivity.Name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(standings);
        durable.Setup(c => c.CallActivityAsync<IdentityChallengeIssued>(new TaskName(IssueIdentityChallengeActivity.Name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new IdentityChallengeIssued("h1", "ch", Start));
        durable.Setup(c => c.CallActivityAsync<bool>(new TaskName(RecordPreLiveOutcomeActivity.Name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(true);
        durable.Setup(c => c.CreateTimer(Start, It.IsAny<CancellationToken>())).Returns(new TaskCompletionSource().Task);
        return durable;
    }

    private static PreLiveCheckInput Input => new("p1", "s1", "room-1", "m1", ["h1"], new DateTimeOffset(Start), 0.8);

    [Fact]
    public async Task A_matching_host_clears_the_session()
    {
        var durable = Durable([]);
        durable.Setup(c => c.WaitForExternalEvent<IdentityResult>(PreLiveCheckWorkflow.ResultEvent("h1"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new IdentityResult("h1", true, 0.93, "ref", new DateTimeOffset(Start)));

        var result = await new PreLiveCheckWorkflow().RunAsync(new DurableWorkflowContext(durable.Object), Input);

        Assert.Equal(PreLiveCheckResult.Cleared, result.Status);
        durable.Verify(c => c.CallActivityAsync<IdentityChallengeIssued>(new TaskName(IssueIdentityChallengeActivity.Name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Once);
        durable.Verify(c => c.SetCustomStatus(It.Is<object?>(s => ((PreLiveCheckResult)s!).Status == PreLiveCheckResult.Cleared)), Times.Once);
    }

    [Fact]
    public async Task A_lapsed_qualification_blocks_before_any_challenge_or_timer()
    {
        var durable = Durable([new Reason(ReasonCodes.ReverificationDue, "lapsed", "hostIds[0]")]);

        var result = await new PreLiveCheckWorkflow().RunAsync(new DurableWorkflowContext(durable.Object), Input);

        Assert.Equal(PreLiveCheckResult.Blocked, result.Status);
        durable.Verify(c => c.CallActivityAsync<IdentityChallengeIssued>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Never);
        durable.Verify(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
