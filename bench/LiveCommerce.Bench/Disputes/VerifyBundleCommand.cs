using LiveCommerce.Storage.Disputes;

namespace LiveCommerce.Bench.Disputes;

/// <summary>
/// Verifies a downloaded evidence bundle offline: recomputes the SHA-256 of the whole file (against --sha256, the
/// bundleSha256 the service reported) and of every file in the bag against its manifests, naming what changed.
/// </summary>
internal sealed class VerifyBundleCommand : IBenchCommand
{
    public string Name => "verify-bundle";

    public string Description => "verify an evidence bundle: --file bundle.zip or --url <bundleUrl>, optional --sha256 <bundleSha256>";

    public async Task<int> RunAsync(string[] args)
    {
        var file = BenchArgs.String(args, "--file");
        var url = BenchArgs.String(args, "--url");
        var expected = BenchArgs.String(args, "--sha256");
        if ((file is null) == (url is null))
        {
            Console.Error.WriteLine($"usage: {Name} --file bundle.zip | --url <bundleUrl> [--sha256 <bundleSha256>]");
            return 2;
        }

        var path = file;
        if (url is not null)
        {
            // The ZIP's directory is at its end: download to a temporary file (streamed), then read it.
            path = Path.Combine(Path.GetTempPath(), $"bundle-{Guid.NewGuid():N}.zip");
            using var http = new HttpClient();
            await using var download = await http.GetStreamAsync(new Uri(url));
            await using var target = File.Create(path);
            await download.CopyToAsync(target);
        }

        try
        {
            await using var bag = File.OpenRead(path!);
            var (sha256, size) = await EvidenceBag.HashAsync(bag, CancellationToken.None);
            bag.Position = 0;
            var verification = await BagVerifier.VerifyAsync(bag, expected: null, CancellationToken.None);
            var wholeOk = expected is null || string.Equals(expected, sha256, StringComparison.OrdinalIgnoreCase);

            Console.WriteLine($"bundle sha256 {sha256} ({size:N0} bytes){(expected is null ? string.Empty : wholeOk ? ": as recorded" : $": CHANGED, recorded {expected}")}");
            foreach (var check in verification.Payload.Concat(verification.TagFiles))
            {
                Console.WriteLine($"{check.Status,-10} {check.Name}{(check.Status == BagCheck.Changed ? $" (manifest {check.Expected}, actual {check.Actual})" : string.Empty)}");
            }

            var valid = verification.Valid && wholeOk;
            Console.WriteLine(valid ? "valid" : "INVALID");
            return valid ? 0 : 1;
        }
        finally
        {
            if (url is not null)
            {
                File.Delete(path!);
            }
        }
    }
}
