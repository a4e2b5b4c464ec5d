using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Testing;

namespace LiveCommerce.Bench.Identity;

/// <summary>
/// N concurrent pre-live checks through HTTP on the local host (workflows on the Durable Task engine over Azurite),
/// or on several local hosts sharing one storage account (--hosts 2): start them all, post every host's identity
/// result (signed by the simulated provider, once its challenge shows), and time until every check is cleared. Storage requests per check come from the hosts' counter of the
/// app's own requests (the engine's requests are not counted).
/// </summary>
internal sealed class PreLiveBench : IBenchCommand
{
    public string Name => "prelive";

    public string Description => "N concurrent pre-live checks through HTTP until all cleared (--count 100,1000 [--hosts 2])";

    public async Task<int> RunAsync(string[] args)
    {
        var counts = BenchArgs.Ints(args, "--count", [100, 1000]);
        await using var azurite = await AzuriteInstance.StartAsync();
        var hostCount = BenchArgs.Ints(args, "--hosts", [1])[0];
        var processes = new List<LocalHostProcess>();
        for (var h = 0; h < hostCount; h++)
        {
            processes.Add(await LocalHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" }));
        }

        var clients = processes.Select(p => p.CreateClient("bench-platform")).ToArray();
        foreach (var c in clients)
        {
            c.Timeout = TimeSpan.FromMinutes(5);
        }

        var client = clients[0];

        // Qualified accounts the checks will find: one merchant, a pool of hosts.
        const int hosts = 200;
        (await client.PostAsJsonAsync("api/merchants/m1/qualification-checks", new
        {
            legalName = "示例直播电商有限公司",
            creditCode = CreditCodes.Next(),
            legalRepresentative = new { name = "法人", idNumber = Person(0) },
            categories = new[] { "general" },
        })).EnsureSuccessStatusCode();
        await Parallel.ForEachAsync(Enumerable.Range(1, hosts), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            (await client.PostAsJsonAsync($"api/hosts/h{i}/qualification-checks", new { name = "主播" + i, idNumber = Person(i) }, ct)).EnsureSuccessStatusCode());

        Console.WriteLine($"pre-live checks through HTTP on {hostCount} local host(s) (Release, DTFx + Azure Storage) on one Azurite; {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"checks",7} {"all cleared s",14} {"checks/s",9} {"storage ops/workflow",21} {"not cleared",12}");
        var run = 0;
        foreach (var n in counts)
        {
            run++;
            var before = await StorageTotalAsync(clients);
            var sessions = Enumerable.Range(0, n).Select(i => (Session: $"r{run}-s{i}", Host: $"h{1 + (i % hosts)}")).ToArray();
            var start = DateTimeOffset.UtcNow.AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
            var clock = Stopwatch.StartNew();
            var options = new ParallelOptions { MaxDegreeOfParallelism = 32 };
            await Parallel.ForEachAsync(sessions.Select((s, i) => (s.Session, s.Host, Client: clients[i % hostCount])), options, async (s, ct) =>
                (await s.Client.PostAsJsonAsync($"api/live-sessions/{s.Session}/pre-live-checks",
                    new { roomId = "room-" + s.Session, merchantId = "m1", hostIds = new[] { s.Host }, scheduledStart = start }, ct)).EnsureSuccessStatusCode());
            await Parallel.ForEachAsync(sessions.Select((s, i) => (s.Session, s.Host, Client: clients[(i + 1) % hostCount])), options, async (s, ct) =>
                (await SimulatedProvider.AnswerAsync(s.Client, s.Session, s.Host, "match", 0.95)).EnsureSuccessStatusCode());

            var pending = sessions.Select(s => s.Session).ToList();
            var notCleared = 0;
            while (pending.Count > 0 && clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                var still = new System.Collections.Concurrent.ConcurrentBag<string>();
                await Parallel.ForEachAsync(pending, options, async (session, ct) =>
                {
                    var status = (await client.GetFromJsonAsync<JsonElement>($"api/live-sessions/{session}/pre-live-checks", ct)).GetProperty("status").GetString();
                    if (status == "pending")
                    {
                        still.Add(session);
                    }
                    else if (status != "cleared")
                    {
                        Interlocked.Increment(ref notCleared);
                    }
                });
                pending = [.. still];
                if (pending.Count > 0)
                {
                    await Task.Delay(100);
                }
            }

            clock.Stop();
            var operations = await StorageTotalAsync(clients) - before;
            Console.WriteLine($"{n,7} {clock.Elapsed.TotalSeconds,14:F1} {n / clock.Elapsed.TotalSeconds,9:F0} {(double)operations / n,21:F1} {notCleared + pending.Count,12}");
        }

        Console.WriteLine("storage ops/workflow counts the app's own storage requests while the run lasted (the start, the result, the status polls and the activities' writes); the engine's history, queue and lease traffic is not counted.");
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }

        return 0;
    }

    private static async Task<long> StorageTotalAsync(HttpClient[] clients)
    {
        long total = 0;
        foreach (var client in clients)
        {
            total += (await client.GetFromJsonAsync<JsonElement>("_local/storage-requests")).GetProperty("total").GetInt64();
        }

        return total;
    }

    private static string Person(int n)
    {
        var body = $"330106{1970 + (n % 30):0000}{1 + (n % 12):00}{1 + (n / 12 % 28):00}{n / 336 % 1000:000}";
        return body + ResidentIdNumber.ComputeCheckCharacter(body);
    }
}
