using NodaTime;

namespace LiveCommerce.Domain.Sanctions;

/// <summary>Contract ids: <c>scheduled</c>, <c>active</c>, <c>ended</c>, <c>revoked</c>.</summary>
public enum SanctionStatus
{
    Scheduled,
    Active,
    Ended,

    /// <summary>Ended early because an appeal was approved.</summary>
    Revoked,
}

/// <summary>
/// A sanction's term and what happened to it since: the status at any instant is a function of these facts alone,
/// so nothing is ever rewritten when a sanction ends (Order 117 art. 14: removal at expiry) and history stays as it
/// was imposed. An approved appeal adds <see cref="RevokedAt"/>; nothing can lengthen a term.
/// </summary>
/// <param name="EndsAt">Null for a measure without an end (a permanent blacklisting, a warning).</param>
public sealed record SanctionTerm(SanctionMeasure Measure, Instant StartsAt, Instant? EndsAt, Instant? RevokedAt = null)
{
    /// <summary>When the sanction stops having effect: the earlier of its end and its revocation; null while open-ended.</summary>
    public Instant? EffectEndsAt => (EndsAt, RevokedAt) switch
    {
        ({ } end, { } revoked) => Instant.Min(end, revoked),
        ({ } end, null) => end,
        (null, { } revoked) => revoked,
        _ => null,
    };

    public SanctionStatus StatusAt(Instant at)
    {
        if (RevokedAt is { } revoked && revoked <= at && (EndsAt is not { } end || revoked < end))
        {
            return SanctionStatus.Revoked;
        }

        if (at < StartsAt)
        {
            return SanctionStatus.Scheduled;
        }

        return EndsAt is { } ends && ends <= at ? SanctionStatus.Ended : SanctionStatus.Active;
    }

    /// <summary>In force: active, and its measure has an effect (a warning is on record but has none).</summary>
    public bool IsInForceAt(Instant at) => StatusAt(at) == SanctionStatus.Active;

    public bool BlocksLiveAt(Instant at) => SanctionLadder.Of(Measure).BlocksLive && IsInForceAt(at);

    public bool SuspendsTippingAt(Instant at) => SanctionLadder.Of(Measure).SuspendsTipping && IsInForceAt(at);

    /// <summary>An appeal approved at <paramref name="at"/>: ends the term then (never later than it would have ended).</summary>
    public SanctionTerm RevokeAt(Instant at) => RevokedAt is { } earlier && earlier <= at ? this : this with { RevokedAt = at };

    public static string Id(SanctionStatus status) => status switch
    {
        SanctionStatus.Scheduled => "scheduled",
        SanctionStatus.Active => "active",
        SanctionStatus.Ended => "ended",
        _ => "revoked",
    };
}
