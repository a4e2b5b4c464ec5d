using NodaTime;

namespace LiveCommerce.Domain.Cases;

/// <summary>Why a case operation was refused.</summary>
public enum CaseRefusal
{
    /// <summary>The case is decided: nothing changes it any more.</summary>
    AlreadyDecided,

    /// <summary>The verdict does not apply to this kind of case (an appeal cannot ask for more documents).</summary>
    VerdictNotApplicable,
}

/// <summary>
/// A review case as a value (Order 117 arts. 12, 14, 19-20: a decision by a person, with a deadline and a record).
/// Transitions return a new case or a refusal; a decided case refuses everything, so a decision is final.
/// </summary>
public sealed record ReviewCase(
    string CaseId,
    ReviewCaseKind Kind,
    ReviewCaseStatus Status,
    Instant OpenedAt,
    CaseDeadline Deadline,
    string? Assignee,
    ReviewVerdict? Verdict,
    string? DecidedBy,
    Instant? DecidedAt)
{
    public bool IsDecided => Status == ReviewCaseStatus.Decided;

    /// <summary>Overdue: not decided, and past its due date. Waiting for the platform's documents does not stop the clock.</summary>
    public bool IsOverdueAt(Instant at) => !IsDecided && Deadline.IsOverdueAt(at);

    public static ReviewCase Open(string caseId, ReviewCaseKind kind, Instant openedAt, CaseDeadline deadline) =>
        new(caseId, kind, ReviewCaseStatus.Open, openedAt, deadline, null, null, null, null);

    public Result Assign(string assignee) =>
        IsDecided ? CaseRefusal.AlreadyDecided
        : new Result(this with { Assignee = assignee, Status = Status == ReviewCaseStatus.AwaitingInformation ? Status : ReviewCaseStatus.Assigned });

    /// <summary>A reviewer's decision. <c>needs_more_information</c> keeps the case open, waiting for the platform.</summary>
    public Result Decide(ReviewVerdict verdict, string reviewer, Instant at)
    {
        if (IsDecided)
        {
            return CaseRefusal.AlreadyDecided;
        }

        if (verdict == ReviewVerdict.NeedsMoreInformation)
        {
            return Kind == ReviewCaseKind.SanctionAppeal
                ? CaseRefusal.VerdictNotApplicable
                : new Result(this with { Status = ReviewCaseStatus.AwaitingInformation });
        }

        return new Result(this with { Status = ReviewCaseStatus.Decided, Verdict = verdict, DecidedBy = reviewer, DecidedAt = at });
    }

    /// <summary>
    /// The account was checked again while this case is open: the new check joins the case. After a request for
    /// documents the case is back with its reviewer (or the queue) and gets a new due date from today.
    /// </summary>
    public Result Resubmit(CaseDeadline fresh)
    {
        if (IsDecided)
        {
            return CaseRefusal.AlreadyDecided;
        }

        return Status == ReviewCaseStatus.AwaitingInformation
            ? new Result(this with { Status = Assignee is null ? ReviewCaseStatus.Open : ReviewCaseStatus.Assigned, Deadline = fresh })
            : new Result(this);
    }

    /// <summary>The new case, or why not.</summary>
    public readonly record struct Result(ReviewCase? Case, CaseRefusal? Refusal)
    {
        public Result(ReviewCase next)
            : this(next, null)
        {
        }

        public static implicit operator Result(CaseRefusal refusal) => new(null, refusal);
    }
}
