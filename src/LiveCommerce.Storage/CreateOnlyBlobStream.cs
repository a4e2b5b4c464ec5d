using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace LiveCommerce.Storage;

/// <summary>
/// A write-only stream into a new block blob. Bytes go through pooled buffers of <see cref="BlockBytes"/>, staged as
/// blocks (a few at once) and hashed (SHA-256) as they pass; the blob exists only once <see cref="CommitAsync"/>
/// succeeds, and that never overwrites (If-None-Match: *). Memory stays at (in-flight blocks + 1) buffers whatever
/// is written. Uncommitted blocks are discarded by the service after a week.
/// </summary>
public sealed class CreateOnlyBlobStream : Stream
{
    public const int BlockBytes = 1024 * 1024;
    private const int MaxBlocksInFlight = 2;

    // Blocks come from a pool of their own: the shared pool keeps arrays per thread, and async code visits many
    // threads, so it would hold several blocks per thread. This one holds at most 8 blocks (8 MiB) in all.
    private static readonly ArrayPool<byte> Blocks = ArrayPool<byte>.Create(BlockBytes, maxArraysPerBucket: 8);

    private readonly BlockBlobClient _blob;
    private readonly string _upload = Guid.NewGuid().ToString("N")[..12]; // concurrent uploads of one name never mix blocks
    private readonly List<string> _blocks = [];
    private readonly List<(Task Staging, byte[] Buffer)> _inFlight = [];
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly CancellationToken _cancellation;
    private byte[]? _buffer = Blocks.Rent(BlockBytes);
    private int _filled;
    private long _length;
    private string? _sha256;

    public CreateOnlyBlobStream(BlockBlobClient blob, CancellationToken cancellationToken = default)
    {
        _blob = blob;
        _cancellation = cancellationToken;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    /// <summary>Bytes written so far.</summary>
    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public string BlobName => _blob.Name;

    /// <summary>Stages what is buffered and answers the SHA-256 (lower-case hex) of everything written.</summary>
    public async Task<string> CompleteAsync()
    {
        if (_sha256 is null)
        {
            if (_filled > 0)
            {
                await StageBufferAsync();
            }

            await Task.WhenAll(_inFlight.Select(f => f.Staging));
            ReturnInFlightBuffers();
            _sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
        }

        return _sha256;
    }

    /// <summary>Makes the staged blocks the blob, unless it exists. False when it existed (nothing was changed).</summary>
    public async Task<bool> CommitAsync(string contentType, IDictionary<string, string>? metadata = null)
    {
        await CompleteAsync();
        try
        {
            await _blob.CommitBlockListAsync(
                _blocks,
                new CommitBlockListOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                    Metadata = metadata,
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                _cancellation);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        if (_sha256 is not null)
        {
            throw new InvalidOperationException("The stream was completed.");
        }

        _hash.AppendData(source.Span);
        _length += source.Length;
        while (source.Length > 0)
        {
            var take = Math.Min(source.Length, BlockBytes - _filled);
            source[..take].CopyTo(_buffer.AsMemory(_filled));
            _filled += take;
            source = source[take..];
            if (_filled == BlockBytes)
            {
                await StageBufferAsync();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Some writers (ZipArchive's entry trailers) write a few bytes synchronously.
    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var (staging, buffer) in _inFlight)
            {
                // Abandoned: let staging finish or fail before its buffer goes back to the pool.
                staging.ContinueWith(_ => Blocks.Return(buffer), TaskScheduler.Default);
            }

            _inFlight.Clear();
            if (_buffer is not null)
            {
                Blocks.Return(_buffer);
                _buffer = null;
            }

            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task StageBufferAsync()
    {
        var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{_upload}-{_blocks.Count:D6}"));
        _blocks.Add(blockId);
        var buffer = _buffer!;
        var staging = _blob.StageBlockAsync(blockId, new MemoryStream(buffer, 0, _filled, writable: false), cancellationToken: _cancellation);
        _inFlight.Add((staging, buffer));
        _buffer = Blocks.Rent(BlockBytes);
        _filled = 0;

        if (_inFlight.Count >= MaxBlocksInFlight)
        {
            var oldest = _inFlight[0];
            await oldest.Staging;
            _inFlight.RemoveAt(0);
            Blocks.Return(oldest.Buffer);
        }
    }

    private void ReturnInFlightBuffers()
    {
        foreach (var (_, buffer) in _inFlight)
        {
            Blocks.Return(buffer);
        }

        _inFlight.Clear();
    }
}
