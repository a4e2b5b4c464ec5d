using Azure;
using LiveCommerce.Domain.Tipping;
using NodaTime;

namespace LiveCommerce.Storage.Tipping;

/// <summary>A tipping user's row: the profile (null before the platform registered the user), the counters and the row's ETag (null when there is no row).</summary>
public sealed record TippingAccount(TippingUser? User, TippingCounters Counters, ETag? ETag);

/// <summary>
/// One authorization as stored in the user's partition: the request, the first decision (what a retry of the POST is
/// answered), and the confirmation's decision when there was one (what the GET answers from then on).
/// </summary>
public sealed record StoredTip(
    string TipId,
    string UserId,
    string HostId,
    string RoomId,
    long AmountFen,
    string Fingerprint,
    Instant DecidedAt,
    TipOutcome Outcome,
    string Body,
    Instant? AllowedAt = null,
    Instant? SettlesAt = null,
    string? ConfirmationFingerprint = null,
    TipOutcome? ConfirmationOutcome = null,
    string? ConfirmationBody = null)
{
    public ETag ETag { get; init; }

    /// <summary>The decision that stands: the confirmation's when there was one.</summary>
    public TipOutcome CurrentOutcome => ConfirmationOutcome ?? Outcome;

    public string CurrentBody => ConfirmationBody ?? Body;
}

/// <summary>An allowed tip as its host's partition lists it; the status moves pending → settled or refunded, once.</summary>
public sealed record HostTip(
    string TipId,
    string UserId,
    string RoomId,
    long AmountFen,
    Instant AllowedAt,
    Instant SettlesAt,
    TipStatus Status,
    Instant? SettledAt = null,
    Instant? RefundedAt = null,
    string? SanctionId = null)
{
    public ETag ETag { get; init; }
}

/// <summary>The claim of a tip id by one request: which user's partition holds its decision, and the request's fingerprint.</summary>
public sealed record TipClaim(string UserId, string Fingerprint);

/// <summary>A platform's tipping policy as stored: every PUT is a new version (0: the design defaults, never stored).</summary>
public sealed record StoredTippingPolicy(int Version, TippingPolicy Policy, Instant? UpdatedAt);

/// <summary>What committing a decision came to.</summary>
public enum TipCommit
{
    Committed,

    /// <summary>The counters changed since they were read (412): read them again and decide again.</summary>
    CountersChanged,

    /// <summary>Another attempt with the same tip id committed first (409 on the create-only tip row): answer its decision.</summary>
    TipExists,
}

/// <summary>A <c>tip.refunded</c> event, written in the same transaction as the refund (an outbox row), so it exists exactly once.</summary>
public sealed record TipRefundedEvent(string EventId, string TipId, string HostId, string UserId, long AmountFen, string SanctionId, Instant OccurredAt);
