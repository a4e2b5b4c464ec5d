namespace LiveCommerce.Domain.Identity;

/// <summary>The outcome of a check. Contract ids: <c>approved</c>, <c>rejected</c>, <c>manual_review</c>.</summary>
public enum Decision
{
    Approved,
    Rejected,
    ManualReview,
}
