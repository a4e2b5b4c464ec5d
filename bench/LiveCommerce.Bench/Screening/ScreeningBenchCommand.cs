using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using LiveCommerce.Domain.Screening;

namespace LiveCommerce.Bench.Screening;

/// <summary>
/// Negative-list scan throughput: our matcher in normalised and exact mode against .NET's SearchValues&lt;string&gt;
/// (Ordinal) on the same keywords and listings, then the evasion pass alone (its matcher over the terms' generated
/// spellings) and the whole screen (both passes, classification and the word-boundary check, as the API runs it).
/// MB = 10^6 bytes of UTF-16 text (2 bytes per char).
/// </summary>
public sealed class ScreeningBenchCommand : IBenchCommand
{
    public string Name => "screening";

    public string Description => "negative-list scan MB/s, listings/s, build time, memory (--keywords FILE --corpus FILE)";

    public Task<int> RunAsync(string[] args)
    {
        var options = ScreeningBenchOptions.Parse(args);
        if (options is null)
        {
            return Task.FromResult(2);
        }

        Console.OutputEncoding = Encoding.UTF8;
        PrintMachine();
        var keywords = File.ReadAllLines(options.KeywordsPath, Encoding.UTF8).Select(l => l.Trim()).Where(l => l.Length > 0)
            .Distinct(StringComparer.Ordinal).ToArray();
        var listings = File.ReadAllLines(options.CorpusPath, Encoding.UTF8).Where(l => l.Length > 0).ToArray();
        string text = string.Join('\n', listings) + "\n";
        long listingChars = listings.Sum(l => (long)l.Length);
        Console.WriteLine($"data: {keywords.Length:N0} keywords (avg {keywords.Average(k => k.Length):F2} chars) from {options.KeywordsPath}; " +
                          $"{listings.Length:N0} listings (avg {listingChars / (double)listings.Length:F0} chars), one buffer of {text.Length:N0} chars = {text.Length * 2 / 1e6:F1} MB UTF-16, from {options.CorpusPath}");
        Console.WriteLine($"runs: iters={options.Iterations} (median and best), parallel threads={options.Threads}; MB = 10^6 bytes of UTF-16 text (2 bytes/char)");
        Console.WriteLine();

        var engines = new List<IScanEngine>
        {
            new MatcherEngine(MatchMode.Normalised),
            new MatcherEngine(MatchMode.Exact),
            new SearchValuesEngine(),
            new EvasionPassEngine(),
            new ScreenEngine(),
        }.Where(e => options.EngineFilter is null || options.EngineFilter.Any(f => e.Name.Contains(f, StringComparison.OrdinalIgnoreCase))).ToList();

        var results = new List<EngineResult>();
        foreach (var engine in engines)
        {
            results.Add(Measure(engine, keywords, listings, text, listingChars, options));
        }

        Console.WriteLine();
        Console.WriteLine($"| engine | build ms | heap after build MB | one thread, one buffer MB/s median / best | same per CPU-second median / best | one thread, per listing MB/s median / best | listings/s (one thread, median) | all {options.Threads} threads MB/s median / best | listings/s (all threads, median) | allocated by a pass over all listings | hits (buffer) | counts |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            Console.WriteLine($"| {r.Engine} | {r.BuildMs:F0} | {r.HeapMB:F1} | {r.Buffer.Median:F0} / {r.Buffer.Best:F0} | {r.BufferCpu.Median:F0} / {r.BufferCpu.Best:F0} | {r.Listings.Median:F0} / {r.Listings.Best:F0} | " +
                              $"{r.ListingsPerSecond:N0} | {r.Parallel.Median:F0} / {r.Parallel.Best:F0} | {r.ParallelListingsPerSecond:N0} | {r.AllocatedBytes:N0} B | {r.Hits:N0} | {r.Semantics} |");
        }

        Console.WriteLine("(per CPU-second: the scanning thread's own CPU time instead of wall time, so other processes on a shared machine distort it less; n/a where the OS clock is unavailable)");

        CrossCheck(keywords, text);
        if (options.BuildTerms > 0)
        {
            MeasureLargeBuild(keywords, options.BuildTerms);
        }

        using var process = Process.GetCurrentProcess();
        Console.WriteLine();
        Console.WriteLine($"process: peak working set {process.PeakWorkingSet64 / 1e6:F0} MB, GC heap now {GC.GetTotalMemory(false) / 1e6:F0} MB, " +
                          $"gen0/1/2 collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        return Task.FromResult(0);
    }

