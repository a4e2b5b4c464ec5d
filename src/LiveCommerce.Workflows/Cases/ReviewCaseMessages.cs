namespace LiveCommerce.Workflows.Cases;

// What the review-case workflow passes to and from its activities: ids and instants only.

/// <summary>Where the case workflow is in its timeline; after a new due date it starts again at <see cref="Waiting"/>.</summary>
public enum ReviewCaseStage
{
    Waiting,
    Reminded,
    Escalated,
}

/// <param name="RemindAt">The due date's reminder (09:00 Shanghai on the due date).</param>
/// <param name="EscalateAt">The first instant the case is overdue (the midnight after the due date).</param>
public sealed record ReviewCaseWorkflowInput(string Platform, string CaseId, DateTimeOffset RemindAt, DateTimeOffset EscalateAt, ReviewCaseStage Stage = ReviewCaseStage.Waiting);

/// <summary>The external event <see cref="ReviewCaseOrchestrator.SignalEvent"/>: the case was decided, or has a new due date.</summary>
public sealed record ReviewCaseSignal(string Kind, DateTimeOffset? RemindAt = null, DateTimeOffset? EscalateAt = null)
{
    public const string Decided = "decided";
    public const string DeadlineChanged = "deadline_changed";
}

public sealed record ReviewCaseRef(string Platform, string CaseId);

/// <summary>What the instance did: <c>decided</c> (its effects applied) or <c>continued</c> (a new due date).</summary>
public sealed record ReviewCaseWorkflowResult(string Outcome, bool Reminded, bool Escalated);

/// <summary>
/// What a review case's workflow does to the world, implemented over the case store: every call is idempotent
/// (activities run at least once), and the case row stays the record whatever the workflow does.
/// </summary>
public interface IReviewCaseEffects
{
    /// <summary>The due date has come: reminds the assignee (a history entry on the case, once).</summary>
    Task RemindAsync(ReviewCaseRef reference, CancellationToken cancellationToken);

    /// <summary>A day past due: the case's history says so and the platform hears <c>review_case.overdue</c> (once).</summary>
    Task EscalateAsync(ReviewCaseRef reference, CancellationToken cancellationToken);

    /// <summary>Stores the effects of the case's final decision if they are not yet (the review record, a revocation).</summary>
    Task ApplyDecisionAsync(ReviewCaseRef reference, CancellationToken cancellationToken);
}
