using System.Net.Http.Json;
using LiveCommerce.Testing;

namespace LiveCommerce.Bench.Tipping;

/// <summary>
/// Tip authorizations per second and p50/p99 through HTTP on the local host with Azurite, at 1, 8 and 32 clients,
/// spread over many users and all on one hot user (every request contends for the same counters row), with storage
/// requests per authorization read from each response's Server-Timing header.
/// </summary>
internal sealed class TipsBench : IBenchCommand
{
    public string Name => "tips";

    public string Description => "tip authorizations through HTTP: authorizations/s, p50/p99, storage requests, spread and one hot user (--seconds N, --clients 1,8,32, --users N)";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchArgs.Int(args, "--seconds", 10);
        var clientCounts = BenchArgs.Ints(args, "--clients", [1, 8, 32]);
        var userCount = BenchArgs.Int(args, "--users", 2000);
        Console.WriteLine($"load before: {LoadAverage()}");
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" });
        var pool = Enumerable.Range(0, 32).Select(_ => host.CreateClient("bench-tips", "platform.api", "compliance.admin")).ToList();

        // Limits far above what a run spends, so every authorization is allowed and writes its counters (the costly case).
        (await pool[0].PutAsJsonAsync("api/tipping-policy", new
        {
            perTipLimitFen = 100_000,
            dailyLimitFen = 1_000_000_000_000L,
            monthlyLimitFen = 1_000_000_000_000L,
            reminderRatio = 1,
            settlementDelayHours = 72,
        })).EnsureSuccessStatusCode();
        var users = Enumerable.Range(0, userCount).Select(i => $"user{i}").ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            (await pool[i % pool.Count].PutAsJsonAsync($"api/tipping-users/{users[i]}", new { realNameVerified = true, idNumber = Identity.QualificationBench.Person(1970 + (i % 30), i) }, ct)).EnsureSuccessStatusCode());

        var run = Guid.NewGuid().ToString("N")[..6];
        Console.WriteLine($"tip authorizations through HTTP, local host (Release) on Azurite, {seconds} s per run, 2 warm-up s; {users.Length} users, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"kind",-16} {"clients",7} {"tips",7} {"tips/s",8} {"p50 ms",7} {"p99 ms",7} {"requests/tip",13} {"failures",8}");
        await HttpLoad.RunAsync(8, TimeSpan.FromSeconds(2), (c, i, client) => Tip(client, $"w{run}-{c}-{i}", users[(int)((c * 7919 + i * 13) % users.Length)]), pool);
        foreach (var clients in clientCounts)
        {
            Print("spread", await HttpLoad.RunAsync(clients, TimeSpan.FromSeconds(seconds), (c, i, client) =>
                Tip(client, $"s{run}-{clients}-{c}-{i}", users[(int)((c * 7919 + i * 13) % users.Length)]), pool));
        }

        foreach (var clients in clientCounts)
        {
            Print("one hot user", await HttpLoad.RunAsync(clients, TimeSpan.FromSeconds(seconds), (c, i, client) =>
                Tip(client, $"h{run}-{clients}-{c}-{i}", users[0]), pool));
        }

        Console.WriteLine($"load after: {LoadAverage()}");
        return 0;
    }

    private static Task<HttpResponseMessage> Tip(HttpClient client, string tipId, string userId) =>
        client.PostAsJsonAsync("api/tips/authorizations", new { tipId, userId, hostId = "host" + (uint)tipId.GetHashCode() % 50, roomId = "room-1", amountFen = 100 });

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static void Print(string kind, HttpLoad.Figures f) =>
        Console.WriteLine($"{kind,-16} {f.Clients,7} {f.Requests,7} {f.PerSecond,8:F0} {f.P50Ms,7:F1} {f.P99Ms,7:F1} {f.RoundTripsPerRequest,13:F2} {f.Failures,8}");
}
