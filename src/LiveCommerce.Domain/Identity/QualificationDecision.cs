using NodaTime;

namespace LiveCommerce.Domain.Identity;

/// <summary>
/// The review record of one qualification check (Order 117 art. 8: verify, register, archive).
/// </summary>
/// <param name="Reasons">Every reason the outcome is not <see cref="Decision.Approved"/>; empty when approved.</param>
/// <param name="Warnings">Findings that do not change the outcome, e.g. credit-code sub-checks.</param>
/// <param name="ValidUntil">When an approval must be verified again; null unless approved.</param>
/// <param name="MaskedIdentifiers">
/// JSON path of each identifier in the request → a form safe to store: ID numbers masked, valid credit codes whole
/// (they are public), anything invalid masked.
/// </param>
/// <param name="Subjects">The parsed identifiers, for the caller to hash and store; empty after a re-verification.</param>
/// <param name="Basis">What the decision relied on: store it to re-verify later (<see cref="QualificationPolicy.Reverify"/>).</param>
/// <param name="EarliestLicenceExpiry">
/// When the first licence or certificate the approval relied on lapses; null unless approved, or when it relied on none.
/// </param>
public sealed record QualificationDecision(
    Decision Outcome,
    IReadOnlyList<Reason> Reasons,
    IReadOnlyList<Reason> Warnings,
    Instant? ValidUntil,
    string RuleSetVersion,
    Instant CheckedAt,
    IReadOnlyDictionary<string, string> MaskedIdentifiers,
    QualificationSubjects Subjects,
    QualificationSnapshot Basis,
    Instant? EarliestLicenceExpiry);
