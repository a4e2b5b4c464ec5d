using LiveCommerce.Domain.Sanctions;
using NodaTime;

namespace LiveCommerce.Domain.Ratings;

/// <summary>What counts as a violation in a rating file.</summary>
public enum ViolationKind
{
    /// <summary>A review case decided <c>rejected</c>.</summary>
    CaseRejected,

    /// <summary>A sanction imposed (and not revoked on appeal).</summary>
    Sanction,
}

/// <summary>One violation on file; <paramref name="Reference"/> is the case or sanction id.</summary>
public sealed record Violation(ViolationKind Kind, Instant At, string Reference);

/// <summary>
/// A host's or room's rating file at an instant (NRTA 2020 notice: repeat offenders are stopped from being recommended,
/// limited, or closed): the violations in the policy's rolling window, and what the policy suggests. The window is the
/// <see cref="RatingPolicy.WindowDays"/> days up to and including the instant: a violation exactly that old no longer counts.
/// </summary>
public sealed record RatingFile(Instant At, RatingPolicy Policy, IReadOnlyList<Violation> InWindow, SanctionMeasure? SuggestedMeasure)
{
    public Instant WindowStart => At - Duration.FromDays(Policy.WindowDays);

    public static RatingFile Of(IEnumerable<Violation> history, RatingPolicy policy, Instant at)
    {
        var from = at - Duration.FromDays(policy.WindowDays);
        var inWindow = history.Where(v => v.At > from && v.At <= at).OrderBy(v => v.At).ToList();
        return new RatingFile(at, policy, inWindow, policy.Suggest(inWindow.Count));
    }
}
