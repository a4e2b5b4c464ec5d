using System.Collections.Concurrent;
using LiveCommerce.Domain;
using LiveCommerce.Workflows.Disputes;
using LiveCommerce.Workflows.Identity;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Workflows.Tests.Engine;

/// <summary>
/// The real Durable Task engine in process (Microsoft.DurableTask.InProcessTestHost), running the registry every
/// host runs (<see cref="LiveCommerceTasks.AddLiveCommerceTasks"/>) with the activities' ports faked. Each await in an
/// orchestrator ends an episode and the engine replays it from history: a non-deterministic orchestrator fails here.
/// </summary>
internal static class Engine
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static Task<DurableTaskTestHost> StartAsync(Action<IServiceCollection> ports) =>
        DurableTaskTestHost.StartAsync(
            registry => registry.AddLiveCommerceTasks(),
            new DurableTaskTestHostOptions { ConfigureServices = services => { services.AddSingleton(TimeProvider.System); ports(services); } });

    public static async Task<OrchestrationMetadata> CompletedAsync(this DurableTaskClient client, string instanceId)
    {
        using var patience = new CancellationTokenSource(Patience);
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, patience.Token);
    }

    public static async Task RunningAsync(this DurableTaskClient client, string instanceId)
    {
        using var patience = new CancellationTokenSource(Patience);
        await client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs: false, patience.Token);
    }
}

/// <summary>The evidence ports: what was gathered, assembled and recorded, and an assembly that can be made to fail.</summary>
internal sealed class FakeBundlePorts : IEvidenceSources, IBundleAssembler, IBundleRecords
{
    private int _assemblyAttempts;

    public ConcurrentBag<EvidenceSource> Gathered { get; } = [];

    public ConcurrentBag<AssembleRequest> Assembled { get; } = [];

    public ConcurrentBag<BundleOutcome> Outcomes { get; } = [];

    public int FailingAssemblies { get; set; }

    public int AssemblyAttempts => _assemblyAttempts;

    public void Register(IServiceCollection services)
    {
        services.AddSingleton<IEvidenceSources>(this);
        services.AddSingleton<IBundleAssembler>(this);
        services.AddSingleton<IBundleRecords>(this);
    }

    public Task<EvidenceGathered> GatherAsync(GatherRequest request, CancellationToken cancellationToken)
    {
        Gathered.Add(request.Source);
        IReadOnlyList<MissingItem> missing = request.Source == EvidenceSource.Replay ? [new MissingItem("replay_video", MissingItem.RetentionExpired)] : [];
        return Task.FromResult(new EvidenceGathered([new BundleItem(request.Source.ToString(), $"{request.Source}/item", Document: "{}")], missing));
    }

    public Task<AssembledBundle> AssembleAsync(AssembleRequest request, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _assemblyAttempts) <= FailingAssemblies)
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

/// <summary>The pre-live ports; the first standings check can be held back, to raise events before the wait.</summary>
internal sealed class FakePreLivePorts : IQualificationStandings, IIdentityVerificationProvider, IPreLiveRecords, ISessionItemScreening
{
    public TaskCompletionSource FirstStandings { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentBag<string> Challenged { get; } = [];

    public ConcurrentBag<PreLiveOutcome> Outcomes { get; } = [];

    private int _standingChecks;

    public void Register(IServiceCollection services)
    {
        services.AddSingleton<IQualificationStandings>(this);
        services.AddSingleton<IIdentityVerificationProvider>(this);
        services.AddSingleton<IPreLiveRecords>(this);
        services.AddSingleton<ISessionItemScreening>(this);
    }

    public async Task<IReadOnlyList<Reason>> FindBlockingReasonsAsync(string platform, string merchantId, IReadOnlyList<string> hostIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _standingChecks) == 1)
        {
            await FirstStandings.Task;
        }

        return [];
    }

    public Task IssueChallengeAsync(string platform, string sessionId, string hostId, string challengeId, ReadOnlyMemory<byte> challenge, string challengeHash, CancellationToken cancellationToken)
    {
        Challenged.Add(hostId);
        return Task.CompletedTask;
    }

    public Task RecordOutcomeAsync(PreLiveOutcome outcome, CancellationToken cancellationToken)
    {
        Outcomes.Add(outcome);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Reason>> ScreenAsync(SessionScreeningRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Reason>>([]);
}
