using System.Net.Http.Json;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Testing;

namespace LiveCommerce.Bench.Identity;

/// <summary>
/// Qualification checks per second and p50/p99 latency through HTTP on the local host with Azurite, at 1, 8 and 32
/// concurrent clients, with storage round trips per check read from each response's Server-Timing header; every
/// request carries a development bearer token. In the same run: Azurite's own rate for the check's storage
/// operations at 8 clients (<see cref="StorageBaseline"/>), the target's yardstick, and the cost of token validation.
/// </summary>
internal sealed class QualificationBench : IBenchCommand
{
    public string Name => "qualification";

    public string Description => "host/merchant qualification checks through HTTP: checks/s, p50/p99, storage round trips (--seconds N, --clients 1,8,32)";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchArgs.Int(args, "--seconds", 10);
        var clientCounts = BenchArgs.Ints(args, "--clients", [1, 8, 32]);
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" });
        var pool = Enumerable.Range(0, 32).Select(_ => host.CreateClient("bench-platform")).ToList();

        // A known population: the hot path re-checks people the platform has verified before (pre-live, re-verification).
        var people = Enumerable.Range(0, 2000).Select(i => Person(1970 + (i % 30), i)).ToArray();
        var merchants = Enumerable.Range(0, 200).Select(_ => CreditCodes.Next()).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, people.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            (await pool[i % pool.Count].PostAsJsonAsync($"api/hosts/h{i}/qualification-checks", HostBody(people[i]), ct)).EnsureSuccessStatusCode());

        Console.WriteLine($"qualification checks through HTTP, local host (Release) on Azurite {seconds} s per run, 2 warm-up s; {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"kind",-22} {"clients",7} {"checks",7} {"checks/s",9} {"p50 ms",7} {"p99 ms",7} {"round trips/check",18} {"failures",8}");
        await HttpLoad.RunAsync(8, TimeSpan.FromSeconds(2), HostCheck, pool);
        foreach (var clients in clientCounts)
        {
            Print("host, known person", await HttpLoad.RunAsync(clients, TimeSpan.FromSeconds(seconds), HostCheck, pool));
        }

        // The same run's yardstick: Azurite's own rate for a check's storage operations, without the service.
        var baseline = await StorageBaseline.RunAsync(azurite.ConnectionString, 8, TimeSpan.FromSeconds(seconds));
        Print("azurite: read + tx", baseline);
        var service = await HttpLoad.RunAsync(8, TimeSpan.FromSeconds(seconds), HostCheck, pool);
        Print("host, known person", service);
        Console.WriteLine(
            $"target at 8 clients: checks/s >= 60% of Azurite's rate: {service.PerSecond / baseline.PerSecond:P0} ({(service.PerSecond >= 0.6 * baseline.PerSecond ? "met" : "NOT met")}); " +
            $"p99 < 3x Azurite's p99: {service.P99Ms / baseline.P99Ms:F1}x ({(service.P99Ms < 3 * baseline.P99Ms ? "met" : "NOT met")})");
        Console.WriteLine($"token validation (HS256 development token, JsonWebTokenHandler, in process): {await StorageBaseline.TokenValidationMicrosecondsAsync():F1} µs per request");

        Print("host, new person", await HttpLoad.RunAsync(8, TimeSpan.FromSeconds(seconds), (c, i, client) =>
            client.PostAsJsonAsync($"api/hosts/new-{c}-{i}/qualification-checks", HostBody(Person(1960 + c, 100_000 + (int)(i % 800_000)))), pool));
        Print("merchant", await HttpLoad.RunAsync(8, TimeSpan.FromSeconds(seconds), (c, i, client) =>
            client.PostAsJsonAsync($"api/merchants/m{c}/qualification-checks", new
            {
                legalName = "示例商贸有限公司",
                creditCode = merchants[(int)((c * 7919 + i) % merchants.Length)],
                legalRepresentative = new { name = "代表" + (i % 2000), idNumber = people[(int)((c * 31 + i) % people.Length)] },
                categories = new[] { "general", "food" },
                licences = new[] { new { type = "food_business_licence", number = "JY1", validFrom = "2025-01-01", validTo = "2030-12-31" } },
            }), pool));
        return 0;

        Task<HttpResponseMessage> HostCheck(int c, long i, HttpClient client)
        {
            var n = (int)((c * 7919 + i * 13) % people.Length);
            return client.PostAsJsonAsync($"api/hosts/h{n}/qualification-checks", HostBody(people[n]));
        }
    }

    private static object HostBody(string id) => new { name = "主播" + id[^4..], idNumber = id };

    private static string Person(int year, int n)
    {
        var body = $"330106{year:0000}{1 + (n % 12):00}{1 + (n / 12 % 28):00}{n / 336 % 1000:000}";
        return body + ResidentIdNumber.ComputeCheckCharacter(body);
    }

    private static void Print(string kind, HttpLoad.Figures f) =>
        Console.WriteLine($"{kind,-22} {f.Clients,7} {f.Requests,7} {f.PerSecond,9:F0} {f.P50Ms,7:F1} {f.P99Ms,7:F1} {f.RoundTripsPerRequest,18:F2} {f.Failures,8}");
}
