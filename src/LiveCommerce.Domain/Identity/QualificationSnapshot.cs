namespace LiveCommerce.Domain.Identity;

/// <summary>
/// What a qualification decision relied on, kept with it so that a re-verification (Order 117 art. 8: at least every
/// six months) can apply every rule that changes with time again without the raw identifiers, which are never stored.
/// The verdicts on the identifiers themselves are kept as findings: a valid ID number stays valid and age only grows,
/// so what passed stays passed; what failed can only be cured by a new check with the application itself.
/// </summary>
public abstract record QualificationSnapshot
{
    private protected QualificationSnapshot()
    {
    }

    /// <summary>JSON path of each identifier in the application → the form safe to store (see <see cref="QualificationDecision"/>).</summary>
    public required IReadOnlyDictionary<string, string> MaskedIdentifiers { get; init; }

    /// <summary>Findings on the identifiers that never change the outcome, e.g. credit-code sub-checks.</summary>
    public required IReadOnlyList<Reason> Warnings { get; init; }

    /// <summary>Every identifier parsed, and (for a host) the age rules passed, on the day of the original check.</summary>
    public abstract bool IdentityChecksPassed { get; }
}

/// <summary>A merchant's application as far as re-verification needs it.</summary>
public sealed record MerchantSnapshot : QualificationSnapshot
{
    /// <summary><c>CREDIT_CODE_INVALID</c> when the credit code did not parse; null when it did.</summary>
    public Reason? CreditCodeFinding { get; init; }

    /// <summary><c>ID_NUMBER_INVALID</c> when the legal representative's ID number did not parse; null when it did.</summary>
    public Reason? RepresentativeIdFinding { get; init; }

    /// <summary>As the application listed them (duplicates included: reasons point at their index).</summary>
    public required IReadOnlyList<ProductCategory> Categories { get; init; }

    public required IReadOnlyList<Licence> Licences { get; init; }

    public override bool IdentityChecksPassed => CreditCodeFinding is null && RepresentativeIdFinding is null;
}

/// <summary>A host's application as far as re-verification needs it.</summary>
public sealed record HostSnapshot : QualificationSnapshot
{
    /// <summary><c>ID_NUMBER_INVALID</c> when the host's ID number did not parse; null when it did.</summary>
    public Reason? IdNumberFinding { get; init; }

    /// <summary><c>HOST_UNDER_16</c> or the <c>GUARDIAN_CONSENT_REQUIRED</c> findings of the original check.</summary>
    public required IReadOnlyList<Reason> AgeFindings { get; init; }

    public required IReadOnlyList<ProfessionalCredential> ProfessionalFields { get; init; }

    public VirtualAvatar? VirtualAvatar { get; init; }

    public bool IsPublicFigure { get; init; }

    public bool IsOverseas { get; init; }

    public override bool IdentityChecksPassed => IdNumberFinding is null && AgeFindings.Count == 0;
}
