using LiveCommerce.Domain.Identity;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Cases;

public sealed class ApprovalAfterReviewTests
{
    private static readonly QualificationPolicy Policy = new();
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 2, 0);

    private static QualificationDecision PublicFigure(SubjectFacts facts) =>
        Policy.EvaluateHost(new HostApplication("冯一", "110105200001011238", null, true, false, [], null), At, facts);

    [Fact]
    public void A_reviewer_waives_the_review_reasons_and_the_approval_runs_six_months_like_a_check()
    {
        var check = PublicFigure(new SubjectFacts());
        Assert.Equal(Decision.ManualReview, check.Outcome);

        var approval = Policy.ApproveAfterReview(check.Basis, At, new SubjectFacts());
        Assert.Equal(Decision.Approved, approval.Outcome);
        Assert.Empty(approval.Reasons);
        Assert.Contains(approval.Warnings, w => check.Reasons.Any(r => r.Code == w.Code));
        Assert.Equal(Instant.FromUtc(2026, 9, 2, 2, 0), approval.ValidUntil);
    }

    [Fact]
    public void A_rejection_is_never_waived()
    {
        var check = PublicFigure(new SubjectFacts());
        var approval = Policy.ApproveAfterReview(check.Basis, At, new SubjectFacts { PersonBlacklisted = true });
        Assert.Equal(Decision.Rejected, approval.Outcome);
        Assert.Contains(approval.Reasons, r => r.Code == ReasonCodes.Blacklisted);
    }
}
