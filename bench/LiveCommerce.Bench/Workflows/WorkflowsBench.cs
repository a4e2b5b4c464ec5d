using System.Diagnostics;
using System.Globalization;
using LiveCommerce.LocalHost.Workflows;
using LiveCommerce.Storage;
using LiveCommerce.Testing;
using LiveCommerce.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Bench.Workflows;

/// <summary>
/// N concurrent workflows (three activities and one external event each) on the local runtime, in process, on a
/// private Azurite: time until all completed, and storage requests per workflow (everything the runtime sent,
/// index upkeep included). Target for issue #4: 1,000 in under 30 s.
/// </summary>
public sealed class WorkflowsBench : IBenchCommand
{
    public string Name => "workflows";

    public string Description => "N concurrent workflows on the local runtime: time to complete, storage requests each (--count 1000)";

    public async Task<int> RunAsync(string[] args)
    {
        var count = 1000;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--count")
            {
                count = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        await using var azurite = await AzuriteInstance.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString }));
        services.AddWorkflow<BenchOrder>()
            .AddWorkflowActivity<ReserveStock>()
            .AddWorkflowActivity<ScreenOrder>()
            .AddWorkflowActivity<ConfirmOrder>();
        services.AddLocalWorkflowRuntime();
        await using var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<LocalWorkflowRuntime>();
        await runtime.StartAsync(CancellationToken.None);

        var ids = Enumerable.Range(0, count).Select(i => $"bench-{i:D5}").ToArray();
        var requestsBefore = StorageRoundTrips.ProcessTotal;
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(ids.Select(id => runtime.ScheduleNewAsync(BenchOrder.Name, id, id)));
        var started = clock.Elapsed;
        var completions = ids.Select(id => runtime.WaitForCompletionAsync(id, TimeSpan.FromMinutes(5))).ToArray();
        await Task.WhenAll(ids.Select(id => runtime.RaiseEventAsync(id, BenchOrder.ApprovalEvent, true)));
        var raised = clock.Elapsed;
        var finished = await Task.WhenAll(completions);
        var elapsed = clock.Elapsed;

        await runtime.StopAsync(CancellationToken.None); // flushes the index rows of finished instances
        var requests = StorageRoundTrips.ProcessTotal - requestsBefore;
        var completed = finished.Count(f => f is { Status: WorkflowStatus.Completed } && f.ReadOutputAs<string>()!.EndsWith(":confirmed", StringComparison.Ordinal));

        Console.WriteLine($"workflows: {count} concurrent (3 activities + 1 external event each), local runtime on Azurite, {Environment.ProcessorCount} cores");
        Console.WriteLine($"  all started      {started.TotalSeconds,7:F2} s");
        Console.WriteLine($"  all events in    {raised.TotalSeconds,7:F2} s");
        Console.WriteLine($"  all completed    {elapsed.TotalSeconds,7:F2} s   ({count / elapsed.TotalSeconds:F0} workflows/s; target: 1,000 in < 30 s)");
        Console.WriteLine($"  completed        {completed} of {count}");
        Console.WriteLine($"  storage requests {requests} ({(double)requests / count:F2} per workflow)");
        return completed == count ? 0 : 1;
    }
}
