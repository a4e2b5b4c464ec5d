using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LiveCommerce.Bench;

/// <summary>Closed-loop HTTP load: N clients, each sending its next request when the last one answers.</summary>
internal static partial class HttpLoad
{
    public sealed record Figures(int Clients, int Requests, int Failures, double PerSecond, double P50Ms, double P99Ms, double RoundTripsPerRequest);

    public static async Task<Figures> RunAsync(int clients, TimeSpan duration, Func<int, long, HttpClient, Task<HttpResponseMessage>> send, IReadOnlyList<HttpClient> pool)
    {
        var latencies = new List<double>[clients];
        var failures = 0;
        long roundTrips = 0, counted = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            latencies[c] = [];
            for (long i = 0; Stopwatch.GetTimestamp() < stopAt; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await send(c, i, pool[c % pool.Count]);
                await response.Content.LoadIntoBufferAsync();
                latencies[c].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }

                if (RoundTrips(response) is { } trips)
                {
                    Interlocked.Add(ref roundTrips, trips);
                    Interlocked.Increment(ref counted);
                }
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Figures(clients, all.Length, failures, all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), counted == 0 ? double.NaN : (double)roundTrips / counted);
    }

    public static int? RoundTrips(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Server-Timing", out var values) && values.Select(v => RoundTripsPattern().Match(v)).FirstOrDefault(m => m.Success) is { } match
            ? int.Parse(match.Groups[1].Value)
            : null;

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    [GeneratedRegex("(\\d+) round trips")]
    private static partial Regex RoundTripsPattern();
}
