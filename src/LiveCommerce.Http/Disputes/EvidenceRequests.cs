namespace LiveCommerce.Http.Disputes;

// Wire shapes of the evidence timelines (extension). Every member is nullable: a PUT sets the fields it carries.

public sealed record SessionEvidenceRequest(string? RoomId, string? MerchantId, IReadOnlyList<string?>? HostIds, string? EndedAt, string? Tier);

public sealed record OrderEvidenceRequest(string? SessionId, string? Sku, string? PurchasedAt, string? CompletedAt);

public sealed record EvidenceBundleRequest(
    string? OrderId,
    string? PurchasedAt,
    string? SessionId,
    string? RoomId,
    string? Sku,
    string? ConsumerClaim,
    string? RequestedBy);

/// <summary>The body of POST …/evidence-bundles/links: why the link is needed (kept in the chain of custody).</summary>
public sealed record BundleLinkRequest(string? Reason);
