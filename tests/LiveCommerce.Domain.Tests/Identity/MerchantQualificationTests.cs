using LiveCommerce.Domain.Identity;
using NodaTime;
using static LiveCommerce.Domain.Tests.Identity.Applications;

namespace LiveCommerce.Domain.Tests.Identity;

public class MerchantQualificationTests
{
    private readonly QualificationPolicy _policy = new();

    [Fact]
    public void A_qualified_merchant_is_approved_for_six_months_with_a_review_record()
    {
        var decision = _policy.EvaluateMerchant(Merchant(), CheckedAt, SubjectFacts.None);

        Assert.Equal(Decision.Approved, decision.Outcome);
        Assert.Empty(decision.Reasons);
        Assert.Empty(decision.Warnings);
        Assert.Equal(Shanghai(2026, 9, 10, 10), decision.ValidUntil);
        Assert.Equal(QualificationPolicy.RuleSetVersion, decision.RuleSetVersion);
        Assert.Equal(CheckedAt, decision.CheckedAt);
        Assert.Equal("9144030071526726XG", decision.MaskedIdentifiers["creditCode"]);
        Assert.Equal("440***********0022", decision.MaskedIdentifiers["legalRepresentative.idNumber"]);
        Assert.Equal("9144030071526726XG", decision.Subjects.Entity?.Value);
        Assert.Equal(AdultIdNumber, decision.Subjects.Person?.Value);
    }

    [Fact]
    public void An_invalid_credit_code_rejects_and_is_recorded_masked()
    {
        var decision = Evaluate(Merchant() with { CreditCode = "91440300715267260G" });

        AssertOnlyReason(decision, ReasonCodes.CreditCodeInvalid, "creditCode");
        Assert.Equal("914*************0G", decision.MaskedIdentifiers["creditCode"]);
        Assert.Null(decision.Subjects.Entity);
    }

