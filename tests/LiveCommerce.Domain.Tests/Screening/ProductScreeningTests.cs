using LiveCommerce.Domain.Screening;

namespace LiveCommerce.Domain.Tests.Screening;

public sealed class ProductScreeningTests
{
    private static readonly NegativeListScreen List = NegativeListScreen.Build(
    [
        new NegativeListEntry("电子烟", "tobacco", Severity.Prohibited),
        new NegativeListEntry("处方药", "medicine", Severity.Restricted, "drug-trading-licence"),
        new NegativeListEntry("保健食品", "health-food", Severity.Restricted, "health-food-filing"),
        new NegativeListEntry("野生动物", "wildlife", Severity.Restricted),
    ]);

    private static ProductVerdict Screen(ScreeningItem item, Func<string, bool>? holdsLicence) =>
        ProductScreening.Screen(List, [item], holdsLicence).Single();

    [Fact]
    public void A_listing_without_listed_terms_is_allowed()
    {
        var verdict = Screen(new ScreeningItem("sku-1", "纯棉T恤 白色", "舒适透气"), _ => false);

        Assert.Equal(ScreeningVerdict.Allowed, verdict.Verdict);
        Assert.Empty(verdict.Matches);
    }

    [Fact]
    public void Any_prohibited_match_prohibits_even_beside_licensed_ones()
    {
        var verdict = Screen(new ScreeningItem("sku-1", "處方藥", "附赠電 子 煙"), _ => true);

        Assert.Equal(ScreeningVerdict.Prohibited, verdict.Verdict);
        Assert.Equal(2, verdict.Matches.Count);
    }

    [Fact]
    public void A_restricted_match_is_allowed_when_the_merchant_holds_its_licence() =>
        Assert.Equal(ScreeningVerdict.Allowed, Screen(new ScreeningItem("sku-1", "处方药 阿莫西林"), l => l == "drug-trading-licence").Verdict);

    [Fact]
    public void A_restricted_match_is_restricted_when_the_merchant_lacks_its_licence() =>
        Assert.Equal(ScreeningVerdict.Restricted, Screen(new ScreeningItem("sku-1", "处方药 阿莫西林"), l => l == "health-food-filing").Verdict);

    [Fact]
    public void A_restricted_match_needs_review_when_no_merchant_is_named() =>
        Assert.Equal(ScreeningVerdict.Review, Screen(new ScreeningItem("sku-1", "处方药 阿莫西林"), holdsLicence: null).Verdict);

    [Fact]
    public void A_restricted_entry_without_a_licence_is_restricted_whoever_asks()
    {
        Assert.Equal(ScreeningVerdict.Restricted, Screen(new ScreeningItem("sku-1", "野生动物标本"), _ => true).Verdict);
        Assert.Equal(ScreeningVerdict.Restricted, Screen(new ScreeningItem("sku-1", "野生动物标本"), holdsLicence: null).Verdict);
    }

    [Fact]
    public void One_missing_licence_among_held_ones_restricts()
    {
        var verdict = Screen(new ScreeningItem("sku-1", "处方药", Category: "保健食品"), l => l == "drug-trading-licence");

        Assert.Equal(ScreeningVerdict.Restricted, verdict.Verdict);
    }

    [Fact]
    public void Matches_name_the_field_and_the_original_text_they_index()
    {
        var verdict = Screen(new ScreeningItem("sku-9", "新款", "买【電·子·煙】送油", "烟具", "电子烟"), holdsLicence: null);

        Assert.Equal(
            [
                new ScreeningMatch("电子烟", "tobacco", ProductScreening.DescriptionField, 2, 5, "電·子·煙", MatchKind.Normalised, 0.95, MatchEffect.Block),
                new ScreeningMatch("电子烟", "tobacco", ProductScreening.BrandField, 0, 3, "电子烟", MatchKind.Exact, 1.0, MatchEffect.Block),
            ],
            verdict.Matches);
        Assert.Equal("sku-9", verdict.Sku);
    }

    [Fact]
    public void A_term_split_across_two_fields_does_not_match()
    {
        var verdict = Screen(new ScreeningItem("sku-1", "潮流电子", "烟雾效果"), holdsLicence: null);

        Assert.Equal(ScreeningVerdict.Allowed, verdict.Verdict);
    }

    [Theory]
    [InlineData("正品dianziyan", "prohibited")] // pinyin blocks by default
    [InlineData("电子湮", "review")]           // a homophone goes to review
    [InlineData("dzy 现货", "allowed")]         // initials only inform
    [InlineData("yan", "allowed")]              // no term of one syllable here: nothing matched
    public void Default_rules_decide_by_kind(string title, string verdict)
    {
        var result = Screen(new ScreeningItem("sku-1", title), _ => false);

        Assert.Equal(verdict, result.Verdict.ToString().ToLowerInvariant());
    }

    [Fact]
    public void A_blocking_kind_below_the_confidence_threshold_goes_to_review()
    {
        var screen = NegativeListScreen.Build([new NegativeListEntry("枪", "weapons", Severity.Prohibited)]);

        var result = ProductScreening.Screen(screen, new ScreeningItem("sku-1", "qiang 现货"), _ => false);

        var match = Assert.Single(result.Matches);
        Assert.Equal((MatchKind.Pinyin, MatchEffect.Review), (match.Kind, match.Effect));
        Assert.Equal(ScreeningVerdict.Review, result.Verdict);
    }

    [Fact]
    public void A_list_can_make_initials_block_and_homophones_only_inform()
    {
        var rules = VerdictRules.With(new Dictionary<MatchKind, MatchEffect> { [MatchKind.Initials] = MatchEffect.Block, [MatchKind.Homophone] = MatchEffect.Inform }, minBlockConfidence: 0.2);

        Assert.Equal(ScreeningVerdict.Prohibited, ProductScreening.Screen(List, new ScreeningItem("a", "dzy 现货"), _ => false, rules).Verdict);
        Assert.Equal(ScreeningVerdict.Allowed, ProductScreening.Screen(List, new ScreeningItem("b", "电子湮"), _ => false, rules).Verdict);
        Assert.Equal(MatchEffect.Inform, ProductScreening.Screen(List, new ScreeningItem("b", "电子湮"), _ => false, rules).Matches.Single().Effect);
    }

    [Fact]
    public void A_review_effect_never_overrides_a_licence_the_merchant_holds()
    {
        var screen = NegativeListScreen.Build([new NegativeListEntry("处方药", "medicine", Severity.Restricted, "drug-trading-licence")]);
        var rules = VerdictRules.With(new Dictionary<MatchKind, MatchEffect> { [MatchKind.Pinyin] = MatchEffect.Review });

        Assert.Equal(ScreeningVerdict.Allowed, ProductScreening.Screen(screen, new ScreeningItem("a", "chufangyao"), _ => true, rules).Verdict);
        Assert.Equal(ScreeningVerdict.Review, ProductScreening.Screen(screen, new ScreeningItem("a", "chufangyao"), _ => false, rules).Verdict);
    }
}
