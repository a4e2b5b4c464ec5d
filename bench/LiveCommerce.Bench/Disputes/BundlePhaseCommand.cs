using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs.Specialized;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Disputes;
using LiveCommerce.Storage;
using LiveCommerce.Storage.Disputes;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Workflows.Disputes;

namespace LiveCommerce.Bench.Disputes;

/// <summary>
/// One phase of the <c>bundle</c> bench, in a process of its own so that its peak resident set is its own. Prints
/// <c>key=value</c> lines for the parent: seconds, bytes moved, RSS when the work starts and peak RSS (MB), managed
/// bytes allocated (MB) and garbage collections per generation.
/// </summary>
internal sealed class BundlePhaseCommand : IBenchCommand
{
    public const string CommandName = "bundle-phase";

    public static readonly EvidenceFolder Session = EvidenceFolder.Session(PlatformId.TryParse("bench", out var p) ? p : default, "s1");

    public string Name => CommandName;

    public string Description => "(internal) one phase of the bundle bench: --phase assemble|raw-copy|verify";

    public static string SegmentId(int index) => $"seg-{index:D5}";

    public async Task<int> RunAsync(string[] args)
    {
        var storage = new StorageClients(new StorageOptions { ConnectionString = BenchArgs.String(args, "--connection") });
        var segments = BenchArgs.Int(args, "--segments", 100);
        var phase = BenchArgs.String(args, "--phase");
        var purchasedAt = DateTimeOffset.Parse(BenchArgs.String(args, "--purchased-at")!, CultureInfo.InvariantCulture);
        var bundles = new BundleStore(storage, TimeProvider.System);
        var report = new Dictionary<string, string>();

        report["start-rss"] = (CurrentRssBytes() / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        long moved;
        switch (phase)
        {
            case "assemble":
            {
                var sources = new EvidenceSources(new EvidenceStore(storage), new QualificationStore(storage), new LiveSessionStore(storage), storage);
                var dispute = new EvidenceBundleInput(Session.Platform.Value, "d1", "o1", purchasedAt, Session.ScopeId, "r1", "sku", "bench", null, DateTimeOffset.UtcNow, "2026-12-31");
                var gathered = await sources.GatherAsync(new GatherRequest(dispute, EvidenceSource.Replay), CancellationToken.None);
                var bundle = await bundles.AssembleAsync(new AssembleRequest(dispute, gathered.Items, gathered.Missing), CancellationToken.None);
                moved = bundle.Size;
                (report["blob"], report["sha256"], report["items"], report["bytes"]) =
                    (bundle.Blob, bundle.BundleSha256, bundle.Items.Count.ToString(CultureInfo.InvariantCulture), bundle.Size.ToString(CultureInfo.InvariantCulture));
                break;
            }

            case "raw-copy":
            {
                var target = storage.Container(StorageNames.BundlesContainer).GetBlockBlobClient($"bench/raw-{Guid.NewGuid():N}.bin");
                await using var output = new CreateOnlyBlobStream(target);
                for (var i = 0; i < segments; i++)
                {
                    await using var source = await storage.Container(StorageNames.EvidenceContainer)
                        .GetBlobClient(Session.BlobName(EvidenceRecordKind.Recording, SegmentId(i))).OpenReadAsync();
                    await source.CopyToAsync(output, 1024 * 1024);
                }

                await output.CommitAsync("application/octet-stream");
                moved = output.Length;
                break;
            }

            case "verify":
            {
                var blob = BenchArgs.String(args, "--blob")!;
                string sha256;
                await using (var whole = await bundles.OpenBundleAsync(blob, CancellationToken.None))
                {
                    (sha256, moved) = await EvidenceBag.HashAsync(whole, CancellationToken.None);
                }

                await using var zip = await bundles.OpenBundleAsync(blob, CancellationToken.None);
                var verification = await BagVerifier.VerifyAsync(zip, expected: null, CancellationToken.None);
                moved *= 2; // read twice: the whole file's hash, then every entry
                report["valid"] = verification.Valid && sha256 == BenchArgs.String(args, "--sha256") ? "valid" : "INVALID";
                break;
            }

            default:
                Console.Error.WriteLine("--phase assemble|raw-copy|verify");
                return 2;
        }

        watch.Stop();
        using var self = Process.GetCurrentProcess();
        report["seconds"] = watch.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture);
        report["moved"] = moved.ToString(CultureInfo.InvariantCulture);
        report["rss"] = (self.PeakWorkingSet64 / 1048576.0).ToString("F1", CultureInfo.InvariantCulture); // VmHWM on Linux
        report["allocated"] = ((GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
        report["gcs"] = $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}";
        foreach (var (key, value) in report)
        {
            Console.WriteLine($"{key}={value}");
        }

        return 0;
    }

    /// <summary>VmRSS now: the runtime, the storage clients and this phase's code loaded, before any evidence moves.</summary>
    private static long CurrentRssBytes()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}
