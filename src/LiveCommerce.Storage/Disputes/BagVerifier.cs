using System.IO.Compression;

namespace LiveCommerce.Storage.Disputes;

/// <summary>One file of a bag as checked: <c>ok</c>, <c>changed</c>, <c>missing</c> or <c>unexpected</c>.</summary>
public sealed record BagCheck(string Name, string? Expected, string? Actual, string Status)
{
    public const string Ok = "ok";
    public const string Changed = "changed";
    public const string Missing = "missing";
    public const string Unexpected = "unexpected";
}

/// <summary>What a verification found: every payload and tag file, and whether all of them check.</summary>
public sealed record BagVerification(bool Valid, IReadOnlyList<BagCheck> Payload, IReadOnlyList<BagCheck> TagFiles)
{
    public IEnumerable<BagCheck> Failures => Payload.Concat(TagFiles).Where(c => c.Status != BagCheck.Ok);
}

/// <summary>
/// Recomputes every hash of a bag written by <see cref="EvidenceBag"/> and names each file that changed, is missing
/// or was added. Payload is checked against <paramref name="expected"/> when given (the manifest recorded when the
/// bag was made, which a tampered bag cannot rewrite) and otherwise against the bag's own manifest; tag files against
/// the tag manifest. Streams each entry: memory does not grow with the bag.
/// </summary>
public static class BagVerifier
{
    public static async Task<BagVerification> VerifyAsync(Stream zip, IReadOnlyDictionary<string, string>? expected, CancellationToken cancellationToken)
    {
        await using var archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var manifest = await ReadManifestAsync(archive, EvidenceBag.Manifest, cancellationToken);
        var tagManifest = await ReadManifestAsync(archive, EvidenceBag.TagManifest, cancellationToken);
        var payloadExpected = expected ?? manifest;

        var payloadActual = new Dictionary<string, string>(StringComparer.Ordinal);
        var tagActual = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName == EvidenceBag.TagManifest || entry.FullName.EndsWith('/'))
            {
                continue;
            }

            await using var content = await entry.OpenAsync(cancellationToken);
            var (sha256, _) = await EvidenceBag.CopyHashedAsync(content, null, cancellationToken);
            (entry.FullName.StartsWith("data/", StringComparison.Ordinal) ? payloadActual : tagActual)[entry.FullName] = sha256;
        }

        var payload = Compare(payloadExpected, payloadActual);
        if (expected is not null)
        {
            // The bag's own manifest must say what was recorded, too.
            payload.AddRange(Compare(expected, manifest)
                .Where(c => c.Status != BagCheck.Ok)
                .Select(c => c with { Name = $"{EvidenceBag.Manifest}:{c.Name}" }));
        }

        var tags = Compare(tagManifest, tagActual);
        var valid = tagManifest.ContainsKey("bagit.txt") && payload.Concat(tags).All(c => c.Status == BagCheck.Ok);
        return new BagVerification(valid, payload, tags);
    }

    private static List<BagCheck> Compare(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual) =>
        [.. expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal).Select(name =>
        {
            var want = expected.GetValueOrDefault(name);
            var got = actual.GetValueOrDefault(name);
            var status = want is null ? BagCheck.Unexpected : got is null ? BagCheck.Missing : want == got ? BagCheck.Ok : BagCheck.Changed;
            return new BagCheck(name, want, got, status);
        })];

    private static async Task<Dictionary<string, string>> ReadManifestAsync(ZipArchive archive, string name, CancellationToken cancellationToken)
    {
        var lines = new Dictionary<string, string>(StringComparer.Ordinal);
        if (archive.GetEntry(name) is not { } entry)
        {
            return lines;
        }

        await using var content = await entry.OpenAsync(cancellationToken);
        using var reader = new StreamReader(content);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var split = line.IndexOf("  ", StringComparison.Ordinal);
            if (split > 0)
            {
                lines[line[(split + 2)..]] = line[..split];
            }
        }

        return lines;
    }
}
