using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Testing;

namespace LiveCommerce.Bench.Cases;

/// <summary>
/// Opens N review cases (a public figure's check answers manual_review, which opens one) and decides every one through
/// HTTP on the local host with Azurite: cases/s and p50/p99 of each phase, and end to end.
/// </summary>
internal sealed class CasesBench : IBenchCommand
{
    public string Name => "cases";

    public string Description => "opens and decides N review cases through HTTP: cases/s, p50/p99 per phase (--count 10000, --clients 8)";

    public async Task<int> RunAsync(string[] args)
    {
        var count = BenchArgs.Int(args, "--count", 10_000);
        var clients = BenchArgs.Int(args, "--clients", 8);
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["RateLimits:PermitsPerSecond"] = "100000", // the bench measures the service, not the per-platform limit
            ["RateLimits:Burst"] = "100000",
        });
        const string platform = "bench-cases";
        var platformApi = Enumerable.Range(0, clients).Select(_ => host.CreateClient(platform)).ToList();
        var reviewers = Enumerable.Range(0, clients).Select(c => host.CreateClientAs(platform, $"reviewer-{c}", "compliance.reviewer")).ToList();

        Console.WriteLine($"review cases through HTTP, local host (Release) on Azurite; {count} cases, {clients} clients, {Environment.ProcessorCount} cores");
        var total = Stopwatch.StartNew();
        var open = await PhaseAsync(count, clients, (c, i) => platformApi[c].PostAsJsonAsync($"api/hosts/h{i}/qualification-checks",
            new { name = "明星" + i, idNumber = Person(i), isPublicFigure = true }));
        Print("open (check -> case)", open);

        var caseIds = new List<string>(count);
        string? continuation = null;
        var listing = Stopwatch.StartNew();
        do
        {
            var page = await reviewers[0].GetFromJsonAsync<JsonElement>($"api/review-cases?status=open&limit=1000{(continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation))}");
            caseIds.AddRange(page.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetString()!));
            continuation = page.TryGetProperty("continuation", out var next) ? next.GetString() : null;
        }
        while (continuation is not null);
        Console.WriteLine($"{"list open cases",-24} {caseIds.Count,7} cases in {listing.Elapsed.TotalSeconds:F1} s (pages of 1,000)");

        var decide = await PhaseAsync(caseIds.Count, clients, (c, i) => reviewers[c].PostAsJsonAsync($"api/review-cases/{caseIds[(int)i]}/decision",
            new { decision = "approved", reasonCodes = Array.Empty<string>(), note = "bench" }));
        Print("decide (approve)", decide);
        Console.WriteLine($"{"end to end",-24} {caseIds.Count,7} cases opened and decided in {total.Elapsed.TotalSeconds:F1} s: {caseIds.Count / total.Elapsed.TotalSeconds:F0} cases/s");
        return open.Failures + decide.Failures == 0 && caseIds.Count == count ? 0 : 1;
    }

    private sealed record Phase(int Requests, int Failures, double PerSecond, double P50, double P99);

    /// <summary>N requests spread over the clients, each client sending its next when the last answers.</summary>
    private static async Task<Phase> PhaseAsync(int n, int clients, Func<int, long, Task<HttpResponseMessage>> send)
    {
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        long next = -1;
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            for (var i = Interlocked.Increment(ref next); i < n; i = Interlocked.Increment(ref next))
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await send(c, i);
                await response.Content.LoadIntoBufferAsync();
                latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (!response.IsSuccessStatusCode && Interlocked.Increment(ref failures) <= 3)
                {
                    Console.WriteLine($"  failure {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        var sorted = latencies.Order().ToArray();
        return new Phase(sorted.Length, failures, sorted.Length / started.Elapsed.TotalSeconds, HttpLoad.Percentile(sorted, 0.5), HttpLoad.Percentile(sorted, 0.99));
    }

    private static void Print(string phase, Phase p) =>
        Console.WriteLine($"{phase,-24} {p.Requests,7} requests {p.PerSecond,7:F0}/s  p50 {p.P50,6:F1} ms  p99 {p.P99,7:F1} ms  failures {p.Failures}");

    private static string Person(long n)
    {
        var body = $"330106{1970 + n % 30:0000}{1 + (n % 12):00}{1 + (n / 12 % 28):00}{n / 336 % 1000:000}";
        return body + ResidentIdNumber.ComputeCheckCharacter(body);
    }
}