    private static EngineResult Measure(IScanEngine engine, string[] keywords, string[] listings, string text, long listingChars, ScreeningBenchOptions options)
    {
        Console.Write($"{engine.Name}: build ... ");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long heapBefore = GC.GetTotalMemory(true);
        var watch = Stopwatch.StartNew();
        engine.Build(keywords);
        watch.Stop();
        double buildMs = watch.Elapsed.TotalMilliseconds;
        double heapMB = (GC.GetTotalMemory(true) - heapBefore) / 1e6;
        Console.Write($"{buildMs:F0} ms; ");

        // Warm-up: many short calls so that tiered JIT (with PGO) settles on optimised code before timing.
        for (int round = 0; round < 3; round++)
        {
            foreach (string listing in listings)
            {
                engine.Count(listing);
            }

            Thread.Sleep(200);
        }

        long hits = engine.Count(text);

        // Bytes allocated by one pass over every listing (the hot path should allocate nothing).
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        foreach (string listing in listings)
        {
            engine.Count(listing);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        var (buffer, bufferCpu) = RatesWithCpu(options.Iterations, text.Length, () => engine.Count(text));
        var perListing = Rates(options.Iterations, listingChars, () =>
        {
            foreach (string listing in listings)
            {
                engine.Count(listing);
            }
        });
        Console.Write($"buffer {buffer.Median:F0} MB/s; listings {perListing.Median:F0} MB/s; ");

        var parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = options.Threads };
        var parallel = Rates(options.Iterations, listingChars, () =>
            Parallel.ForEach(Partitioner.Create(0, listings.Length, 512), parallelOptions, range =>
            {
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    engine.Count(listings[i]);
                }
            }));
        Console.WriteLine($"parallel {parallel.Median:F0} MB/s");