    [Fact]
    public void An_invalid_legal_representative_id_number_rejects_without_repeating_it()
    {
        const string raw = "440305199003150023";
        var decision = Evaluate(Merchant() with { LegalRepresentative = new Person("张三", raw) });

        var reason = AssertOnlyReason(decision, ReasonCodes.IdNumberInvalid, "legalRepresentative.idNumber");
        Assert.Contains("check character", reason.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4403051990", decision.ToString(), StringComparison.Ordinal);
        Assert.Null(decision.Subjects.Person);
    }

    [Theory]
    [InlineData("prescription_drugs")]
    [InlineData("special_drugs")]
    [InlineData("tobacco")]
    [InlineData("e_cigarettes")]
    public void A_prohibited_category_rejects_whatever_the_merchant_holds(string id)
    {
        Assert.True(ProductCategory.TryParse(id, out var category));
        var decision = Evaluate(Merchant() with { Categories = [ProductCategory.General, category] });

        AssertOnlyReason(decision, ReasonCodes.CategoryProhibited, "categories[1]");
    }

    [Fact]
    public void A_category_without_any_licence_of_a_suitable_type_is_missing_one()
    {
        var decision = Evaluate(Merchant() with { Categories = [ProductCategory.Food, ProductCategory.Cosmetics] });

        var reason = AssertOnlyReason(decision, ReasonCodes.LicenceMissing, "categories[1]");
        Assert.Contains("cosmetics_filing", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_category_whose_suitable_licences_have_all_lapsed_points_at_the_last_to_lapse()
    {
        var decision = Evaluate(Merchant(
            FoodLicence(validTo: new(2025, 6, 30)),
            FoodLicence(validTo: Today.PlusDays(-1)),
            FoodLicence(validTo: new(2024, 12, 31))));

        var reason = AssertOnlyReason(decision, ReasonCodes.LicenceExpired, "licences[1]");
        Assert.Contains("2026-03-09", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_licence_not_valid_yet_counts_as_missing()
    {
        var decision = Evaluate(Merchant(FoodLicence(validFrom: Today.PlusDays(1))));

        var reason = AssertOnlyReason(decision, ReasonCodes.LicenceMissing, "categories[0]");
        Assert.Contains("not valid yet", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lapsed_licence_with_its_successor_not_valid_yet_is_expired()
    {
        var decision = Evaluate(Merchant(
            FoodLicence(validTo: Today.PlusDays(-1)),
            FoodLicence(validFrom: Today.PlusDays(1))));

        AssertOnlyReason(decision, ReasonCodes.LicenceExpired, "licences[0]");
    }

    [Fact]
    public void A_licence_counts_on_its_first_and_last_day()
    {
        Assert.Equal(Decision.Approved, Evaluate(Merchant(FoodLicence(validTo: Today))).Outcome);
        Assert.Equal(Decision.Approved, Evaluate(Merchant(FoodLicence(validFrom: Today))).Outcome);
    }

    [Fact]
    public void Today_is_the_date_in_Shanghai_not_in_UTC()
    {
        var application = Merchant(FoodLicence(validTo: new(2026, 3, 9)));

        var lastMinute = _policy.EvaluateMerchant(application, Instant.FromUtc(2026, 3, 9, 15, 59), SubjectFacts.None);
        var nextDay = _policy.EvaluateMerchant(application, Instant.FromUtc(2026, 3, 9, 16, 0), SubjectFacts.None);

        Assert.Equal(Decision.Approved, lastMinute.Outcome);
        Assert.Equal(Shanghai(2026, 3, 10), lastMinute.ValidUntil);
        Assert.Equal(ReasonCodes.LicenceExpired, Assert.Single(nextDay.Reasons).Code);
    }

    [Fact]
    public void Prepackaged_food_accepts_a_filing_instead_of_a_food_licence_but_not_an_unrelated_one()
    {
        var filing = new Licence(LicenceType.PrepackagedFoodFiling, "SP001", new(2025, 1, 1), new(2028, 1, 1));
        var cosmetics = new Licence(LicenceType.CosmeticsFiling, "HZ001", new(2025, 1, 1), new(2028, 1, 1));

        var withFiling = Evaluate(Merchant(filing) with { Categories = [ProductCategory.PrepackagedFood] });
        var withCosmetics = Evaluate(Merchant(cosmetics) with { Categories = [ProductCategory.PrepackagedFood] });

        Assert.Equal(Decision.Approved, withFiling.Outcome);
        AssertOnlyReason(withCosmetics, ReasonCodes.LicenceMissing, "categories[0]");
    }

    [Fact]
    public void Ordinary_goods_need_no_licence()
    {
        var application = Merchant() with
        {
            Categories = [ProductCategory.General, ProductCategory.Apparel, ProductCategory.Electronics],
            Licences = [],
        };

        Assert.Equal(Decision.Approved, Evaluate(application).Outcome);
    }

    [Fact]
    public void A_category_listed_twice_is_reported_once()
    {
        var decision = Evaluate(Merchant() with { Categories = [ProductCategory.Tobacco, ProductCategory.Tobacco] });

        AssertOnlyReason(decision, ReasonCodes.CategoryProhibited, "categories[0]");
    }

    [Fact]
    public void A_blacklisted_entity_or_legal_representative_rejects()
    {
        var entity = _policy.EvaluateMerchant(Merchant(), CheckedAt, new SubjectFacts { EntityBlacklisted = true });
        var person = _policy.EvaluateMerchant(Merchant(), CheckedAt, new SubjectFacts { PersonBlacklisted = true });

        AssertOnlyReason(entity, ReasonCodes.Blacklisted, "creditCode");
        AssertOnlyReason(person, ReasonCodes.Blacklisted, "legalRepresentative.idNumber");
    }

    [Fact]
    public void A_legal_representative_verified_earlier_under_another_name_rejects()
    {
        var decision = _policy.EvaluateMerchant(Merchant(), CheckedAt, new SubjectFacts { PersonNameMismatch = true });

        AssertOnlyReason(decision, ReasonCodes.NameMismatch, "legalRepresentative.name");
    }

    [Fact]
    public void Every_failing_reason_is_listed_in_the_order_of_the_request()
    {
        var application = new MerchantApplication(
            "示例",
            "9144030071526726XI",
            new Person("张三", "110105194902300021"),
            [ProductCategory.Food, ProductCategory.Tobacco, ProductCategory.Cosmetics],
            [FoodLicence(validTo: new(2025, 12, 31))]);
        var facts = new SubjectFacts { EntityBlacklisted = true, PersonBlacklisted = true, PersonNameMismatch = true };

        var decision = _policy.EvaluateMerchant(application, CheckedAt, facts);

        Assert.Equal(Decision.Rejected, decision.Outcome);
        Assert.Null(decision.ValidUntil);
        Assert.Equal(
            [
                (ReasonCodes.CreditCodeInvalid, "creditCode"),
                (ReasonCodes.Blacklisted, "creditCode"),
                (ReasonCodes.IdNumberInvalid, "legalRepresentative.idNumber"),
                (ReasonCodes.Blacklisted, "legalRepresentative.idNumber"),
                (ReasonCodes.NameMismatch, "legalRepresentative.name"),
                (ReasonCodes.LicenceExpired, "licences[0]"),
                (ReasonCodes.CategoryProhibited, "categories[1]"),
                (ReasonCodes.LicenceMissing, "categories[2]"),
            ],
            decision.Reasons.Select(r => (r.Code, r.Field)));
        Assert.All(decision.Reasons, r => Assert.EndsWith(".", r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Credit_code_warnings_are_recorded_without_changing_the_outcome()
    {
        var decision = Evaluate(Merchant() with { CreditCode = CreditCodes.WithCheck("94440300715267261") });

        Assert.Equal(Decision.Approved, decision.Outcome);
        Assert.Equal(
            [CreditCode.UnknownRegistrationAuthorityOrEntityType, CreditCode.OrganisationCodeCheckFailed],
            decision.Warnings.Select(w => w.Code));
        Assert.All(decision.Warnings, w => Assert.Equal("creditCode", w.Field));
    }

    [Fact]
    public void An_approval_lasts_no_longer_than_the_first_licence_it_relies_on()
    {
        var cosmetics = new Licence(LicenceType.CosmeticsFiling, "HZ001", new(2025, 1, 1), new(2026, 4, 30));
        var application = Merchant(FoodLicence(), cosmetics) with
        {
            Categories = [ProductCategory.Food, ProductCategory.Cosmetics],
        };

        Assert.Equal(Shanghai(2026, 5, 1), Evaluate(application).ValidUntil);
    }

    [Fact]
    public void With_several_current_licences_for_a_category_the_approval_relies_on_the_one_valid_longest()
    {
        var filing = new Licence(LicenceType.PrepackagedFoodFiling, "SP001", new(2025, 1, 1), new(2026, 7, 31));
        var application = Merchant(FoodLicence(validTo: new(2026, 5, 31)), filing) with
        {
            Categories = [ProductCategory.PrepackagedFood],
        };

        Assert.Equal(Shanghai(2026, 8, 1), Evaluate(application).ValidUntil);
    }

    [Theory]
    [InlineData(2026, 2027, 28)] // 31 August + 6 months is the last day of February
    [InlineData(2027, 2028, 29)] // in a leap year too
    public void Six_calendar_months_from_a_month_end_end_on_the_last_day_of_February(int year, int nextYear, int day)
    {
        var decision = _policy.EvaluateMerchant(Merchant(), Shanghai(year, 8, 31, 23, 30), SubjectFacts.None);

        Assert.Equal(Shanghai(nextYear, 2, day, 23, 30), decision.ValidUntil);
    }

    private QualificationDecision Evaluate(MerchantApplication application) =>
        _policy.EvaluateMerchant(application, CheckedAt, SubjectFacts.None);

    private static Reason AssertOnlyReason(QualificationDecision decision, string code, string field)
    {
        Assert.Equal(Decision.Rejected, decision.Outcome);
        Assert.Null(decision.ValidUntil);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal((code, field), (reason.Code, reason.Field));
        return reason;
    }
}
