using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace LiveCommerce.Storage.Idempotency;

/// <summary>
/// The stored form of one Idempotency-Key use: the request's fingerprint and the first response. The row can live in
/// the resource's own partition and commit in the same transaction as the resource (no extra round trip), or in the
/// standalone <see cref="IdempotencyLedger"/>.
/// </summary>
public static class IdempotencyRecord
{
    private const int ChunkChars = 30_000; // a Table string property holds 64 KiB of UTF-16
    private const int MaxChunks = 15;      // and an entity 1 MiB in all

    /// <summary>How long a key is remembered by default (setting <c>Idempotency:RecordLifetime</c>).</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);

    /// <summary>Status of a claim whose first attempt is still running.</summary>
    public const int InProgress = 0;

    /// <summary>The row key: a hash of the route and the key, so any client-chosen key is a safe key.</summary>
    public static string RowKey(string scope, string key) =>
        "idem|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope + "\n" + key)))[..40];

    /// <summary>Whether a response fits in the record itself; a larger one is kept in a blob the record names.</summary>
    public static bool FitsInline(StoredResponse response) => response.Body.Length <= ChunkChars * MaxChunks;

    public static TableEntity Create(string partitionKey, string scope, string key, string fingerprint, StoredResponse response, string? bodyBlob = null, DateTimeOffset? expiresAt = null)
    {
        if (bodyBlob is null && !FitsInline(response))
        {
            throw new InvalidOperationException("The response is too large to keep inline; give it a body blob.");
        }

        var entity = new TableEntity(partitionKey, RowKey(scope, key))
        {
            ["Fingerprint"] = fingerprint,
            ["Status"] = response.Status,
            ["Location"] = response.Location,
            ["Chunks"] = bodyBlob is null ? (response.Body.Length + ChunkChars - 1) / ChunkChars : 0,
            ["BodyBlob"] = bodyBlob,
            ["ExpiresAt"] = ExpiryOf(response, expiresAt ?? DateTimeOffset.UtcNow + DefaultLifetime),
        };
        for (int i = 0, offset = 0; bodyBlob is null && offset < response.Body.Length; i++, offset += ChunkChars)
        {
            entity[$"Body{i}"] = response.Body.Substring(offset, Math.Min(ChunkChars, response.Body.Length - offset));
        }

        return entity;
    }

    /// <summary>When a record stops being replayed: its lifetime, or sooner when the response says so.</summary>
    public static DateTimeOffset ExpiryOf(StoredResponse response, DateTimeOffset lifetimeEnd) =>
        response.ReplayUntil is { } until && until < lifetimeEnd ? until : lifetimeEnd;

    /// <summary>An expired record is as if absent: the key may be used again (records before expiry existed never expire).</summary>
    public static bool IsExpired(TableEntity stored, DateTimeOffset now) => stored.GetDateTimeOffset("ExpiresAt") is { } expires && expires <= now;

    /// <summary>The blob holding the stored body, for responses too large to keep inline.</summary>
    public static string? BodyBlobOf(TableEntity stored) => stored.GetString("BodyBlob");

    public static IdempotencyOutcome Evaluate(TableEntity stored, string fingerprint)
    {
        if (!string.Equals(stored.GetString("Fingerprint"), fingerprint, StringComparison.Ordinal))
        {
            return new IdempotencyOutcome.KeyReused();
        }

        var chunks = stored.GetInt32("Chunks") ?? 0;
        var body = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            body.Append(stored.GetString($"Body{i}"));
        }

        return new IdempotencyOutcome.Replay(new StoredResponse(stored.GetInt32("Status") ?? 200, body.ToString(), stored.GetString("Location")));
    }
}
