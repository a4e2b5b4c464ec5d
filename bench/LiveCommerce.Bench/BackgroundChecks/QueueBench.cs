using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using LiveCommerce.Bench.Identity;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Http;
using LiveCommerce.Http.BackgroundChecks;
using LiveCommerce.LocalHost.BackgroundChecks;
using LiveCommerce.Storage;
using LiveCommerce.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Bench.BackgroundChecks;

/// <summary>
/// Messages per second through the local storage-queue consumer on a private Azurite: merchants are qualified over
/// HTTP on the local host (its own consumer off), N merchant re-verifications are enqueued, and the consumer — the
/// host's class, with the host's services, in this process — drains them at each concurrency. Handling latency
/// (receive to delete) comes from the consumer's own histogram (meter LiveCommerce.BackgroundChecks).
/// </summary>
internal sealed class QueueBench : IBenchCommand
{
    public string Name => "queue";

    public string Description => "background checks through the local queue consumer: messages/s, p50/p99 handling (--messages N, --concurrency 1,8,32)";

    public async Task<int> RunAsync(string[] args)
    {
        var count = BenchArgs.Int(args, "--messages", 2000);
        var levels = BenchArgs.Ints(args, "--concurrency", [1, 8, 32]);
        await using var azurite = await AzuriteInstance.StartAsync();

        // Distinct merchants, so concurrent re-verifications never contend for one standing.
        await using (var host = await LocalHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["BackgroundChecks:ConsumerEnabled"] = "false",
            ["BackgroundChecks:SweepEnabled"] = "false",
        }))
        {
            var clients = Enumerable.Range(0, 16).Select(_ => host.CreateClient(Platform)).ToList();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
                (await clients[i % clients.Count].PostAsJsonAsync($"api/merchants/m{i}/qualification-checks", MerchantBody(i), ct)).EnsureSuccessStatusCode());
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Identity:HashKey"] = LocalHostProcess.TestIdentityHashKey,
        }).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddLiveCommerceApi(configuration);
        await using var provider = services.BuildServiceProvider();

        Console.WriteLine($"background checks through the local storage-queue consumer (Release) on Azurite; {count} merchant re-verifications per run; {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"concurrency",11} {"messages",8} {"messages/s",10} {"p50 ms",7} {"p99 ms",7} {"retried",7} {"dead-lettered",13}");
        await DrainAsync(provider, Math.Min(count, 200), concurrency: 8, round: "warm-up");
        foreach (var concurrency in levels)
        {
            var (perSecond, p50, p99, deadLettered, retried) = await DrainAsync(provider, count, concurrency, round: $"c{concurrency}");
            Console.WriteLine($"{concurrency,11} {count,8} {perSecond,10:F0} {p50,7:F1} {p99,7:F1} {retried,7} {deadLettered,13}");
        }

        return 0;
    }

    private const string Platform = "bench-queue";

    private static async Task<(double PerSecond, double P50, double P99, int DeadLettered, int Retried)> DrainAsync(ServiceProvider provider, int count, int concurrency, string round)
    {
        Assert(PlatformId.TryParse(Platform, out var platform));
        var now = SystemClock.Instance.GetCurrentInstant();
        var messages = Enumerable.Range(0, count)
            .Select(i => new BackgroundCheckMessage($"{round}-{i}", round, platform, new MerchantReverification($"m{i}"), now))
            .ToList();
        await provider.GetRequiredService<IBackgroundCheckQueue>().EnqueueAsync(messages, CancellationToken.None);

        var latencies = new ConcurrentBag<double>();
        int deadLettered = 0, retried = 0;
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BackgroundCheckMetrics.MeterName && instrument.Name == BackgroundCheckMetrics.DurationInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "settlement", Value: "retry" })
                {
                    Interlocked.Increment(ref retried); // an attempt that failed; the message comes back
                    return;
                }

                if (tag is { Key: "settlement", Value: "dead_letter" })
                {
                    Interlocked.Increment(ref deadLettered);
                }
            }

            latencies.Add(value);
            if (latencies.Count >= count)
            {
                settled.TrySetResult();
            }
        });
        listener.Start();

        var consumer = new BackgroundCheckQueueConsumer(
            provider.GetRequiredService<StorageClients>(),
            provider.GetRequiredService<IBackgroundCheckHandler>(),
            provider.GetRequiredService<BackgroundCheckPoison>(),
            new BackgroundCheckOptions { MaxConcurrency = concurrency, MaxPollInterval = TimeSpan.FromMilliseconds(50) }.Validated(),
            TimeProvider.System,
            provider.GetRequiredService<ILogger<BackgroundCheckQueueConsumer>>());
        var started = Stopwatch.GetTimestamp();
        await consumer.StartAsync(CancellationToken.None);
        await settled.Task.WaitAsync(TimeSpan.FromMinutes(10));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await consumer.StopAsync(CancellationToken.None);

        var sorted = latencies.Order().ToArray();
        return (count / elapsed, HttpLoad.Percentile(sorted, 0.50), HttpLoad.Percentile(sorted, 0.99), deadLettered, retried);
    }

    private static object MerchantBody(int i) => new
    {
        legalName = "示例商贸有限公司",
        creditCode = CreditCodes.Next(),
        legalRepresentative = new { name = "代表" + i, idNumber = Person(i) },
        categories = new[] { "general", "food" },
        licences = new[] { new { type = "food_business_licence", number = "JY1", validFrom = "2025-01-01", validTo = "2030-12-31" } },
    };

    private static string Person(int n)
    {
        var body = $"330106{1970 + n % 30:0000}{1 + (n % 12):00}{1 + (n / 12 % 28):00}{n / 336 % 1000:000}";
        return body + ResidentIdNumber.ComputeCheckCharacter(body);
    }

    private static void Assert(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Bench set-up failed.");
        }
    }
}
