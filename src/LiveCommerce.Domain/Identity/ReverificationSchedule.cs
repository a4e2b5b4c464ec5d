using NodaTime;

namespace LiveCommerce.Domain.Identity;

/// <summary>Why the daily sweep re-verifies an account.</summary>
public enum ReverificationCause
{
    /// <summary>The approval ends within <see cref="ReverificationSchedule.ApprovalHorizon"/>, or has ended.</summary>
    ApprovalEnding,

    /// <summary>A licence or certificate the approval relies on lapses within <see cref="ReverificationSchedule.LicenceHorizon"/>.</summary>
    LicenceExpiring,
}

/// <summary>
/// Which approvals the daily sweep re-verifies (Order 117 art. 8: at least every six months). Both horizons are
/// design defaults, not numbers from the regulation: two weeks leaves a fortnight of daily retries before an approval
/// lapses, and a licence is looked at a month ahead, so the review record shows it was watched while still in force.
/// Horizons are inclusive: an approval ending exactly 14 days after the sweep is due.
/// </summary>
public static class ReverificationSchedule
{
    public static Duration ApprovalHorizon { get; } = Duration.FromDays(14);

    public static Duration LicenceHorizon { get; } = Duration.FromDays(30);

    /// <summary>
    /// Why an account whose latest decision is <paramref name="outcome"/> is due at <paramref name="at"/>; null when it is
    /// not. Only approvals are re-verified: a rejection or a pending review waits for the platform's next check.
    /// </summary>
    /// <param name="validUntil">The approval's end; an approval without one is due at once.</param>
    /// <param name="earliestLicenceExpiry">When the first licence or certificate the approval relied on lapses.</param>
    public static ReverificationCause? CauseAt(Decision outcome, Instant? validUntil, Instant? earliestLicenceExpiry, Instant at)
    {
        if (outcome != Decision.Approved)
        {
            return null;
        }

        if (validUntil is not { } until || until <= at + ApprovalHorizon)
        {
            return ReverificationCause.ApprovalEnding;
        }

        return earliestLicenceExpiry is { } expiry && expiry <= at + LicenceHorizon ? ReverificationCause.LicenceExpiring : null;
    }
}
