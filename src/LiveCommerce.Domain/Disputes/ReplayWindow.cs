using NodaTime;

namespace LiveCommerce.Domain.Disputes;

/// <summary>
/// The stretch of a live that documents one purchase: the pitch before it and the moments after. Design default
/// (no rule gives a number): 10 minutes before the purchase to 2 minutes after. Live content overlapping it is the
/// "replay video of the segment selling the goods" (Order 117 art. 16), and the evidence bundle's replay clip.
/// </summary>
public static class ReplayWindow
{
    public static readonly Duration Before = Duration.FromMinutes(10);
    public static readonly Duration After = Duration.FromMinutes(2);

    public static Interval Around(Instant purchasedAt) => new(purchasedAt - Before, purchasedAt + After);

    /// <summary>Whether a record covering <paramref name="span"/> (null: the whole live) shows the purchase.</summary>
    public static bool Shows(Interval? span, Instant purchasedAt)
    {
        if (span is not { } s)
        {
            return true;
        }

        // Closed intervals: a record ending the instant the window opens still shows it.
        var window = Around(purchasedAt);
        return s.Start <= window.End && window.Start <= s.End;
    }
}
