using LiveCommerce.Domain.Identity;
using NodaTime;
using static LiveCommerce.Domain.Tests.Identity.Applications;

namespace LiveCommerce.Domain.Tests.Identity;

public class ReverificationTests
{
    private static readonly QualificationPolicy Policy = new();

    [Fact]
    public void A_licence_that_lapsed_since_the_approval_rejects_the_merchant()
    {
        var approval = Policy.EvaluateMerchant(Merchant(FoodLicence(validTo: new(2026, 4, 30))), CheckedAt, SubjectFacts.None);

        var before = Policy.Reverify(approval.Basis, Shanghai(2026, 4, 30, 23, 59), SubjectFacts.None);
        var after = Policy.Reverify(approval.Basis, Shanghai(2026, 5, 1), SubjectFacts.None);

        Assert.Equal(Decision.Approved, approval.Outcome);
        Assert.Equal(Decision.Approved, before.Outcome);
        Assert.Equal(Shanghai(2026, 5, 1), before.ValidUntil);
        Assert.Equal(Decision.Rejected, after.Outcome);
        var reason = Assert.Single(after.Reasons);
        Assert.Equal(ReasonCodes.LicenceExpired, reason.Code);
        Assert.Equal("licences[0]", reason.Field);
    }

    [Fact]
    public void An_approval_renewed_by_reverification_runs_six_months_from_the_reverification()
    {
        var approval = Policy.EvaluateHost(Host(), CheckedAt, SubjectFacts.None);

        var renewed = Policy.Reverify(approval.Basis, Shanghai(2026, 8, 31, 9), SubjectFacts.None);

        Assert.Equal(Decision.Approved, renewed.Outcome);
        Assert.Equal(Shanghai(2026, 8, 31, 9), renewed.CheckedAt);
        Assert.Equal(Shanghai(2027, 2, 28, 9), renewed.ValidUntil);
    }

    [Fact]
    public void A_blacklisting_or_a_name_verified_differently_since_rejects_on_reverification()
    {
        var approval = Policy.EvaluateMerchant(Merchant(), CheckedAt, SubjectFacts.None);
        var later = CheckedAt.Plus(Duration.FromDays(100));

        var blacklisted = Policy.Reverify(approval.Basis, later, new SubjectFacts { EntityBlacklisted = true });
        var renamed = Policy.Reverify(approval.Basis, later, new SubjectFacts { PersonNameMismatch = true });

        Assert.Equal([ReasonCodes.Blacklisted], blacklisted.Reasons.Select(r => r.Code));
        Assert.Equal("creditCode", blacklisted.Reasons[0].Field);
        Assert.Equal([ReasonCodes.NameMismatch], renamed.Reasons.Select(r => r.Code));
        Assert.Equal("legalRepresentative.name", renamed.Reasons[0].Field);
    }

    [Fact]
    public void A_blacklisting_that_has_expired_lets_a_rejected_account_be_approved_again()
    {
        var rejected = Policy.EvaluateHost(Host(), CheckedAt, new SubjectFacts { PersonBlacklisted = true });

        var reverified = Policy.Reverify(rejected.Basis, CheckedAt.Plus(Duration.FromDays(30)), SubjectFacts.None);

        Assert.Equal(Decision.Rejected, rejected.Outcome);
        Assert.Equal(Decision.Approved, reverified.Outcome);
    }

    [Fact]
    public void An_id_number_that_did_not_parse_stays_rejected_without_the_raw_number()
    {
        var rejected = Policy.EvaluateHost(Host(idNumber: "110105199003071235"), CheckedAt, SubjectFacts.None);

        var reverified = Policy.Reverify(rejected.Basis, CheckedAt.Plus(Duration.FromDays(30)), SubjectFacts.None);

        Assert.False(rejected.Basis.IdentityChecksPassed);
        Assert.Equal(rejected.Reasons, reverified.Reasons);
        Assert.Equal("110*************35", reverified.MaskedIdentifiers["idNumber"]);
    }

    [Fact]
    public void A_host_under_16_at_the_check_stays_rejected_until_checked_again_with_the_id_number()
    {
        var rejected = Policy.EvaluateHost(Host(IdNumberAged(15, daysPastBirthday: 300)), CheckedAt, SubjectFacts.None);

        // 100 days later the host is 16; only a new check with the ID number can tell.
        var reverified = Policy.Reverify(rejected.Basis, CheckedAt.Plus(Duration.FromDays(100)), SubjectFacts.None);

        Assert.Equal([ReasonCodes.HostUnder16], reverified.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void A_host_approved_at_17_with_consent_stays_approved_after_turning_18()
    {
        var application = Host(IdNumberAged(17, daysPastBirthday: 300)) with { GuardianConsent = AdultGuardianConsent() };
        var approval = Policy.EvaluateHost(application, CheckedAt, SubjectFacts.None);

        var reverified = Policy.Reverify(approval.Basis, CheckedAt.Plus(Duration.FromDays(120)), SubjectFacts.None);

        Assert.Equal(Decision.Approved, approval.Outcome);
        Assert.True(approval.Basis.IdentityChecksPassed);
        Assert.Equal(Decision.Approved, reverified.Outcome);
        Assert.Equal(approval.MaskedIdentifiers, reverified.MaskedIdentifiers);
    }

    [Fact]
    public void A_certificate_that_lapsed_rejects_the_host_and_the_advance_report_is_still_listed()
    {
        var application = Host() with
        {
            IsPublicFigure = true,
            ProfessionalFields = [new ProfessionalCredential(ProfessionalField.Medical, "MED-1", new LocalDate(2026, 6, 30))],
        };
        var review = Policy.EvaluateHost(application, CheckedAt, SubjectFacts.None);

        var reverified = Policy.Reverify(review.Basis, Shanghai(2026, 7, 1), SubjectFacts.None);

        Assert.Equal(Decision.ManualReview, review.Outcome);
        Assert.Equal(Decision.Rejected, reverified.Outcome);
        Assert.Equal([ReasonCodes.ProfessionalQualificationRequired, ReasonCodes.AdvanceReportRequired], reverified.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void A_reverification_keeps_its_basis_and_has_no_parsed_identifiers()
    {
        var approval = Policy.EvaluateMerchant(Merchant(), CheckedAt, SubjectFacts.None);

        var reverified = Policy.Reverify(approval.Basis, CheckedAt.Plus(Duration.FromDays(1)), SubjectFacts.None);

        Assert.NotNull(approval.Subjects.Person);
        Assert.Same(approval.Basis, reverified.Basis);
        Assert.Equal(QualificationSubjects.None, reverified.Subjects);
        Assert.Equal(approval.Warnings, reverified.Warnings);
    }

    [Fact]
    public void The_earliest_licence_expiry_is_that_of_the_licence_relied_on_first_to_lapse()
    {
        var application = Merchant(FoodLicence(validTo: new(2027, 12, 31))) with
        {
            Categories = [ProductCategory.Food, ProductCategory.Cosmetics],
            Licences = [FoodLicence(validTo: new(2027, 12, 31)), new Licence(LicenceType.CosmeticsFiling, "C-1", new(2025, 1, 1), new(2026, 5, 31))],
        };

        var approval = Policy.EvaluateMerchant(application, CheckedAt, SubjectFacts.None);

        Assert.Equal(Shanghai(2026, 6, 1), approval.EarliestLicenceExpiry);
        Assert.Equal(Shanghai(2026, 6, 1), approval.ValidUntil);
    }
}
