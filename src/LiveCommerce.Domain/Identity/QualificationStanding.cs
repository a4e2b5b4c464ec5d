using NodaTime;

namespace LiveCommerce.Domain.Identity;

/// <summary>
/// Whether a stored qualification still lets its subject sell live at a given moment: the pre-live check asks this
/// of the merchant and of every host.
/// </summary>
/// <param name="IsCurrent">Approved, and not yet due for re-verification.</param>
/// <param name="Reason"><c>REVERIFICATION_DUE</c> when an approval has lapsed; null otherwise (a rejection or a
/// pending review keeps its own stored reasons).</param>
public sealed record QualificationStanding(bool IsCurrent, Reason? Reason)
{
    private static readonly QualificationStanding Current = new(true, null);
    private static readonly QualificationStanding NotApproved = new(false, null);

    public static QualificationStanding Of(QualificationDecision decision, Instant at, string? field = null) =>
        Of(decision.Outcome, decision.ValidUntil, at, field);

    /// <param name="field">Where the caller's response should point, e.g. <c>hostIds[1]</c>.</param>
    public static QualificationStanding Of(Decision outcome, Instant? validUntil, Instant at, string? field = null)
    {
        if (outcome != Decision.Approved)
        {
            return NotApproved;
        }

        // ValidUntil is the first instant the approval no longer covers. An approval without one is treated as lapsed.
        if (validUntil is { } until && at < until)
        {
            return Current;
        }

        var message = validUntil is { } lapsed
            ? $"The qualification lapsed on {ChinaTime.DateOf(lapsed):uuuu-MM-dd} and must be verified again."
            : "The qualification has no end date and must be verified again.";
        return new QualificationStanding(false, new Reason(ReasonCodes.ReverificationDue, message, field));
    }
}
