using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Testing;

namespace LiveCommerce.Bench.Events;

/// <summary>
/// Webhook deliveries end to end: N qualification checks through HTTP each publish one <c>qualification.decided</c>
/// event; a receiver in this process (HttpListener on loopback) verifies each signature; the figures are deliveries/s
/// and the time from the event (its <c>occurredAt</c>) to its arrival at the receiver, p50/p99.
/// </summary>
internal sealed class WebhooksBench : IBenchCommand
{
    public string Name => "webhooks";

    public string Description => "signed webhook deliveries to a local receiver: deliveries/s, p50/p99 event-to-delivery (--count N, --clients C)";

    public async Task<int> RunAsync(string[] args)
    {
        var count = BenchArgs.Int(args, "--count", 10_000);
        var clients = BenchArgs.Int(args, "--clients", 16);
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" });
        await using var receiver = new WebhookReceiver(concurrency: 32);
        using var admin = host.CreateClient("bench-platform", "compliance.admin");
        var endpoint = await (await admin.PutAsJsonAsync("api/webhook-endpoints/bench", new { url = receiver.Url, events = new[] { "qualification.decided" } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        receiver.Secrets.Add(endpoint.GetProperty("secret").GetString()!);

        var pool = Enumerable.Range(0, clients).Select(_ => host.CreateClient("bench-platform")).ToList();
        var watch = Stopwatch.StartNew();
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, ct) =>
        {
            using var response = await pool[i % clients].PostAsJsonAsync($"api/hosts/h{i}/qualification-checks", new { name = "主播" + i, idNumber = Person(i) }, ct);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
            }
        });
        var published = watch.Elapsed;

        var received = await receiver.WaitForAsync(r => r.Select(x => x.EventId).Distinct().Count() >= count - failures, TimeSpan.FromMinutes(60));
        var delivered = received.Where(r => r.AnsweredStatus is >= 200 and < 300).GroupBy(r => r.EventId).Select(g => g.OrderBy(r => r.ReceivedAt).First()).ToList();
        var latencies = delivered.Select(r => (r.ReceivedAt - r.Body.GetProperty("occurredAt").GetDateTimeOffset()).TotalMilliseconds).Order().ToList();
        var span = delivered.Count == 0 ? TimeSpan.Zero : delivered.Max(r => r.ReceivedAt) - delivered.Min(r => r.Body.GetProperty("occurredAt").GetDateTimeOffset());

        Console.WriteLine($"webhooks: {count} qualification checks through HTTP ({clients} clients) on the local host (Release) with Azurite; {Environment.ProcessorCount} cores");
        Console.WriteLine($"checks published in {published.TotalSeconds:F1} s ({count / published.TotalSeconds:F0}/s), {failures} failed");
        Console.WriteLine($"delivered {delivered.Count}/{count - failures} events in {span.TotalSeconds:F1} s from the first event: {delivered.Count / Math.Max(0.001, span.TotalSeconds):F1} deliveries/s");
        Console.WriteLine($"event to delivery: p50 {Pct(latencies, 0.50):F0} ms, p99 {Pct(latencies, 0.99):F0} ms, max {(latencies.Count == 0 ? 0 : latencies[^1]):F0} ms");
        Console.WriteLine($"duplicates (same event received twice): {received.Count - received.Select(r => r.EventId).Distinct().Count()}, bad signatures: {received.Count(r => !r.SignatureValid)}");
        return delivered.Count == count - failures ? 0 : 1;
    }

    private static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Person(int n)
    {
        var body = $"330106{1970 + n % 30:0000}{1 + (n % 12):00}{1 + (n / 12 % 28):00}{n / 336 % 1000:000}";
        return body + ResidentIdNumber.ComputeCheckCharacter(body);
    }
}
