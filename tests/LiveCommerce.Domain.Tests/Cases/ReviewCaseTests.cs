using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Cases;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Cases;

public static class CaseOperations
{
    public abstract record Op;

    public sealed record Assign(string Who) : Op;

    public sealed record Decide(ReviewVerdict Verdict) : Op;

    public sealed record Resubmit : Op;

    public static Arbitrary<Op[]> Ops() =>
        Gen.OneOf(
                Gen.Elements("r1", "r2").Select(w => (Op)new Assign(w)),
                Gen.Elements(Enum.GetValues<ReviewVerdict>()).Select(v => (Op)new Decide(v)),
                Gen.Constant((Op)new Resubmit()))
            .ArrayOf()
            .ToArbitrary();
}

[Properties(Arbitrary = [typeof(CaseOperations)], MaxTest = 300)]
public sealed class ReviewCaseTests
{
    private static readonly Instant Opened = Instant.FromUtc(2026, 3, 2, 2, 0);
    private static readonly CaseDeadline Deadline = new(new LocalDate(2026, 3, 5), false);

    [Property]
    public void A_decision_is_final_and_the_first_approval_or_rejection_is_the_one_kept(CaseOperations.Op[] ops, bool appeal)
    {
        var @case = ReviewCase.Open("c1", appeal ? ReviewCaseKind.SanctionAppeal : ReviewCaseKind.HostQualification, Opened, Deadline);
        ReviewVerdict? first = null;
        foreach (var op in ops)
        {
            var result = op switch
            {
                CaseOperations.Assign a => @case.Assign(a.Who),
                CaseOperations.Decide d => @case.Decide(d.Verdict, "r1", Opened),
                _ => @case.Resubmit(Deadline),
            };
            if (@case.IsDecided)
            {
                Assert.Equal(CaseRefusal.AlreadyDecided, result.Refusal);
                continue;
            }

            if (op is CaseOperations.Decide { Verdict: not ReviewVerdict.NeedsMoreInformation } decide)
            {
                first = decide.Verdict;
            }

            @case = result.Case ?? @case;
        }

        Assert.Equal(first, @case.Verdict);
        Assert.Equal(first is not null, @case.IsDecided);
        Assert.False(appeal && @case.Status == ReviewCaseStatus.AwaitingInformation);
    }

    [Fact]
    public void Asking_for_documents_waits_for_the_platform_and_a_resubmission_restarts_the_clock()
    {
        var @case = ReviewCase.Open("c1", ReviewCaseKind.HostQualification, Opened, Deadline).Assign("r1").Case!;
        var waiting = @case.Decide(ReviewVerdict.NeedsMoreInformation, "r1", Opened).Case!;
        Assert.Equal(ReviewCaseStatus.AwaitingInformation, waiting.Status);

        var fresh = new CaseDeadline(new LocalDate(2026, 3, 12), false);
        var back = waiting.Resubmit(fresh).Case!;
        Assert.Equal(ReviewCaseStatus.Assigned, back.Status);
        Assert.Equal(fresh, back.Deadline);
        Assert.True(back.IsOverdueAt(fresh.OverdueFrom));
        Assert.False(back.Decide(ReviewVerdict.Approved, "r1", Opened).Case!.IsOverdueAt(fresh.OverdueFrom));
    }
}
