using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Sanctions;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Sanctions;

public static class Terms
{
    private static readonly Instant Origin = Instant.FromUtc(2026, 1, 1, 0, 0);

    private static Gen<Instant> Moment => Gen.Choose(0, 1000).Select(h => Origin + Duration.FromHours(h));

    public static Arbitrary<SanctionTerm> Sanctions() =>
        (from measure in Gen.Elements(Enum.GetValues<SanctionMeasure>())
         from starts in Moment
         from length in Gen.Choose(1, 500)
         from open in Gen.Elements(true, false)
         select new SanctionTerm(measure, starts, open ? null : starts + Duration.FromHours(length)))
        .ToArbitrary();

    public static Arbitrary<Instant> Instants() => Moment.ToArbitrary();
}

[Properties(Arbitrary = [typeof(Terms)], MaxTest = 500)]
public sealed class SanctionTermTests
{
    private static int Rank(SanctionStatus s) => s switch
    {
        SanctionStatus.Scheduled => 0,
        SanctionStatus.Active => 1,
        _ => 2,
    };

    [Property]
    public void Status_only_moves_forward_in_time(SanctionTerm term, Instant a, Instant b, Instant revokedAt, bool revoked)
    {
        var t = revoked ? term.RevokeAt(revokedAt) : term;
        var (early, late) = a <= b ? (a, b) : (b, a);
        Assert.True(Rank(t.StatusAt(early)) <= Rank(t.StatusAt(late)));
        if (t.StatusAt(early) is SanctionStatus.Ended or SanctionStatus.Revoked)
        {
            Assert.Equal(t.StatusAt(early), t.StatusAt(late));
        }
    }

    [Property]
    public void An_appeal_never_extends_a_sanction(SanctionTerm term, Instant revokedAt, Instant at)
    {
        var appealed = term.RevokeAt(revokedAt);
        Assert.True(!appealed.IsInForceAt(at) || term.IsInForceAt(at));
        if (term.EffectEndsAt is { } end)
        {
            Assert.True(appealed.EffectEndsAt <= end);
        }
    }

    [Property]
    public void In_force_exactly_between_its_start_and_the_end_of_its_effect(SanctionTerm term, Instant revokedAt, Instant at)
    {
        var t = term.RevokeAt(revokedAt);
        var expected = t.StartsAt <= at && (t.EffectEndsAt is not { } end || at < end);
        Assert.Equal(expected, t.IsInForceAt(at));
        Assert.Equal(expected && SanctionLadder.Of(t.Measure).BlocksLive, t.BlocksLiveAt(at));
    }

    [Fact]
    public void The_ladder_is_ordered_mildest_first_and_says_which_measures_block_a_live()
    {
        Assert.Equal(["warning", "function_limit", "traffic_limit", "suspend_live", "timed_ban", "close_account", "ban_reregistration", "blacklist"], SanctionLadder.Ids);
        Assert.Equal(
            [SanctionMeasure.SuspendLive, SanctionMeasure.TimedBan, SanctionMeasure.CloseAccount, SanctionMeasure.Blacklist],
            SanctionLadder.Rungs.Where(r => r.BlocksLive).Select(r => r.Measure));
        Assert.Equal(EndRule.Required, SanctionLadder.Of(SanctionMeasure.TimedBan).End);
    }
}
