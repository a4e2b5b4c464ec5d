using NodaTime;

namespace LiveCommerce.Domain.Tipping;

/// <summary>Where an allowed tip's money stands (contract: pending until settlesAt, then settled; or refunded).</summary>
public enum TipStatus
{
    Pending,
    Settled,
    Refunded,
}

/// <summary>A sanction's suspension of tipping to a host, from <see cref="From"/> until <see cref="Until"/> (open-ended when null).</summary>
public sealed record HostTippingSuspension(string SanctionId, Instant From, Instant? Until)
{
    public bool IsActiveAt(Instant at) => at >= From && (Until is not { } until || at < until);

    /// <summary>The first suspension of <paramref name="suspensions"/> active at <paramref name="at"/>, if any.</summary>
    public static HostTippingSuspension? ActiveAt(IEnumerable<HostTippingSuspension> suspensions, Instant at) =>
        suspensions.Where(s => s.IsActiveAt(at)).OrderBy(s => s.From).ThenBy(s => s.SanctionId, StringComparer.Ordinal).FirstOrDefault();
}

/// <summary>
/// The delayed settlement (延时到账期, NRTA 2020 notice art. 6): an allowed tip reaches the host only at its
/// settlesAt, and is refunded to the user instead if a sanction suspends the host's tipping before then.
/// </summary>
public static class TipSettlement
{
    /// <summary>
    /// What a tip in <paramref name="status"/> becomes at <paramref name="now"/>: null while it stays as it is. A
    /// pending tip whose host is suspended is refunded (also before settlesAt); a due one is settled. Settled and
    /// refunded tips are final.
    /// </summary>
    public static TipStatus? Next(TipStatus status, Instant settlesAt, Instant now, HostTippingSuspension? activeSuspension) => status switch
    {
        TipStatus.Pending when activeSuspension is not null => TipStatus.Refunded,
        TipStatus.Pending when now >= settlesAt => TipStatus.Settled,
        _ => null,
    };
}
