using System.Diagnostics;
using System.Globalization;
using LiveCommerce.LocalHost.Durable;
using LiveCommerce.Storage;
using LiveCommerce.Testing;
using LiveCommerce.Workflows;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Bench.Workflows;

/// <summary>
/// N concurrent orchestrations (three activities and one external event each) on the local engine (DTFx +
/// Azure Storage) on a private Azurite, with one or more workers in this process sharing the task hub (--hosts):
/// time until all completed. Target: 1,000 well within 60 s.
/// </summary>
public sealed class WorkflowsBench : IBenchCommand
{
    public string Name => "workflows";

    public string Description => "N concurrent orchestrations on the local Durable engine: time to complete (--count 1000 [--hosts 2])";

    public async Task<int> RunAsync(string[] args)
    {
        var count = 1000;
        var hosts = 1;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--count")
            {
                count = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--hosts")
            {
                hosts = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        await using var azurite = await AzuriteInstance.StartAsync();
        var engines = new List<ServiceProvider>();
        for (var h = 0; h < hosts; h++)
        {
            var services = new ServiceCollection();
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton(new StorageOptions { ConnectionString = azurite.ConnectionString });
            services.AddDurableTaskEngine(new DurableTaskSettings { HubName = "BenchHub" }.Validated(), registry => registry
                .AddOrchestrator<BenchOrder>().AddActivity<ReserveStock>().AddActivity<ScreenOrder>().AddActivity<ConfirmOrder>());
            var provider = services.BuildServiceProvider();
            foreach (var hosted in provider.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }

            engines.Add(provider);
        }

        var clients = engines.Select(e => e.GetRequiredService<IWorkflowClient>()).ToArray();
        var ids = Enumerable.Range(0, count).Select(i => $"bench-{i:D5}").ToArray();
        var clock = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 32 };

        await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), options, async (x, ct) =>
            await clients[x.i % hosts].ScheduleNewAsync(BenchOrder.Name, x.id, new StartOrchestrationOptions(x.id), ct));
        var started = clock.Elapsed;
        await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), options, async (x, ct) =>
            await clients[x.i % hosts].RaiseEventAsync(x.id, BenchOrder.ApprovalEvent, true, ct));
        var raised = clock.Elapsed;
        var finished = new WorkflowInstance?[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (i, ct) =>
            finished[i] = await clients[i % hosts].WaitForCompletionAsync(ids[i], TimeSpan.FromMinutes(5), ct));
        var elapsed = clock.Elapsed;
        var completed = finished.Count(f => f is { Status: WorkflowStatus.Completed } && f.ReadOutputAs<string>()!.EndsWith(":confirmed", StringComparison.Ordinal));

        Console.WriteLine($"workflows: {count} concurrent (3 activities + 1 external event each), DTFx + Azure Storage on Azurite, {hosts} worker(s), {Environment.ProcessorCount} cores");
        Console.WriteLine($"  all started      {started.TotalSeconds,7:F2} s");
        Console.WriteLine($"  all events in    {raised.TotalSeconds,7:F2} s   (each raised once its instance left Pending)");
        Console.WriteLine($"  all completed    {elapsed.TotalSeconds,7:F2} s   ({count / elapsed.TotalSeconds:F0} orchestrations/s)");
        Console.WriteLine($"  completed        {completed} of {count}");
        foreach (var engine in engines)
        {
            foreach (var hosted in engine.GetServices<IHostedService>())
            {
                await hosted.StopAsync(CancellationToken.None);
            }

            await engine.DisposeAsync();
        }

        return completed == count ? 0 : 1;
    }
}
