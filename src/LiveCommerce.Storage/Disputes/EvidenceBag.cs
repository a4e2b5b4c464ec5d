using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace LiveCommerce.Storage.Disputes;

/// <summary>
/// Writes a BagIt bag (RFC 8493) as a ZIP, streaming: each payload file is hashed as it is copied under
/// <c>data/</c>; then <c>bagit.txt</c>, <c>bag-info.txt</c> (with Payload-Oxum), <c>manifest-sha256.txt</c>, any
/// other tag files and <c>tagmanifest-sha256.txt</c>. One copy buffer; nothing is held per file but its hash.
/// </summary>
public sealed class EvidenceBag : IAsyncDisposable
{
    public const string Manifest = "manifest-sha256.txt";
    public const string TagManifest = "tagmanifest-sha256.txt";
    private const int CopyBytes = 256 * 1024;

    private readonly ZipArchive _zip;
    private readonly List<(string Path, string Sha256, long Size)> _payload = [];
    private readonly List<(string Path, string Sha256)> _tags = [];

    private EvidenceBag(ZipArchive zip) => _zip = zip;

    public static async Task<EvidenceBag> CreateAsync(Stream output, CancellationToken cancellationToken) =>
        new(await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, cancellationToken));

    /// <summary>Copies <paramref name="content"/> to <c>data/{relativePath}</c>; answers its SHA-256 and size.</summary>
    public async Task<(string Sha256, long Size)> AddPayloadAsync(string relativePath, Stream content, bool compress, CancellationToken cancellationToken)
    {
        var path = "data/" + relativePath;
        var (sha256, size) = await WriteEntryAsync(path, content, compress ? CompressionLevel.Fastest : CompressionLevel.NoCompression, cancellationToken);
        _payload.Add((path, sha256, size));
        return (sha256, size);
    }

    public Task<(string Sha256, long Size)> AddPayloadAsync(string relativePath, string text, CancellationToken cancellationToken) =>
        AddPayloadAsync(relativePath, new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false), compress: true, cancellationToken);

    /// <summary>Writes the tag files and closes the bag.</summary>
    public async Task FinishAsync(IEnumerable<(string Label, string Value)> bagInfo, IEnumerable<(string Name, string Text)> otherTagFiles, CancellationToken cancellationToken)
    {
        var oxum = $"{_payload.Sum(p => p.Size).ToString(CultureInfo.InvariantCulture)}.{_payload.Count.ToString(CultureInfo.InvariantCulture)}";
        await AddTagAsync("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", cancellationToken);
        await AddTagAsync("bag-info.txt", string.Concat(bagInfo.Append((Label: "Payload-Oxum", Value: oxum)).Select(i => $"{i.Label}: {OneLine(i.Value)}\n")), cancellationToken);
        await AddTagAsync(Manifest, string.Concat(_payload.Select(p => $"{p.Sha256}  {p.Path}\n")), cancellationToken);
        foreach (var (name, text) in otherTagFiles)
        {
            await AddTagAsync(name, text, cancellationToken);
        }

        await WriteEntryAsync(TagManifest, Utf8(string.Concat(_tags.Select(t => $"{t.Sha256}  {t.Path}\n"))), CompressionLevel.Fastest, cancellationToken);
        await _zip.DisposeAsync();
    }

    public ValueTask DisposeAsync() => _zip.DisposeAsync();

    /// <summary>The SHA-256 and size of a whole stream (a bundle as stored), read through one buffer.</summary>
    public static Task<(string Sha256, long Size)> HashAsync(Stream content, CancellationToken cancellationToken) =>
        CopyHashedAsync(content, null, cancellationToken);

    /// <summary>Copies a stream to an entry through one pooled buffer, hashing it.</summary>
    internal static async Task<(string Sha256, long Size)> CopyHashedAsync(Stream source, Stream? target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBytes);
        long size = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, CopyBytes), cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
                if (target is not null)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    private async Task AddTagAsync(string name, string text, CancellationToken cancellationToken)
    {
        var (sha256, _) = await WriteEntryAsync(name, Utf8(text), CompressionLevel.Fastest, cancellationToken);
        _tags.Add((name, sha256));
    }

    private async Task<(string Sha256, long Size)> WriteEntryAsync(string path, Stream content, CompressionLevel level, CancellationToken cancellationToken)
    {
        var entry = _zip.CreateEntry(path, level);
        await using var target = await entry.OpenAsync(cancellationToken);
        return await CopyHashedAsync(content, target, cancellationToken);
    }

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text), writable: false);

    private static string OneLine(string value) => value.ReplaceLineEndings(" ");
}

