using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Disputes;
using LiveCommerce.Storage;
using LiveCommerce.Storage.Disputes;
using LiveCommerce.Testing;
using NodaTime;

namespace LiveCommerce.Bench.Disputes;

/// <summary>
/// An evidence bundle built from N MB of recording segments beside a raw copy of the same bytes into one blob on the
/// same Azurite, then the bundle verified. Each phase runs in a fresh process (<see cref="BundlePhaseCommand"/>), so
/// its peak resident memory (VmHWM) is that of the work alone, runtime included.
/// </summary>
internal sealed class BundleBench : IBenchCommand
{
    public string Name => "bundle";

    public string Description => "evidence bundle from recording segments vs raw blob copy: MB/s and peak memory (--megabytes 500, --segment-megabytes 5)";

    public async Task<int> RunAsync(string[] args)
    {
        var megabytes = BenchArgs.Int(args, "--megabytes", 500);
        var segmentMegabytes = BenchArgs.Int(args, "--segment-megabytes", 5);
        var segments = Math.Max(1, megabytes / segmentMegabytes);
        var segmentBytes = segmentMegabytes * 1024 * 1024;
        var totalBytes = (long)segments * segmentBytes;

        await using var azurite = await AzuriteInstance.StartAsync();
        var storage = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString });
        await storage.EnsureCreatedAsync();
        var evidence = new EvidenceStore(storage);
        var session = BundlePhaseCommand.Session;

        // Segments back to back over the purchase's replay window (12 minutes), as a high-bitrate HLS recording.
        var purchase = DateTimeOffset.UtcNow.AddHours(-1);
        var window = ReplayWindow.Around(Instant.FromDateTimeOffset(purchase));
        var step = (window.End - window.Start) / segments;
        Console.WriteLine($"preparing {segments} segments of {segmentMegabytes} MB ({totalBytes / 1048576.0:F0} MB) in Azurite ...");
        var content = RandomNumberGenerator.GetBytes(segmentBytes);
        var prepared = Stopwatch.StartNew();
        for (var i = 0; i < segments; i++)
        {
            BitConverter.TryWriteBytes(content, i); // every segment different
            var recordId = BundlePhaseCommand.SegmentId(i);
            var blobName = session.BlobName(EvidenceRecordKind.Recording, recordId);
            var written = (ContentWrite.Written)await evidence.WriteContentAsync(blobName, new MemoryStream(content, writable: false), "video/mp2t", null, long.MaxValue, CancellationToken.None);
            await evidence.AddRecordAsync(session, new EvidenceRecord(
                EvidenceRecordKind.Recording, recordId, blobName, written.Content.Sha256, written.Content.Size, "video/mp2t",
                window.Start + (step * i), window.Start + (step * (i + 1)), SystemClock.Instance.GetCurrentInstant(), null), CancellationToken.None);
        }

        Console.WriteLine($"prepared in {prepared.Elapsed.TotalSeconds:F1} s; {Environment.ProcessorCount} cores; each phase below in its own process (Release, workstation GC)");
        Console.WriteLine();
        Console.WriteLine($"{"phase",-28} {"MB moved",9} {"seconds",8} {"MB/s",7} {"RSS at start MB",16} {"peak RSS MB",12} {"managed allocated MB",21} {"GCs 0/1/2",10}");

        var common = new[] { "--connection", azurite.ConnectionString, "--segments", segments.ToString(CultureInfo.InvariantCulture), "--purchased-at", purchase.ToString("O") };
        var bundle = await PhaseAsync("bundle (gather + assemble)", [.. common, "--phase", "assemble"]);
        var raw = await PhaseAsync("raw blob copy, same bytes", [.. common, "--phase", "raw-copy"]);
        var verify = await PhaseAsync("verify bundle (every hash)", [.. common, "--phase", "verify", "--blob", bundle["blob"], "--sha256", bundle["sha256"]]);

        Console.WriteLine();
        Console.WriteLine($"bundle: {bundle["items"]} items, {long.Parse(bundle["bytes"], CultureInfo.InvariantCulture) / 1048576.0:F1} MB, sha256 {bundle["sha256"]}; verification: {verify["valid"]}");
        Console.WriteLine($"bundle vs raw copy: {double.Parse(bundle["seconds"], CultureInfo.InvariantCulture) / double.Parse(raw["seconds"], CultureInfo.InvariantCulture):F2}x the time, "
            + $"{double.Parse(bundle["rss"], CultureInfo.InvariantCulture) - double.Parse(raw["rss"], CultureInfo.InvariantCulture):+0.0;-0.0} MB peak RSS. Target: peak memory under 100 MB.");
        return verify["valid"] == "valid" ? 0 : 1;
    }

    /// <summary>Runs one phase in a child process and prints its line; answers the child's key=value report.</summary>
    private static async Task<Dictionary<string, string>> PhaseAsync(string label, string[] args)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BundleBench).Assembly.Location);
        }

        start.ArgumentList.Add(BundlePhaseCommand.CommandName);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var report = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim());
        if (child.ExitCode != 0 || !report.TryGetValue("seconds", out var elapsed))
        {
            throw new InvalidOperationException($"Phase '{label}' failed ({child.ExitCode}):\n{output}");
        }

        var moved = long.Parse(report["moved"], CultureInfo.InvariantCulture) / 1048576.0;
        var seconds = double.Parse(elapsed, CultureInfo.InvariantCulture);
        Console.WriteLine($"{label,-28} {moved,9:F0} {seconds,8:F1} {moved / seconds,7:F1} {double.Parse(report["start-rss"], CultureInfo.InvariantCulture),16:F1} {double.Parse(report["rss"], CultureInfo.InvariantCulture),12:F1} {double.Parse(report["allocated"], CultureInfo.InvariantCulture),21:F0} {report["gcs"],10}");
        return report;
    }
}
