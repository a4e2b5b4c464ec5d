using FsCheck.Xunit;
using LiveCommerce.Domain.KeyRooms;

namespace LiveCommerce.Domain.Tests.KeyRooms;

public sealed class KeyRoomTieringTests
{
    private static readonly KeyRoomThresholds Defaults = KeyRoomThresholds.Default;

    private static RoomProfile QuietRoom(string roomId = "r1") =>
        new(roomId, Followers: 12_000, PeakConcurrentViewers: 300, Gmv30dFen: 5_000_000, CreditRating.A, ["apparel"]);

    [Fact]
    public void A_room_meeting_no_criterion_is_standard_with_the_60_day_floor()
    {
        var result = KeyRoomTiering.Evaluate(QuietRoom(), Defaults);

        Assert.Equal(Tier.Standard, result.Tier);
        Assert.Equal(60, result.RetentionDays);
        Assert.Equal(KeyRoomReasonCodes.NoKeyRoomCriterionMet, Assert.Single(result.Reasons).Code);
    }

    [Fact]
    public void Followers_reason_names_the_figure_and_the_threshold()
    {
        var result = KeyRoomTiering.Evaluate(QuietRoom() with { Followers = 1_200_000 }, Defaults);

        Assert.Equal(Tier.Key, result.Tier);
        Assert.Equal(1095, result.RetentionDays);
        var reason = Assert.Single(result.Reasons);
        Assert.Equal(new Reason(KeyRoomReasonCodes.FollowersAtOrAboveThreshold, "1,200,000 followers ≥ 1,000,000", "followers"), reason);
    }

    [Theory]
    [InlineData(999_999, Tier.Standard)]
    [InlineData(1_000_000, Tier.Key)]
    public void A_threshold_is_met_at_the_figure_itself(long followers, Tier expected) =>
        Assert.Equal(expected, KeyRoomTiering.Evaluate(QuietRoom() with { Followers = followers }, Defaults).Tier);

    [Fact]
    public void Every_criterion_met_is_listed_in_a_fixed_order()
    {
        var room = new RoomProfile(
            "r9", Followers: 2_000_000, PeakConcurrentViewers: 15_000, Gmv30dFen: 1_234_567_890, CreditRating.D,
            ["otc_drugs", "apparel", "food", "otc_drugs"], RepeatViolations: 3);

        var result = KeyRoomTiering.Evaluate(room, Defaults);

        Assert.Equal(
            [
                KeyRoomReasonCodes.FollowersAtOrAboveThreshold,
                KeyRoomReasonCodes.PeakViewersAtOrAboveThreshold,
                KeyRoomReasonCodes.GmvAtOrAboveThreshold,
                KeyRoomReasonCodes.CreditRatingAtOrBelowThreshold,
                KeyRoomReasonCodes.LifeAndHealthCategory,
                KeyRoomReasonCodes.RepeatViolationsAtOrAboveThreshold,
            ],
            result.Reasons.Select(r => r.Code));
        Assert.Equal("30-day GMV ¥12,345,678.90 ≥ ¥10,000,000.00", result.Reasons[2].Message);
        Assert.Equal("credit rating D at or below C", result.Reasons[3].Message);
        Assert.Equal("sells life-and-health categories: food, otc_drugs", result.Reasons[4].Message);
        Assert.Equal("3 violations ≥ 2", result.Reasons[5].Message);
    }

    [Theory]
    [InlineData("food")]
    [InlineData("prepackaged_food")]
    [InlineData("otc_drugs")]
    [InlineData("medical_device_class2")]
    [InlineData("medical_device_class3")]
    [InlineData("cosmetics")]
    [InlineData("special_cosmetics")]
    [InlineData("health_food")]
    public void Selling_a_life_and_health_category_makes_a_room_key(string category)
    {
        var result = KeyRoomTiering.Evaluate(QuietRoom() with { Categories = ["apparel", category] }, Defaults);

        Assert.Equal(Tier.Key, result.Tier);
        Assert.Equal(KeyRoomReasonCodes.LifeAndHealthCategory, Assert.Single(result.Reasons).Code);
    }

    [Theory]
    [InlineData("A", Tier.Standard)]
    [InlineData("B", Tier.Standard)]
    [InlineData("C", Tier.Key)]
    [InlineData("D", Tier.Key)]
    public void A_rating_at_or_below_C_makes_a_room_key(string rating, Tier expected) =>
        Assert.Equal(expected, KeyRoomTiering.Evaluate(QuietRoom() with { CreditRating = CreditRating.Parse(rating) }, Defaults).Tier);

    [Fact]
    public void An_unrated_room_is_not_key_for_its_rating() =>
        Assert.Equal(Tier.Standard, KeyRoomTiering.Evaluate(QuietRoom() with { CreditRating = null }, Defaults).Tier);

    [Fact]
    public void One_violation_is_not_a_repeat_two_are()
    {
        Assert.Equal(Tier.Standard, KeyRoomTiering.Evaluate(QuietRoom() with { RepeatViolations = 1 }, Defaults).Tier);
        Assert.Equal(Tier.Key, KeyRoomTiering.Evaluate(QuietRoom() with { RepeatViolations = 2 }, Defaults).Tier);
    }

    [Fact]
    public void A_platform_sets_its_own_thresholds_and_retention()
    {
        var strict = Defaults with
        {
            Followers = 10_000,
            KeyRetentionDays = 1_825,
            LifeAndHealthCategories = new HashSet<string>(StringComparer.Ordinal) { "apparel" },
        };

        var result = KeyRoomTiering.Evaluate(QuietRoom(), strict);

        Assert.Equal(Tier.Key, result.Tier);
        Assert.Equal(1_825, result.RetentionDays);
        Assert.Equal(
            [KeyRoomReasonCodes.FollowersAtOrAboveThreshold, KeyRoomReasonCodes.LifeAndHealthCategory],
            result.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Default_thresholds_are_valid() => Assert.Empty(Defaults.Validate());

    [Fact]
    public void Retention_below_the_floor_or_not_longer_for_key_rooms_is_refused()
    {
        var problems = (Defaults with { StandardRetentionDays = 30, KeyRetentionDays = 30 }).Validate();

        Assert.Equal(["standardRetentionDays", "keyRetentionDays"], problems.Select(p => p.Field));
    }

    [Fact]
    public void A_non_positive_threshold_is_refused() =>
        Assert.Equal("gmv30dFen", Assert.Single((Defaults with { Gmv30dFen = 0 }).Validate()).Field);

    [Property]
    public void Raising_a_figure_never_lowers_the_tier(long followers, long extra)
    {
        var low = QuietRoom() with { Followers = Math.Abs(followers % 3_000_000) };
        var high = low with { Followers = low.Followers + Math.Abs(extra % 3_000_000) };

        Assert.True(KeyRoomTiering.Evaluate(high, Defaults).Tier >= KeyRoomTiering.Evaluate(low, Defaults).Tier);
    }
}
