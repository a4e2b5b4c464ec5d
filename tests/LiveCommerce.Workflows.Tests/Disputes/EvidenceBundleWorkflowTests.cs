using System.Collections.Concurrent;
using LiveCommerce.Workflows.Disputes;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Workflows.Tests.Disputes;

/// <summary>The bundle workflow on the local runner, with its ports faked: what is gathered, assembled and recorded.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EvidenceBundleWorkflowTests(AzuriteFixture fixture)
{
    private static readonly EvidenceBundleInput Dispute = new(
        "p1", "d1", "o1", new DateTimeOffset(2026, 5, 1, 12, 30, 0, TimeSpan.Zero), "s1", "r1", "sku-1", "not silk", "ops", new DateTimeOffset(2026, 5, 1, 13, 0, 0, TimeSpan.Zero), "2026-05-12");

    private readonly RuntimeHarness _harness = new(fixture.Azurite);
    private readonly FakePorts _ports = new();

    [Fact]
    public async Task Every_source_is_gathered_and_everything_found_goes_into_one_assembly()
    {
        await using var runtime = await StartAsync();
        var id = EvidenceBundleWorkflow.InstanceIdFor("p1", "d1");
        await runtime.Client.ScheduleNewAsync(EvidenceBundleWorkflow.Name, Dispute, id);

        var done = await runtime.WaitForCompletionAsync(id);

        Assert.Equal(new EvidenceBundleResult(EvidenceBundleResult.Ready, "abc"), done.ReadOutputAs<EvidenceBundleResult>());
        Assert.Equal(Enum.GetValues<EvidenceSource>().Order(), _ports.Gathered.Order());
        var assembled = Assert.Single(_ports.Assembled);
        Assert.Equal(Enum.GetValues<EvidenceSource>().Select(s => $"{s}/item"), assembled.Items.Select(i => i.Name));
        Assert.Equal([new MissingItem("replay_video", MissingItem.RetentionExpired)], assembled.Missing);
        var outcome = Assert.Single(_ports.Outcomes);
        Assert.Equal(("abc", null), (outcome.Bundle?.BundleSha256, outcome.Failure));
    }

    [Fact]
    public async Task An_assembly_that_keeps_failing_is_recorded_as_failed()
    {
        _ports.AssemblyFails = true;
        await using var runtime = await StartAsync();
        var id = EvidenceBundleWorkflow.InstanceIdFor("p1", "d2");
        await runtime.Client.ScheduleNewAsync(EvidenceBundleWorkflow.Name, Dispute with { DisputeId = "d2" }, id);

        // Retries wait on durable timers: move the clock until the attempts are spent.
        for (var step = 0; step < 50 && (await runtime.Client.GetInstanceAsync(id))?.IsFinished != true; step++)
        {
            _harness.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(50);
        }

        var done = await runtime.WaitForCompletionAsync(id);
        Assert.Equal(EvidenceBundleResult.Failed, done.ReadOutputAs<EvidenceBundleResult>()!.Status);
        Assert.Equal(3, _ports.AssemblyAttempts);
        var outcome = Assert.Single(_ports.Outcomes);
        Assert.Null(outcome.Bundle);
        Assert.Contains("storage unavailable", outcome.Failure, StringComparison.Ordinal);
    }

    private Task<RunningRuntime> StartAsync() => _harness.StartAsync(s =>
    {
        s.AddSingleton<IEvidenceSources>(_ports);
        s.AddSingleton<IBundleAssembler>(_ports);
        s.AddSingleton<IBundleRecords>(_ports);
        s.AddWorkflow<EvidenceBundleWorkflow>();
        s.AddWorkflowActivity<GatherEvidenceActivity>();
        s.AddWorkflowActivity<AssembleBundleActivity>();
        s.AddWorkflowActivity<RecordBundleActivity>();
    });

    private sealed class FakePorts : IEvidenceSources, IBundleAssembler, IBundleRecords
    {
        private int _assemblyAttempts;

        public ConcurrentBag<EvidenceSource> Gathered { get; } = [];

        public ConcurrentBag<AssembleRequest> Assembled { get; } = [];

        public ConcurrentBag<BundleOutcome> Outcomes { get; } = [];

        public bool AssemblyFails { get; set; }

        public int AssemblyAttempts => _assemblyAttempts;

        public Task<EvidenceGathered> GatherAsync(GatherRequest request, CancellationToken cancellationToken)
        {
            Gathered.Add(request.Source);
            IReadOnlyList<MissingItem> missing = request.Source == EvidenceSource.Replay ? [new MissingItem("replay_video", MissingItem.RetentionExpired)] : [];
            return Task.FromResult(new EvidenceGathered([new BundleItem(request.Source.ToString(), $"{request.Source}/item", Document: "{}")], missing));
        }

        public Task<AssembledBundle> AssembleAsync(AssembleRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _assemblyAttempts);
            if (AssemblyFails)
            {
                throw new InvalidOperationException("storage unavailable");
            }

            Assembled.Add(request);
            return Task.FromResult(new AssembledBundle("p1/d1/bundle.zip", "abc", 10, [], request.Missing, []));
        }

        public Task RecordOutcomeAsync(BundleOutcome outcome, CancellationToken cancellationToken)
        {
            Outcomes.Add(outcome);
            return Task.CompletedTask;
        }
    }
}