        double listingsPerSecond = listings.Length / (listingChars * 2 / 1e6 / perListing.Median);
        double parallelListingsPerSecond = listings.Length / (listingChars * 2 / 1e6 / parallel.Median);
        return new EngineResult(engine.Name, engine.Semantics, buildMs, heapMB, buffer, bufferCpu, perListing, listingsPerSecond, parallel, parallelListingsPerSecond, allocated, hits);
    }

    /// <summary>Like <see cref="Rates"/>, also by the calling thread's CPU time (single-threaded runs only).</summary>
    private static (Rate Wall, Rate Cpu) RatesWithCpu(int iterations, long chars, Action run)
    {
        var wall = new List<double>(iterations);
        var cpu = new List<double>(iterations);
        for (int i = 0; i < iterations; i++)
        {
            double? cpuBefore = ThreadCpuClock.Seconds();
            var watch = Stopwatch.StartNew();
            run();
            watch.Stop();
            double? cpuAfter = ThreadCpuClock.Seconds();
            wall.Add(chars * 2 / watch.Elapsed.TotalSeconds / 1e6);
            cpu.Add(cpuBefore is null || cpuAfter is null ? double.NaN : chars * 2 / (cpuAfter.Value - cpuBefore.Value) / 1e6);
        }

        wall.Sort();
        cpu.Sort();
        return (new Rate(wall[wall.Count / 2], wall[^1]), new Rate(cpu[cpu.Count / 2], cpu[^1]));
    }

    /// <summary>MB/s of each of <paramref name="iterations"/> runs of <paramref name="run"/> over <paramref name="chars"/> chars.</summary>
    private static Rate Rates(int iterations, long chars, Action run)
    {
        var rates = new List<double>(iterations);
        for (int i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            watch.Stop();
            rates.Add(chars * 2 / watch.Elapsed.TotalSeconds / 1e6);
        }

        rates.Sort();
        return new Rate(rates[rates.Count / 2], rates[^1]);
    }

    // Exact mode must find every position SearchValues finds (it also reports which keyword, and all of them).
    private static void CrossCheck(string[] keywords, string text)
    {
        string slice = text[..Math.Min(text.Length, 1_000_000)];
        var exact = NegativeListMatcher.Build(keywords.Select(k => new NegativeListEntry(k, "bench", Severity.Prohibited)).ToList(), MatchMode.Exact);
        var normalised = NegativeListMatcher.Build(keywords.Select(k => new NegativeListEntry(k, "bench", Severity.Prohibited)).ToList());
        var exactMatches = new List<TermMatch>();
        var normalisedMatches = new List<TermMatch>();
        exact.FindAll(slice, exactMatches);
        normalised.FindAll(slice, normalisedMatches);
        var exactStarts = exactMatches.Select(m => m.Start).ToHashSet();
        var searchValuesStarts = SearchValuesEngine.Starts(SearchValues.Create(keywords, StringComparison.Ordinal), slice);
        bool wordsAgree = exactMatches.All(m => string.CompareOrdinal(slice, m.Start, keywords[m.EntryIndex], 0, m.Length) == 0 && keywords[m.EntryIndex].Length == m.Length);
        Console.WriteLine();
        Console.WriteLine($"check on the first {slice.Length:N0} chars: exact mode {exactMatches.Count:N0} occurrences at {exactStarts.Count:N0} starts, " +
                          $"SearchValues {searchValuesStarts.Count:N0} starts: {(exactStarts.SetEquals(searchValuesStarts) ? "same start positions" : "start positions DIFFER")}; " +
                          $"every exact match spells its keyword: {wordsAgree}; normalised mode {normalisedMatches.Count:N0} occurrences " +
                          $"({normalisedMatches.Count(m => !exactStarts.Contains(m.Start)):N0} at starts exact mode does not see)");
    }

    // The build-time target is for a list of 100,000 terms; derive that many distinct terms from the keywords.
    private static void MeasureLargeBuild(string[] keywords, int count)
    {
        var terms = new HashSet<string>(keywords, StringComparer.Ordinal);
        for (int i = 0; terms.Count < count; i++)
        {
            terms.Add(keywords[i % keywords.Length] + keywords[(i * 7919 + 1) % keywords.Length][..1] + (i / keywords.Length % 10).ToString(CultureInfo.InvariantCulture));
        }

        var entries = terms.Take(count).Select(t => new NegativeListEntry(t, "bench", Severity.Prohibited)).ToList();
        Console.WriteLine();
        foreach (var mode in new[] { MatchMode.Normalised, MatchMode.Exact })
        {
            NegativeListMatcher.Build(entries.Take(1000).ToList(), mode); // warm the code paths
            var times = BuildTimes(() => NegativeListMatcher.Build(entries, mode));
            Console.WriteLine($"build of {entries.Count:N0} terms (avg {entries.Average(e => e.Term.Length):F1} chars), first pass {mode}: median {times[1]:F0} ms, best {times[0]:F0} ms");
        }

        NegativeListScreen.Build(entries.Take(1000).ToList());
        int variants = 0;
        var screenTimes = BuildTimes(() => variants = NegativeListScreen.Build(entries).VariantCount);
        Console.WriteLine($"build of {entries.Count:N0} terms, whole screen (first pass + evasion pass over {variants:N0} spellings): median {screenTimes[1]:F0} ms, best {screenTimes[0]:F0} ms");
    }

    private static List<double> BuildTimes(Action build)
    {
        var times = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            build();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times;
    }

    private static void PrintMachine()
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        Console.WriteLine($"machine: {cpu}; logical cores={Environment.ProcessorCount}; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; " +
                          $"Vector256={Vector256.IsHardwareAccelerated} Vector512={Vector512.IsHardwareAccelerated}");
    }

    private sealed record Rate(double Median, double Best);

    private sealed record EngineResult(string Engine, string Semantics, double BuildMs, double HeapMB, Rate Buffer, Rate BufferCpu, Rate Listings,
        double ListingsPerSecond, Rate Parallel, double ParallelListingsPerSecond, long AllocatedBytes, long Hits);

    private interface IScanEngine
    {
        string Name { get; }

        string Semantics { get; }

        void Build(string[] keywords);

        long Count(string text);
    }

    private sealed class MatcherEngine(MatchMode mode) : IScanEngine
    {
        private NegativeListMatcher? _matcher;

        public string Name => $"NegativeListMatcher {mode}";

        public string Semantics => mode == MatchMode.Exact
            ? "all (keyword, position) occurrences, overlapping"
            : "all occurrences after normalisation (finds more: traditional, full-width, case, noise)";

        public void Build(string[] keywords) =>
            _matcher = NegativeListMatcher.Build(keywords.Select(k => new NegativeListEntry(k, "bench", Severity.Prohibited)).ToList(), mode);

        public long Count(string text) => _matcher!.Count(text);
    }

    /// <summary>The second pass alone: its matcher over every term's spellings, before classification (allocation-free).</summary>
    private sealed class EvasionPassEngine : IScanEngine
    {
        private NegativeListScreen? _screen;

        public string Name => "Evasion pass (second pass alone)";

        public string Semantics => "candidate occurrences of the terms' spellings (pinyin, initials, splits, numerals) under the evasion fold, before classification";

        public void Build(string[] keywords) =>
            _screen = NegativeListScreen.Build(keywords.Select(k => new NegativeListEntry(k, "bench", Severity.Prohibited)).ToList());

        public long Count(string text) => _screen!.CountEvasionCandidates(text);
    }

    /// <summary>What the API runs per field: both passes, classification, word boundaries, one match list.</summary>
    private sealed class ScreenEngine : IScanEngine
    {
        private NegativeListScreen? _screen;

        [ThreadStatic]
        private static List<ScreenMatch>? _found;

        public string Name => "NegativeListScreen (both passes + classification)";

        public string Semantics => "reported matches: primary ones not two words, plus classified evasion ones";

        public void Build(string[] keywords) =>
            _screen = NegativeListScreen.Build(keywords.Select(k => new NegativeListEntry(k, "bench", Severity.Prohibited)).ToList());

        public long Count(string text)
        {
            var found = _found ??= [];
            found.Clear();
            _screen!.FindAll(text, found);
            return found.Count;
        }
    }

    private sealed class SearchValuesEngine : IScanEngine
    {
        private SearchValues<string>? _values;

        public string Name => "SearchValues<string> Ordinal";

        public string Semantics => "distinct match start positions (does not say which keyword)";

        public void Build(string[] keywords) => _values = SearchValues.Create(keywords, StringComparison.Ordinal);

        public long Count(string text)
        {
            ReadOnlySpan<char> span = text;
            long count = 0;
            for (int at = 0; at < span.Length;)
            {
                int found = span[at..].IndexOfAny(_values!);
                if (found < 0)
                {
                    break;
                }

                count++;
                at += found + 1;
            }

            return count;
        }

        public static HashSet<int> Starts(SearchValues<string> values, string text)
        {
            var starts = new HashSet<int>();
            ReadOnlySpan<char> span = text;
            for (int at = 0; at < span.Length;)
            {
                int found = span[at..].IndexOfAny(values);
                if (found < 0)
                {
                    break;
                }

                starts.Add(at + found);
                at += found + 1;
            }

            return starts;
        }
    }
}

