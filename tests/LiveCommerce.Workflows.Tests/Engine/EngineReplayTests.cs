using LiveCommerce.Workflows.Disputes;
using LiveCommerce.Workflows.Identity;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LiveCommerce.Workflows.Tests.Engine;

/// <summary>The orchestrators on the real engine: replayed from history at every await, with retries and events as Durable runs them.</summary>
public sealed class EngineReplayTests
{
    private static readonly EvidenceBundleInput Dispute = new(
        "p1", "d1", "o1", new DateTimeOffset(2026, 5, 1, 12, 30, 0, TimeSpan.Zero), "s1", "r1", "sku-1", "not silk", "ops", new DateTimeOffset(2026, 5, 1, 13, 0, 0, TimeSpan.Zero), "2026-05-12");

    [Fact]
    public async Task The_bundle_fans_out_one_gather_per_source_and_replays_to_one_assembly_and_one_record()
    {
        var ports = new FakeBundlePorts();
        await using var engine = await Engine.StartAsync(ports.Register);
        var id = EvidenceBundleWorkflow.InstanceIdFor("p1", "d1");

        await engine.Client.ScheduleNewOrchestrationInstanceAsync(EvidenceBundleWorkflow.Name, Dispute, new StartOrchestrationOptions(id));
        var done = await engine.Client.CompletedAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new EvidenceBundleResult(EvidenceBundleResult.Ready, "abc"), done.ReadOutputAs<EvidenceBundleResult>());
        Assert.Equal(Enum.GetValues<EvidenceSource>().Order(), ports.Gathered.Order());
        var assembled = Assert.Single(ports.Assembled);
        Assert.Equal(Enum.GetValues<EvidenceSource>().Select(s => $"{s}/item"), assembled.Items.Select(i => i.Name));
        Assert.Equal([new MissingItem("replay_video", MissingItem.RetentionExpired)], assembled.Missing);
        Assert.Equal(("abc", (string?)null), (Assert.Single(ports.Outcomes).Bundle?.BundleSha256, Assert.Single(ports.Outcomes).Failure));
    }

    [Fact]
    public async Task A_failing_activity_is_retried_by_its_policy_and_a_success_on_retry_is_used()
    {
        var ports = new FakeBundlePorts { FailingAssemblies = 1 };
        await using var engine = await Engine.StartAsync(ports.Register);
        var id = EvidenceBundleWorkflow.InstanceIdFor("p1", "retry");

        await engine.Client.ScheduleNewOrchestrationInstanceAsync(EvidenceBundleWorkflow.Name, Dispute with { DisputeId = "retry" }, new StartOrchestrationOptions(id));
        var done = await engine.Client.CompletedAsync(id);

        Assert.Equal(EvidenceBundleResult.Ready, done.ReadOutputAs<EvidenceBundleResult>()!.Status);
        Assert.Equal(2, ports.AssemblyAttempts);
        Assert.Single(ports.Outcomes);
    }

    [Fact]
    public async Task An_activity_that_keeps_failing_reaches_the_orchestrator_as_TaskFailedException_after_its_attempts()
    {
        var ports = new FakeBundlePorts { FailingAssemblies = int.MaxValue };
        await using var engine = await Engine.StartAsync(ports.Register);
        var id = EvidenceBundleWorkflow.InstanceIdFor("p1", "broken");

        await engine.Client.ScheduleNewOrchestrationInstanceAsync(EvidenceBundleWorkflow.Name, Dispute with { DisputeId = "broken" }, new StartOrchestrationOptions(id));
        var done = await engine.Client.CompletedAsync(id);

        Assert.Equal(EvidenceBundleResult.Failed, done.ReadOutputAs<EvidenceBundleResult>()!.Status);
        Assert.Equal(3, ports.AssemblyAttempts);
        var outcome = Assert.Single(ports.Outcomes);
        Assert.Null(outcome.Bundle);
        Assert.Contains("storage unavailable", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_results_raised_before_the_orchestrator_waits_for_them_are_kept()
    {
        var ports = new FakePreLivePorts();
        await using var engine = await Engine.StartAsync(ports.Register);
        var id = PreLiveCheckWorkflow.InstanceIdFor("p1", "early");
        var input = new PreLiveCheckInput("p1", "early", "r1", "m1", ["h1", "h2"], DateTimeOffset.UtcNow.AddMinutes(30), 0.8);

        await engine.Client.ScheduleNewOrchestrationInstanceAsync(PreLiveCheckWorkflow.Name, input, new StartOrchestrationOptions(id));
        await engine.Client.RunningAsync(id);
        foreach (var host in input.HostIds)
        {
            // The orchestrator is still in its first standings check: nothing waits for these yet.
            await engine.Client.RaiseEventAsync(id, PreLiveCheckWorkflow.ResultEvent(host), new IdentityResult(host, true, 0.97, "ref", DateTimeOffset.UtcNow));
        }

        ports.FirstStandings.SetResult();
        var done = await engine.Client.CompletedAsync(id);

        Assert.Equal(PreLiveCheckResult.Cleared, done.ReadOutputAs<PreLiveCheckResult>()!.Status);
        Assert.Equal(["h1", "h2"], ports.Challenged.Order());
        Assert.Equal(PreLiveCheckResult.Cleared, Assert.Single(ports.Outcomes).Result.Status);
    }
}
