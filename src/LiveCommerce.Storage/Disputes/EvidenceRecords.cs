using Azure;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Disputes;
using NodaTime;

namespace LiveCommerce.Storage.Disputes;

/// <summary>A live session's or an order's evidence, on one platform: one table partition, one blob folder.</summary>
public sealed record EvidenceFolder(PlatformId Platform, EvidenceScope Scope, string ScopeId)
{
    /// <summary>Table partition of the folder's records and timeline in table <c>disputes</c>.</summary>
    public string Partition => $"{Platform.Value}|{Segment}|{ScopeId}";

    /// <summary>Blob name of a record in container <c>evidence</c>. Only platform ids: personal data stays inside content.</summary>
    public string BlobName(EvidenceRecordKind kind, string recordId) =>
        $"{Platform.Value}/{(Scope == EvidenceScope.LiveSession ? "live-sessions" : "orders")}/{ScopeId}/{kind.Id}/{recordId}";

    internal string Segment => Scope == EvidenceScope.LiveSession ? "live-session" : "order";

    public static EvidenceFolder Session(PlatformId platform, string sessionId) => new(platform, EvidenceScope.LiveSession, sessionId);

    public static EvidenceFolder Order(PlatformId platform, string orderId) => new(platform, EvidenceScope.Order, orderId);
}

/// <summary>
/// One pushed record: its content's SHA-256 and size as received, what stretch of the live it covers, and how long
/// it is kept. A purged record keeps its row (what it was, when it went) so a later bundle can say so.
/// </summary>
public sealed record EvidenceRecord(
    EvidenceRecordKind Kind,
    string RecordId,
    string BlobName,
    string Sha256,
    long Size,
    string ContentType,
    Instant? Start,
    Instant? End,
    Instant ReceivedAt,
    LocalDate? RetainUntil,
    Instant? PurgedAt = null,
    ETag ETag = default)
{
    /// <summary>The stretch of the live it covers; a point when only the start is known; null when neither is.</summary>
    public Interval? Span => Start is { } start ? new Interval(start, End ?? start) : null;
}

/// <summary>What the platform reported about a live session, for retention and for bundles.</summary>
public sealed record SessionTimeline(
    string? RoomId,
    string? MerchantId,
    IReadOnlyList<string> HostIds,
    Instant? EndedAt,
    bool IsKeyRoom,
    ETag ETag = default)
{
    public static SessionTimeline Empty { get; } = new(null, null, [], null, false);
}

/// <summary>What the platform reported about an order, for retention and for bundles.</summary>
public sealed record OrderTimeline(
    string? SessionId,
    string? Sku,
    Instant? PurchasedAt,
    Instant? CompletedAt,
    ETag ETag = default)
{
    public static OrderTimeline Empty { get; } = new(null, null, null, null);
}

/// <summary>What an upload of a record came to.</summary>
public abstract record EvidenceUpload
{
    private EvidenceUpload()
    {
    }

    /// <summary>The content was new and is now stored.</summary>
    public sealed record Stored(EvidenceRecord Record) : EvidenceUpload;

    /// <summary>The record existed with exactly this content: nothing changed.</summary>
    public sealed record AlreadyStored(EvidenceRecord Record) : EvidenceUpload;

    /// <summary>The record exists with other content, which is never replaced.</summary>
    public sealed record Conflict(string StoredSha256, string SentSha256) : EvidenceUpload;

    /// <summary>The content did not match the digest the client sent; nothing was stored.</summary>
    public sealed record DigestMismatch(string Sha256) : EvidenceUpload;

    /// <summary>The content was longer than allowed; nothing was stored.</summary>
    public sealed record TooLarge : EvidenceUpload;

    /// <summary>The content was empty; nothing was stored.</summary>
    public sealed record Empty : EvidenceUpload;
}
