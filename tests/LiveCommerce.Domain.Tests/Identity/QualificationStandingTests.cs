using LiveCommerce.Domain.Identity;
using static LiveCommerce.Domain.Tests.Identity.Applications;

namespace LiveCommerce.Domain.Tests.Identity;

public class QualificationStandingTests
{
    private static readonly NodaTime.Instant ValidUntil = Shanghai(2026, 9, 10, 10);

    [Fact]
    public void An_approval_is_current_until_the_instant_before_it_lapses()
    {
        var standing = QualificationStanding.Of(Decision.Approved, ValidUntil, ValidUntil - NodaTime.Duration.Epsilon);

        Assert.True(standing.IsCurrent);
        Assert.Null(standing.Reason);
    }

    [Fact]
    public void A_lapsed_approval_is_due_for_reverification()
    {
        var standing = QualificationStanding.Of(Decision.Approved, ValidUntil, ValidUntil, field: "hostIds[1]");

        Assert.False(standing.IsCurrent);
        Assert.Equal(ReasonCodes.ReverificationDue, standing.Reason?.Code);
        Assert.Equal("hostIds[1]", standing.Reason?.Field);
        Assert.Contains("2026-09-10", standing.Reason?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_decision_from_the_policy_lapses_with_its_licence()
    {
        var decision = new QualificationPolicy().EvaluateMerchant(
            Merchant(FoodLicence(validTo: new(2026, 4, 30))), CheckedAt, SubjectFacts.None);

        Assert.True(QualificationStanding.Of(decision, Shanghai(2026, 4, 30, 23, 59)).IsCurrent);
        Assert.False(QualificationStanding.Of(decision, Shanghai(2026, 5, 1)).IsCurrent);
    }

    [Theory]
    [InlineData(Decision.Rejected)]
    [InlineData(Decision.ManualReview)]
    public void Anything_but_an_approval_is_not_current_and_keeps_its_own_reasons(Decision outcome)
    {
        var standing = QualificationStanding.Of(outcome, null, CheckedAt);

        Assert.False(standing.IsCurrent);
        Assert.Null(standing.Reason);
    }

    [Fact]
    public void An_approval_without_an_end_is_treated_as_lapsed()
    {
        var standing = QualificationStanding.Of(Decision.Approved, null, CheckedAt);

        Assert.False(standing.IsCurrent);
        Assert.Equal(ReasonCodes.ReverificationDue, standing.Reason?.Code);
    }
}
