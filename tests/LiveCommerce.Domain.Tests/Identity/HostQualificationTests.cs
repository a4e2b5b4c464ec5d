using LiveCommerce.Domain.Identity;
using NodaTime;
using static LiveCommerce.Domain.Tests.Identity.Applications;

namespace LiveCommerce.Domain.Tests.Identity;

public class HostQualificationTests
{
    private readonly QualificationPolicy _policy = new();

    [Fact]
    public void An_adult_host_is_approved_for_six_months()
    {
        var decision = Evaluate(Host());

        Assert.Equal(Decision.Approved, decision.Outcome);
        Assert.Empty(decision.Reasons);
        Assert.Equal(Shanghai(2026, 9, 10, 10), decision.ValidUntil);
        Assert.Equal("440***********0022", decision.MaskedIdentifiers["idNumber"]);
        Assert.Equal(AdultIdNumber, decision.Subjects.Person?.Value);
        Assert.Null(decision.Subjects.Entity);
    }

    [Fact]
    public void An_id_number_with_spaces_and_a_lower_case_x_is_accepted()
    {
        var decision = Evaluate(Host("  11010519491231002x "));

        Assert.Equal(Decision.Approved, decision.Outcome);
        Assert.Equal("11010519491231002X", decision.Subjects.Person?.Value);
    }

