using NodaTime;

namespace LiveCommerce.Domain.Disputes;

/// <summary>How long one kind of evidence is kept at least, from which event, and on what authority.</summary>
public sealed record RetentionRule(EvidenceKind Kind, RetentionAnchor Anchor, Period Minimum, string Basis)
{
    /// <summary>
    /// The last day the evidence must still exist. The anchor day does not count and a period in years ends on the
    /// same month and day, or the month's last day when there is none (29 Feb → 28 Feb): Civil Code arts 201, 202.
    /// </summary>
    public LocalDate RetainUntil(LocalDate anchoredOn) => anchoredOn.Plus(Minimum);
}
