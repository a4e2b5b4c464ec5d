using LiveCommerce.LocalHost.Workflows;
using LiveCommerce.Storage;
using LiveCommerce.Testing;
using LiveCommerce.Workflows.Tests.Samples;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveCommerce.Workflows.Tests;

/// <summary>One Azurite for the runner tests: the real storage protocol, with transactions and ETags.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public async Task InitializeAsync() => Azurite = await AzuriteInstance.StartAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "workflows on Azurite";
}

/// <summary>
/// The storage, clock and activity side effects that outlive one runtime, so a test can stop a runtime and start
/// another on the same history, as a restart does. Each harness has its own table and container.
/// </summary>
public sealed class RuntimeHarness(AzuriteInstance azurite)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public string TableName { get; } = "wf" + Guid.NewGuid().ToString("N");

    public string ContainerName { get; } = "wf-" + Guid.NewGuid().ToString("N");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));

    public ActivityLedger Ledger { get; } = new();

    public StorageClients Storage { get; } = new(new StorageOptions { ConnectionString = azurite.ConnectionString });

    public static string NewInstanceId() => "i-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A started runtime with the sample activities and the given workflows.</summary>
    public async Task<RunningRuntime> StartAsync(Action<IServiceCollection> workflows)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Storage);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Ledger);
        services.AddWorkflowActivity<CheckStanding>();
        services.AddWorkflowActivity<ScreenItems>();
        services.AddWorkflowActivity<Publish>();
        services.AddWorkflowActivity<Repeat>();
        workflows(services);
        services.AddLocalWorkflowRuntime(o =>
        {
            o.TableName = TableName;
            o.PayloadContainerName = ContainerName;
        });

        var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<LocalWorkflowRuntime>();
        await runtime.StartAsync(CancellationToken.None);
        return new RunningRuntime(provider, runtime);
    }

    /// <summary>Polls until the condition holds (real time: the runtime works on other threads).</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {Patience.TotalSeconds} s: {what}");
            }

            await Task.Delay(20);
        }
    }
}

public sealed class RunningRuntime(ServiceProvider provider, LocalWorkflowRuntime runtime) : IAsyncDisposable
{
    public IWorkflowClient Client => runtime;

    public async Task WaitForStatusAsync(string instanceId, string customStatus) =>
        await RuntimeHarness.Eventually(
            async () => (await Client.GetInstanceAsync(instanceId))?.ReadCustomStatusAs<string>() == customStatus,
            $"{instanceId} has custom status {customStatus}");

    public async Task<WorkflowInstance> WaitForCompletionAsync(string instanceId)
    {
        var instance = await Client.WaitForCompletionAsync(instanceId, RuntimeHarness.Patience);
        Assert.NotNull(instance);
        Assert.True(instance.IsFinished, $"{instanceId} is still {instance.Status}");
        return instance;
    }

    /// <summary>Stops the runtime as a host shutdown does (the provider is disposed later).</summary>
    public Task StopAsync() => runtime.StopAsync(CancellationToken.None);

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
