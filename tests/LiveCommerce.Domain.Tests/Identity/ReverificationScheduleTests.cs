using LiveCommerce.Domain.Identity;
using NodaTime;
using static LiveCommerce.Domain.Tests.Identity.Applications;

namespace LiveCommerce.Domain.Tests.Identity;

/// <summary>The sweep's selection at the edges of its two horizons.</summary>
public class ReverificationScheduleTests
{
    private static readonly Instant SweepAt = Shanghai(2026, 6, 1, 2);
    private static readonly Instant FarAway = SweepAt.Plus(Duration.FromDays(180));

    [Fact]
    public void An_approval_ending_exactly_14_days_after_the_sweep_is_due_and_one_an_instant_later_is_not()
    {
        var edge = SweepAt.Plus(Duration.FromDays(14));

        Assert.Equal(ReverificationCause.ApprovalEnding, ReverificationSchedule.CauseAt(Decision.Approved, edge, null, SweepAt));
        Assert.Null(ReverificationSchedule.CauseAt(Decision.Approved, edge + Duration.Epsilon, null, SweepAt));
    }

    [Fact]
    public void A_licence_lapsing_exactly_30_days_after_the_sweep_is_due_and_one_an_instant_later_is_not()
    {
        var edge = SweepAt.Plus(Duration.FromDays(30));

        Assert.Equal(ReverificationCause.LicenceExpiring, ReverificationSchedule.CauseAt(Decision.Approved, FarAway, edge, SweepAt));
        Assert.Null(ReverificationSchedule.CauseAt(Decision.Approved, FarAway, edge + Duration.Epsilon, SweepAt));
    }

    [Fact]
    public void Approvals_and_licences_that_have_already_lapsed_are_due()
    {
        var lapsed = SweepAt - Duration.FromDays(3);

        Assert.Equal(ReverificationCause.ApprovalEnding, ReverificationSchedule.CauseAt(Decision.Approved, lapsed, lapsed, SweepAt));
        Assert.Equal(ReverificationCause.LicenceExpiring, ReverificationSchedule.CauseAt(Decision.Approved, FarAway, lapsed, SweepAt));
    }

    [Fact]
    public void An_approval_without_an_end_is_due_at_once()
    {
        Assert.Equal(ReverificationCause.ApprovalEnding, ReverificationSchedule.CauseAt(Decision.Approved, null, null, SweepAt));
    }

    [Theory]
    [InlineData(Decision.Rejected)]
    [InlineData(Decision.ManualReview)]
    public void Only_approvals_are_swept(Decision outcome)
    {
        Assert.Null(ReverificationSchedule.CauseAt(outcome, SweepAt, SweepAt, SweepAt));
    }

    [Fact]
    public void An_approval_with_nothing_lapsing_within_either_horizon_is_left_alone()
    {
        Assert.Null(ReverificationSchedule.CauseAt(Decision.Approved, FarAway, FarAway, SweepAt));
        Assert.Null(ReverificationSchedule.CauseAt(Decision.Approved, FarAway, null, SweepAt));
    }

    [Fact]
    public void A_stored_decision_is_due_from_30_days_before_its_licence_lapses()
    {
        var approval = new QualificationPolicy().EvaluateMerchant(Merchant(FoodLicence(validTo: new(2026, 8, 31))), CheckedAt, SubjectFacts.None);
        var lapses = Shanghai(2026, 9, 1);

        Assert.Equal(lapses, approval.ValidUntil);
        Assert.Null(ReverificationSchedule.CauseAt(approval.Outcome, approval.ValidUntil, approval.EarliestLicenceExpiry, lapses - Duration.FromDays(30) - Duration.Epsilon));
        Assert.Equal(ReverificationCause.LicenceExpiring, ReverificationSchedule.CauseAt(approval.Outcome, approval.ValidUntil, approval.EarliestLicenceExpiry, lapses - Duration.FromDays(30)));
        Assert.Equal(ReverificationCause.ApprovalEnding, ReverificationSchedule.CauseAt(approval.Outcome, approval.ValidUntil, approval.EarliestLicenceExpiry, lapses - Duration.FromDays(14)));
    }
}