/// <summary>CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID); null where unavailable.</summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeClock = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    public static double? Seconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return ClockGetTime(ThreadCpuTimeClock, out var time) == 0 ? time.Seconds + (time.Nanoseconds / 1e9) : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
    }
}

internal sealed class ScreeningBenchOptions
{
    public required string KeywordsPath { get; init; }

    public required string CorpusPath { get; init; }

    public int Iterations { get; init; } = 7;

    public int Threads { get; init; } = Environment.ProcessorCount;

    public int BuildTerms { get; init; } = 100_000;

    public string[]? EngineFilter { get; init; }

    public static ScreeningBenchOptions? Parse(string[] args)
    {
        string? keywords = null, corpus = null;
        int iterations = 7, threads = Environment.ProcessorCount, buildTerms = 100_000;
        string[]? engines = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--keywords": keywords = Value(); break;
                case "--corpus": corpus = Value(); break;
                case "--iters": iterations = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--build-terms": buildTerms = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--engines": engines = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    keywords = null;
                    i = args.Length;
                    break;
            }
        }

        if (keywords is null || corpus is null)
        {
            Console.Error.WriteLine("usage: screening --keywords FILE --corpus FILE [--iters N (7)] [--threads N (cores)] [--build-terms N (100000; 0 = skip)] [--engines normalised,exact,searchvalues,evasion,screen]");
            Console.Error.WriteLine("  FILEs are UTF-8, one keyword / one listing per line. Reference data: see /work/shared/bench/screening-reference (--dump DIR).");
            return null;
        }

        return new ScreeningBenchOptions { KeywordsPath = keywords, CorpusPath = corpus, Iterations = iterations, Threads = threads, BuildTerms = buildTerms, EngineFilter = engines };
    }
}
