using LiveCommerce.Domain.Sanctions;

namespace LiveCommerce.Domain.Ratings;

/// <summary>From this many violations in the window on, suggest this measure.</summary>
public sealed record RatingThreshold(int Violations, SanctionMeasure Measure);

/// <summary>
/// A platform's rating policy (NRTA 2020 notice: rating files and graded measures against repeat offenders; Order 117
/// art. 11 encourages a credit rating). It only suggests: a person imposes every sanction.
/// </summary>
/// <param name="WindowDays">The rolling window, in calendar days up to the moment asked about.</param>
/// <param name="Thresholds">Ascending by violations; the highest one reached gives the suggestion.</param>
public sealed record RatingPolicy(int Version, int WindowDays, IReadOnlyList<RatingThreshold> Thresholds)
{
    public const int MaxWindowDays = 3650;

    public const int MaxThresholds = 20;

    /// <summary>
    /// Design defaults, not numbers from any regulation: a 90-day window, and one rung up the ladder per violation
    /// from a warning to a time-limited ban. Version 0 means the platform has not set its own.
    /// </summary>
    public static RatingPolicy Default { get; } = new(0, 90,
    [
        new(1, SanctionMeasure.Warning),
        new(2, SanctionMeasure.FunctionLimit),
        new(3, SanctionMeasure.TrafficLimit),
        new(4, SanctionMeasure.SuspendLive),
        new(5, SanctionMeasure.TimedBan),
    ]);

    /// <summary>The suggested measure for <paramref name="violations"/>; null below the first threshold.</summary>
    public SanctionMeasure? Suggest(int violations) =>
        Thresholds.Where(t => t.Violations <= violations).OrderBy(t => t.Violations).Select(t => (SanctionMeasure?)t.Measure).LastOrDefault();

    /// <summary>Why a proposed policy is not usable, or null: thresholds strictly ascending, at least 1, and the measures never milder as counts grow.</summary>
    public static string? Problem(int windowDays, IReadOnlyList<RatingThreshold> thresholds)
    {
        if (windowDays is < 1 or > MaxWindowDays)
        {
            return $"windowDays must be 1-{MaxWindowDays}.";
        }

        for (var i = 0; i < thresholds.Count; i++)
        {
            if (thresholds[i].Violations < 1)
            {
                return $"thresholds[{i}].violations must be at least 1.";
            }

            if (i > 0 && thresholds[i].Violations <= thresholds[i - 1].Violations)
            {
                return $"thresholds[{i}].violations must be greater than the one before.";
            }

            if (i > 0 && thresholds[i].Measure < thresholds[i - 1].Measure)
            {
                return $"thresholds[{i}].measure is milder than the one before; a policy never suggests less for more.";
            }
        }

        return null;
    }
}
