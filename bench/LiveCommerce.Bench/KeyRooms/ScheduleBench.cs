using System.Diagnostics;
using System.Globalization;
using LiveCommerce.Domain;
using LiveCommerce.Domain.KeyRooms;
using NodaTime;

namespace LiveCommerce.Bench.KeyRooms;

/// <summary>
/// <c>schedule [--seed N] [--sessions N] [--inspectors N] [--slot-minutes N] [--runs N] [--time-limit S] [--workers N]
/// [--days N]</c>: plans one generated day of live sessions and prints time, coverage against the upper bound, and
/// memory; then each path on its own (the fast path, CP-SAT) with coverage, bound, optimality and time. With
/// <c>--days N</c>, also the next N seeds' days, one line each.
/// </summary>
public sealed class ScheduleBench : IBenchCommand
{
    public string Name => "schedule";

    public string Description => "plan inspectors for a generated day (10,000 sessions, 500 inspectors)";

    public Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var request = InspectionDayGenerator.Generate(options.Seed, options.Sessions, options.Inspectors, options.SlotMinutes);
        var keySessions = request.Sessions.Count(s => s.Tier == Tier.Key);
        Console.WriteLine(
            $"seed {options.Seed}: {request.Sessions.Count:N0} sessions ({keySessions:N0} key) in "
            + $"{request.Sessions.Select(s => s.RoomId).Distinct().Count():N0} rooms, {request.Inspectors.Count} inspectors, "
            + $"{options.SlotMinutes}-minute slots");

        var settings = new ExactSolverSettings(TimeLimit: options.TimeLimit, Workers: options.Workers);
        SchedulePlan? plan = null;
        var times = new List<double>();
        for (var run = 0; run < options.Runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            plan = InspectionScheduler.Plan(request, settings);
            stopwatch.Stop();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        var coverage = plan!.Coverage;
        Console.WriteLine(
            $"time: first run {times[0]:F0} ms"
            + (times.Count > 1 ? $", later runs median {Median(times.Skip(1)):F0} ms (n={times.Count - 1})" : string.Empty));
        Console.WriteLine(
            $"coverage: {coverage.KeySessionsCovered:N0} of {coverage.KeySessionsTotal:N0} key sessions, bound "
            + $"{coverage.UpperBound:N0}, {(coverage.ProvenOptimal ? "proven optimal" : "NOT PROVEN OPTIMAL")}");
        var solver = coverage.Solver!;
        Console.WriteLine(
            $"  fast path: {solver.FastCovered:N0} covered, flow bound {solver.FlowBound:N0}"
            + (solver.FastCovered == solver.FlowBound ? " (reached: proven optimal, CP-SAT not needed)" : string.Empty));
        Console.WriteLine(
            $"  CP-SAT: {solver.Status}, {solver.TimeMs:N0} ms ({solver.DeterministicTime:F2} deterministic s, {options.Workers} worker(s), "
            + $"limit {options.TimeLimit} deterministic s), plan from the {solver.Path} path");
        foreach (var group in coverage.Uncovered.GroupBy(u => u.Reason).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  uncovered {group.Key}: {group.Count()}");
        }

        var loads = plan.Assignments
            .GroupBy(a => a.InspectorId)
            .Select(g => g.Sum(a => (a.End - a.Start).TotalMinutes))
            .ToList();
        if (loads.Count > 0)
        {
            Console.WriteLine(
                $"load: {loads.Count} inspectors used, minutes per inspector min {loads.Min():F0} / median {Median(loads):F0} / max {loads.Max():F0}");
        }

        Console.WriteLine(
            $"ratio: {coverage.RatioViolations.Count} of {(request.To - request.From).TotalMinutes / options.SlotMinutes:F0} slots below 1:50"
            + (coverage.RatioViolations.Count > 0
                ? $" (first {ChinaTime.DateOf(coverage.RatioViolations[0].SlotStart)} "
                  + $"{coverage.RatioViolations[0].SlotStart.InZone(ChinaTime.Zone).TimeOfDay}: {coverage.RatioViolations[0].LiveRooms} rooms, "
                  + $"{coverage.RatioViolations[0].Auditors} auditors, {coverage.RatioViolations[0].Required} required)"
                : string.Empty));
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(
            $"memory: peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB, "
            + $"allocated {GC.GetTotalAllocatedBytes() / (1024.0 * 1024) / options.Runs:F0} MiB per run (incl. generator)");
        for (var extra = 1; extra <= options.Days; extra++)
        {
            var day = InspectionDayGenerator.Generate(options.Seed + extra, options.Sessions, options.Inspectors, options.SlotMinutes);
            var stopwatch = Stopwatch.StartNew();
            var c = InspectionScheduler.Plan(day, settings).Coverage;
            stopwatch.Stop();
            Console.WriteLine(
                $"seed {options.Seed + extra}: fast {c.Solver!.FastCovered} / flow bound {c.Solver.FlowBound}; final {c.KeySessionsCovered} / bound "
                + $"{c.UpperBound} {(c.ProvenOptimal ? "optimal" : "NOT PROVEN")}; {c.Solver.Status} via {c.Solver.Path}, CP-SAT {c.Solver.TimeMs} ms, "
                + $"total {stopwatch.ElapsedMilliseconds} ms");
        }

        return Task.FromResult(0);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Options(int Seed, int Sessions, int Inspectors, int SlotMinutes, int Runs, double TimeLimit, int Workers, int Days)
    {
        public static Options Parse(string[] args)
        {
            var defaults = ExactSolverSettings.Default;
            var options = new Options(
                Seed: 20260302, Sessions: 10_000, Inspectors: 500, SlotMinutes: 15, Runs: 5, defaults.TimeLimit, defaults.Workers, Days: 0);
            for (var k = 0; k + 1 < args.Length; k += 2)
            {
                if (args[k] == "--time-limit")
                {
                    options = options with { TimeLimit = double.Parse(args[k + 1], CultureInfo.InvariantCulture) };
                    continue;
                }

                var value = int.Parse(args[k + 1], CultureInfo.InvariantCulture);
                options = args[k] switch
                {
                    "--workers" => options with { Workers = value },
                    "--days" => options with { Days = value },
                    "--seed" => options with { Seed = value },
                    "--sessions" => options with { Sessions = value },
                    "--inspectors" => options with { Inspectors = value },
                    "--slot-minutes" => options with { SlotMinutes = value },
                    "--runs" => options with { Runs = Math.Max(1, value) },
                    _ => throw new ArgumentException($"unknown option {args[k]}"),
                };
            }

            return options;
        }
    }
}
