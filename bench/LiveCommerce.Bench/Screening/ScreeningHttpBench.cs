using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveCommerce.Testing;

namespace LiveCommerce.Bench.Screening;

/// <summary>
/// A full 10,000-item screening request through HTTP on the local host (Azurite): latency percentiles over repeated
/// requests against a negative list made from the keyword file, with items cut from the corpus file.
/// </summary>
internal sealed class ScreeningHttpBench : IBenchCommand
{
    // UTF-8 as platforms send it, not \uXXXX escapes (which would triple the body of Chinese text).
    private static readonly JsonSerializerOptions Utf8Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "screening-http";

    public string Description => "10,000-item screening requests through HTTP: p50/p99 latency (--keywords FILE --corpus FILE [--requests 40] [--items 10000])";

    public async Task<int> RunAsync(string[] args)
    {
        var keywordsFile = BenchArgs.String(args, "--keywords");
        var corpusFile = BenchArgs.String(args, "--corpus");
        if (keywordsFile is null || corpusFile is null)
        {
            Console.Error.WriteLine("screening-http needs --keywords FILE and --corpus FILE (see README, Benchmarks).");
            return 2;
        }

        var requests = BenchArgs.Int(args, "--requests", 40);
        var itemCount = BenchArgs.Int(args, "--items", 10_000);
        var keywords = File.ReadLines(keywordsFile).Where(l => l.Length is > 0 and <= 100).Distinct().ToList();
        var listings = File.ReadLines(corpusFile).Where(l => l.Length > 0).Take(itemCount * 4).ToList();

        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" });
        using var client = host.CreateClient("bench-platform");
        client.Timeout = TimeSpan.FromMinutes(2);

        var entries = keywords.Select((k, i) => i % 5 == 0
            ? (object)new { term = k, category = "restricted", severity = "restricted", requiredLicence = "food_business_licence" }
            : new { term = k, category = "prohibited", severity = "prohibited" });
        (await client.PutAsJsonAsync("api/negative-lists/reference", new { entries })).EnsureSuccessStatusCode();

        // Several distinct bodies, so nothing downstream can answer from a cache of the exact request.
        var bodies = Enumerable.Range(0, 4).Select(variant =>
        {
            var items = Enumerable.Range(0, itemCount).Select(i =>
            {
                var listing = listings[(i + (variant * itemCount)) % listings.Count];
                return new { sku = $"sku-{variant}-{i}", title = listing[..Math.Min(60, listing.Length)], description = listing.Length > 60 ? listing[60..Math.Min(listing.Length, 10_000)] : null };
            });
            return JsonSerializer.Serialize(new { listId = "reference", items }, Utf8Json);
        }).ToList();

        var latencies = new List<double>();
        var bytes = 0L;
        for (var i = -3; i < requests; i++)
        {
            var body = bodies[(i + 4) % bodies.Count];
            var clock = Stopwatch.StartNew();
            using var response = await client.PostAsync("api/product-screenings", new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = await response.Content.ReadAsByteArrayAsync();
            clock.Stop();
            response.EnsureSuccessStatusCode();
            if (i >= 0)
            {
                latencies.Add(clock.Elapsed.TotalMilliseconds);
                bytes += answer.Length;
            }
        }

        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"screening through HTTP: {keywords.Count:N0}-term list, {itemCount:N0} items per request ({Encoding.UTF8.GetByteCount(bodies[0]) / 1e6:F1} MB body), {requests} requests after 3 warm-up; {Environment.ProcessorCount} cores");
        Console.WriteLine($"p50 {HttpLoad.Percentile(sorted, 0.50):F0} ms   p99 {HttpLoad.Percentile(sorted, 0.99):F0} ms   max {sorted[^1]:F0} ms   mean response {bytes / (double)requests / 1e6:F1} MB");
        return 0;
    }
}
