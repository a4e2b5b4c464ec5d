namespace LiveCommerce.Workflows.Disputes;

/// <summary>A consumer dispute's request for evidence, as recorded when it was made.</summary>
public sealed record EvidenceBundleInput(
    string Platform,
    string DisputeId,
    string OrderId,
    DateTimeOffset PurchasedAt,
    string SessionId,
    string RoomId,
    string Sku,
    string ConsumerClaim,
    string? RequestedBy,
    DateTimeOffset RequestedAt,
    string RespondBy);

/// <summary>Where one kind of evidence is gathered from; the workflow fans out one activity per source.</summary>
public enum EvidenceSource
{
    /// <summary>The replay clip: recording segments overlapping the purchase's replay window.</summary>
    Replay,

    /// <summary>What the host claimed about the product, on-air corrections, and the product page at order time.</summary>
    Claims,

    /// <summary>Comments and barrage around the purchase.</summary>
    Interactions,

    /// <summary>The merchant's and hosts' qualification decisions (identifiers masked as stored).</summary>
    Identities,

    /// <summary>The pre-live verification record and the screening decisions of the session.</summary>
    PreLive,

    /// <summary>Order, payment, logistics, returns, after-sales and customer-service records.</summary>
    Transactions,
}

/// <summary>One source to gather for one dispute.</summary>
public sealed record GatherRequest(EvidenceBundleInput Dispute, EvidenceSource Source);

/// <summary>
/// One file of the bundle: stored evidence (<paramref name="Blob"/>, with the SHA-256 recorded at intake), or a
/// document made now (<paramref name="Document"/>, JSON). <paramref name="Name"/> is its path under <c>data/</c>.
/// </summary>
public sealed record BundleItem(string Kind, string Name, string? Blob = null, string? RecordedSha256 = null, string? Document = null);

/// <summary>An item the bundle should hold but cannot: <c>retention_expired</c> or <c>not_found</c>.</summary>
public sealed record MissingItem(string Kind, string Reason, string? Detail = null)
{
    public const string RetentionExpired = "retention_expired";
    public const string NotFound = "not_found";
}

/// <summary>What one source yielded.</summary>
public sealed record EvidenceGathered(IReadOnlyList<BundleItem> Items, IReadOnlyList<MissingItem> Missing);

/// <summary>Everything gathered, to be written into one bag.</summary>
public sealed record AssembleRequest(EvidenceBundleInput Dispute, IReadOnlyList<BundleItem> Items, IReadOnlyList<MissingItem> Missing);

/// <summary>A manifest line: an item as it is in the bundle.</summary>
public sealed record ManifestItem(string Kind, string Name, string Sha256, long Size);

/// <summary>A stored item whose bytes no longer hash to what was recorded at intake (it is bundled as found).</summary>
public sealed record ChangedItem(string Name, string RecordedSha256, string Sha256);

/// <summary>The bundle written: its blob, the SHA-256 and size of the whole ZIP, its manifest.</summary>
public sealed record AssembledBundle(
    string Blob,
    string BundleSha256,
    long Size,
    IReadOnlyList<ManifestItem> Items,
    IReadOnlyList<MissingItem> Missing,
    IReadOnlyList<ChangedItem> Changed);

/// <summary>How a bundle's assembly ended, recorded on the dispute.</summary>
public sealed record BundleOutcome(EvidenceBundleInput Dispute, string InstanceId, AssembledBundle? Bundle, string? Failure);

/// <summary>The workflow's output.</summary>
public sealed record EvidenceBundleResult(string Status, string? BundleSha256)
{
    public const string Ready = "ready";
    public const string Failed = "failed";
}