    [Fact]
    public void An_invalid_id_number_rejects_and_never_appears_in_the_decision()
    {
        const string raw = "110105194902300021"; // 30 February

        var decision = Evaluate(Host(raw));

        var reason = AssertOnlyReason(decision, ReasonCodes.IdNumberInvalid, "idNumber");
        Assert.Contains("not a real date", reason.Message, StringComparison.Ordinal);
        Assert.Equal("110*************21", decision.MaskedIdentifiers["idNumber"]);
        Assert.DoesNotContain("19490230", decision.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_of_15_is_rejected()
    {
        var decision = Evaluate(Host("310115201006060076") with { GuardianConsent = AdultGuardianConsent() });

        AssertOnlyReason(decision, ReasonCodes.HostUnder16, "idNumber");
    }

    [Fact]
    public void Sixteen_is_reached_on_the_16th_birthday_in_Shanghai()
    {
        var application = Host(IdNumbers.BornOn(new LocalDate(2010, 3, 10))) with
        {
            GuardianConsent = AdultGuardianConsent(),
        };

        // 16:00 UTC on 9 March is midnight of 10 March in Shanghai.
        var birthday = _policy.EvaluateHost(application, Instant.FromUtc(2026, 3, 9, 16, 0), SubjectFacts.None);
        var dayBefore = _policy.EvaluateHost(application, Instant.FromUtc(2026, 3, 9, 15, 59), SubjectFacts.None);

        Assert.Equal(Decision.Approved, birthday.Outcome);
        AssertOnlyReason(dayBefore, ReasonCodes.HostUnder16, "idNumber");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    public void A_host_of_16_or_17_needs_a_guardians_consent(int age)
    {
        var without = Evaluate(Host(IdNumberAged(age)));
        var with = Evaluate(Host(IdNumberAged(age)) with { GuardianConsent = AdultGuardianConsent() });

        AssertOnlyReason(without, ReasonCodes.GuardianConsentRequired, "guardianConsent");
        Assert.Equal(Decision.Approved, with.Outcome);
        Assert.Matches(@"^110\*{11}011[0-9X]$", with.MaskedIdentifiers["guardianConsent.guardianIdNumber"]);
    }

    [Fact]
    public void A_host_turning_18_today_needs_no_consent()
    {
        Assert.Equal(Decision.Approved, Evaluate(Host(IdNumberAged(18, daysPastBirthday: 0))).Outcome);
        var tomorrow = Evaluate(Host(IdNumberAged(18, daysPastBirthday: -1)));
        AssertOnlyReason(tomorrow, ReasonCodes.GuardianConsentRequired, "guardianConsent");
    }

    [Fact]
    public void Each_missing_part_of_a_consent_is_its_own_reason()
    {
        var consent = new GuardianConsent(GuardianName: " ", GuardianIdNumber: "11010519800501001", DocumentRef: null);

        var decision = Evaluate(Host(IdNumberAged(17)) with { GuardianConsent = consent });

        Assert.Equal(Decision.Rejected, decision.Outcome);
        Assert.Equal(
            ["guardianConsent.guardianName", "guardianConsent.guardianIdNumber", "guardianConsent.documentRef"],
            decision.Reasons.Select(r => r.Field));
        Assert.All(decision.Reasons, r => Assert.Equal(ReasonCodes.GuardianConsentRequired, r.Code));
        Assert.DoesNotContain("11010519800501001", decision.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_guardian_must_be_an_adult()
    {
        // Born 29 February 2008: 17 on 28 February 2026, 18 on 1 March 2026.
        var consent = AdultGuardianConsent() with { GuardianIdNumber = IdNumbers.BornOn(new LocalDate(2008, 2, 29)) };
        var application = Host(IdNumbers.BornOn(new LocalDate(2009, 6, 1))) with { GuardianConsent = consent };

        var before = _policy.EvaluateHost(application, Shanghai(2026, 2, 28, 12), SubjectFacts.None);
        var after = _policy.EvaluateHost(application, Shanghai(2026, 3, 1, 12), SubjectFacts.None);

        var reason = AssertOnlyReason(before, ReasonCodes.GuardianConsentRequired, "guardianConsent.guardianIdNumber");
        Assert.Contains("not an adult", reason.Message, StringComparison.Ordinal);
        Assert.Equal(Decision.Approved, after.Outcome);
    }

    [Theory]
    [InlineData(null, "2027-01-01")]
    [InlineData("  ", "2027-01-01")]
    [InlineData("YS-110-0001", null)]
    [InlineData("YS-110-0001", "2026-03-09")]
    public void A_professional_field_without_a_current_certificate_rejects(string? number, string? validTo)
    {
        var credential = new ProfessionalCredential(ProfessionalField.Medical, number, ParseDate(validTo));
        var legal = new ProfessionalCredential(ProfessionalField.Legal, "LS-0001", new LocalDate(2030, 1, 1));

        var decision = Evaluate(Host() with { ProfessionalFields = [legal, credential] });

        AssertOnlyReason(decision, ReasonCodes.ProfessionalQualificationRequired, "professionalFields[1]");
    }

    [Fact]
    public void An_approval_lasts_no_longer_than_the_certificate_it_relies_on()
    {
        var expiring = new ProfessionalCredential(ProfessionalField.Financial, "JR-0001", new LocalDate(2026, 6, 30));
        var longer = new ProfessionalCredential(ProfessionalField.Education, "JS-0001", new LocalDate(2030, 6, 30));

        var decision = Evaluate(Host() with { ProfessionalFields = [longer, expiring] });

        Assert.Equal(Decision.Approved, decision.Outcome);
        Assert.Equal(Shanghai(2026, 7, 1), decision.ValidUntil);
    }

    [Fact]
    public void A_certificate_counts_on_its_last_day_and_a_valid_one_covers_a_lapsed_one_for_the_same_field()
    {
        var lapsed = new ProfessionalCredential(ProfessionalField.Medical, "YS-OLD", Today.PlusDays(-1));
        var lastDay = new ProfessionalCredential(ProfessionalField.Medical, "YS-NEW", Today);

        var decision = Evaluate(Host() with { ProfessionalFields = [lapsed, lastDay] });

        Assert.Equal(Decision.Approved, decision.Outcome);
        Assert.Equal(Shanghai(2026, 3, 11), decision.ValidUntil);
    }

    [Fact]
    public void A_virtual_avatar_needs_the_portrait_owners_consent()
    {
        var without = Evaluate(Host() with { VirtualAvatar = new VirtualAvatar(PortraitOwnerConsent: false) });
        var with = Evaluate(Host() with { VirtualAvatar = new VirtualAvatar(PortraitOwnerConsent: true) });

        AssertOnlyReason(without, ReasonCodes.PortraitConsentRequired, "virtualAvatar.portraitOwnerConsent");
        Assert.Equal(Decision.Approved, with.Outcome);
    }

    [Fact]
    public void A_public_figure_or_overseas_host_otherwise_qualified_goes_to_manual_review()
    {
        var publicFigure = Evaluate(Host() with { IsPublicFigure = true });
        var overseas = Evaluate(Host() with { IsOverseas = true });

        Assert.Equal(Decision.ManualReview, publicFigure.Outcome);
        Assert.Null(publicFigure.ValidUntil);
        var reason = Assert.Single(publicFigure.Reasons);
        Assert.Equal((ReasonCodes.AdvanceReportRequired, "isPublicFigure"), (reason.Code, reason.Field));
        Assert.Equal(Decision.ManualReview, overseas.Outcome);
        Assert.Equal(ReasonCodes.AdvanceReportRequired, Assert.Single(overseas.Reasons).Code);
    }

    [Fact]
    public void A_rejected_public_figure_still_lists_the_advance_report()
    {
        var decision = Evaluate(Host("310115201006060076") with { IsPublicFigure = true, IsOverseas = true });

        Assert.Equal(Decision.Rejected, decision.Outcome);
        Assert.Equal(
            [ReasonCodes.HostUnder16, ReasonCodes.AdvanceReportRequired, ReasonCodes.AdvanceReportRequired],
            decision.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void A_blacklisted_host_or_one_verified_under_another_name_is_rejected()
    {
        var blacklisted = _policy.EvaluateHost(Host(), CheckedAt, new SubjectFacts { PersonBlacklisted = true });
        var renamed = _policy.EvaluateHost(Host(), CheckedAt, new SubjectFacts { PersonNameMismatch = true });

        AssertOnlyReason(blacklisted, ReasonCodes.Blacklisted, "idNumber");
        AssertOnlyReason(renamed, ReasonCodes.NameMismatch, "name");
    }

    [Fact]
    public void An_entity_blacklisting_does_not_concern_a_host()
    {
        var decision = _policy.EvaluateHost(Host(), CheckedAt, new SubjectFacts { EntityBlacklisted = true });

        Assert.Equal(Decision.Approved, decision.Outcome);
    }

    [Fact]
    public void Every_failing_reason_is_listed_together()
    {
        var application = Host(IdNumberAged(16)) with
        {
            IsOverseas = true,
            ProfessionalFields = [new ProfessionalCredential(ProfessionalField.Legal, null, null)],
            VirtualAvatar = new VirtualAvatar(false),
        };
        var facts = new SubjectFacts { PersonBlacklisted = true, PersonNameMismatch = true };

        var decision = _policy.EvaluateHost(application, CheckedAt, facts);

        Assert.Equal(Decision.Rejected, decision.Outcome);
        Assert.Equal(
            [
                (ReasonCodes.Blacklisted, "idNumber"),
                (ReasonCodes.NameMismatch, "name"),
                (ReasonCodes.GuardianConsentRequired, "guardianConsent"),
                (ReasonCodes.ProfessionalQualificationRequired, "professionalFields[0]"),
                (ReasonCodes.PortraitConsentRequired, "virtualAvatar.portraitOwnerConsent"),
                (ReasonCodes.AdvanceReportRequired, "isOverseas"),
            ],
            decision.Reasons.Select(r => (r.Code, r.Field)));
    }

    private QualificationDecision Evaluate(HostApplication application) =>
        _policy.EvaluateHost(application, CheckedAt, SubjectFacts.None);

    private static LocalDate? ParseDate(string? text) =>
        text is null ? null : NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;

    private static Reason AssertOnlyReason(QualificationDecision decision, string code, string field)
    {
        Assert.Equal(Decision.Rejected, decision.Outcome);
        Assert.Null(decision.ValidUntil);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal((code, field), (reason.Code, reason.Field));
        return reason;
    }
}
