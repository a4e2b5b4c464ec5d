using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Ratings;
using LiveCommerce.Domain.Sanctions;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Ratings;

public static class Histories
{
    private static readonly Instant Origin = Instant.FromUtc(2026, 1, 1, 0, 0);

    public static Arbitrary<Violation[]> Violations() =>
        Gen.Choose(0, 400).Select(d => new Violation(ViolationKind.Sanction, Origin + Duration.FromDays(d), $"s{d}")).ArrayOf().ToArbitrary();
}

[Properties(Arbitrary = [typeof(Histories)], MaxTest = 300)]
public sealed class RatingFileTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 1, 0, 0);

    [Property]
    public void More_violations_never_suggest_a_milder_measure(Violation[] history, Violation[] more)
    {
        var fewer = RatingFile.Of(history, RatingPolicy.Default, Now);
        var all = RatingFile.Of(history.Concat(more), RatingPolicy.Default, Now);
        Assert.True(all.InWindow.Count >= fewer.InWindow.Count);
        Assert.True((int?)all.SuggestedMeasure >= (int?)fewer.SuggestedMeasure || fewer.SuggestedMeasure is null);
    }

    [Property]
    public void Only_the_window_counts(Violation[] history)
    {
        var file = RatingFile.Of(history, RatingPolicy.Default, Now);
        Assert.Equal(history.Count(v => v.At > Now - Duration.FromDays(90) && v.At <= Now), file.InWindow.Count);
    }

    [Fact]
    public void The_default_policy_climbs_one_rung_per_violation_up_to_a_timed_ban()
    {
        Assert.Null(RatingPolicy.Default.Suggest(0));
        Assert.Equal(SanctionMeasure.Warning, RatingPolicy.Default.Suggest(1));
        Assert.Equal(SanctionMeasure.SuspendLive, RatingPolicy.Default.Suggest(4));
        Assert.Equal(SanctionMeasure.TimedBan, RatingPolicy.Default.Suggest(40));
    }

    [Fact]
    public void A_policy_that_suggests_less_for_more_is_refused()
    {
        Assert.NotNull(RatingPolicy.Problem(30, [new(1, SanctionMeasure.SuspendLive), new(2, SanctionMeasure.Warning)]));
        Assert.NotNull(RatingPolicy.Problem(30, [new(2, SanctionMeasure.Warning), new(2, SanctionMeasure.SuspendLive)]));
        Assert.NotNull(RatingPolicy.Problem(0, []));
        Assert.Null(RatingPolicy.Problem(30, [new(1, SanctionMeasure.Warning), new(3, SanctionMeasure.Blacklist)]));
    }
}
