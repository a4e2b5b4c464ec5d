using NodaTime;

namespace LiveCommerce.Domain.Tipping;

/// <summary>
/// A platform's tipping limits. The NRTA 2020 notice (art. 6) and the CAC 2021 opinions require a per-tip, a daily
/// and a monthly limit, a reminder with confirmation at half of a limit, and a delayed settlement period, but give no
/// amounts: each platform sets its own. <see cref="Default"/> is this service's design default, not a regulation.
/// </summary>
public sealed record TippingPolicy(long PerTipLimitFen, long DailyLimitFen, long MonthlyLimitFen, decimal ReminderRatio, int SettlementDelayHours)
{
    /// <summary>Largest limit accepted: 10 billion yuan, far above any real policy, well inside a long.</summary>
    public const long MaxLimitFen = 1_000_000_000_000;

    /// <summary>Longest settlement delay accepted (30 days).</summary>
    public const int MaxSettlementDelayHours = 720;

    /// <summary>
    /// DESIGN DEFAULTS, not regulation (no rule gives the numbers): ¥1,000 a tip, ¥5,000 a day, ¥20,000 a month, the
    /// reminder at half of a limit (the one figure the NRTA notice does give), and 72 hours before a tip reaches the
    /// host, long enough for a sanction to stop it. They apply until the platform stores its own policy.
    /// </summary>
    public static readonly TippingPolicy Default = new(
        PerTipLimitFen: 100_000,
        DailyLimitFen: 500_000,
        MonthlyLimitFen: 2_000_000,
        ReminderRatio: 0.5m,
        SettlementDelayHours: 72);

    public Duration SettlementDelay => Duration.FromHours(SettlementDelayHours);

    /// <summary>Whether a period's total of <paramref name="totalFen"/> has reached the reminder point of <paramref name="limitFen"/>.</summary>
    public bool ReachesReminder(long totalFen, long limitFen) => totalFen >= ReminderRatio * limitFen;

    /// <summary>Every way the policy is unusable, each with the field it concerns.</summary>
    public IEnumerable<Reason> Validate()
    {
        if (PerTipLimitFen is < 1 or > MaxLimitFen)
        {
            yield return new Reason("OUT_OF_RANGE", $"'perTipLimitFen' must be between 1 and {MaxLimitFen}.", "perTipLimitFen");
        }

        if (DailyLimitFen is < 1 or > MaxLimitFen)
        {
            yield return new Reason("OUT_OF_RANGE", $"'dailyLimitFen' must be between 1 and {MaxLimitFen}.", "dailyLimitFen");
        }
        else if (DailyLimitFen < PerTipLimitFen)
        {
            yield return new Reason("OUT_OF_RANGE", "'dailyLimitFen' must not be below 'perTipLimitFen'.", "dailyLimitFen");
        }

        if (MonthlyLimitFen is < 1 or > MaxLimitFen)
        {
            yield return new Reason("OUT_OF_RANGE", $"'monthlyLimitFen' must be between 1 and {MaxLimitFen}.", "monthlyLimitFen");
        }
        else if (MonthlyLimitFen < DailyLimitFen)
        {
            yield return new Reason("OUT_OF_RANGE", "'monthlyLimitFen' must not be below 'dailyLimitFen'.", "monthlyLimitFen");
        }

        if (ReminderRatio is <= 0 or > 1)
        {
            yield return new Reason("OUT_OF_RANGE", "'reminderRatio' must be greater than 0 and at most 1.", "reminderRatio");
        }

        if (SettlementDelayHours is < 0 or > MaxSettlementDelayHours)
        {
            yield return new Reason("OUT_OF_RANGE", $"'settlementDelayHours' must be between 0 and {MaxSettlementDelayHours}.", "settlementDelayHours");
        }
    }
}
