using NodaTime;

namespace LiveCommerce.Domain.Identity;

/// <summary>What one evaluation has found so far, in the order of the request's fields.</summary>
internal sealed class QualificationFindings(Instant checkedAt)
{
    /// <summary>The date of the check in Asia/Shanghai: licences, certificates and ages are judged on it.</summary>
    public LocalDate Today { get; } = ChinaTime.DateOf(checkedAt);

    private readonly List<Reason> _reasons = [];
    private Instant _validUntil = ReverificationDueAfter(checkedAt);
    private Instant? _earliestLicenceExpiry;
    private bool _rejected;

    public void Reject(string code, string message, string field)
    {
        _reasons.Add(new Reason(code, message, field));
        _rejected = true;
    }

    /// <summary>A rejection an earlier check found on an identifier, carried as it was.</summary>
    public void Carry(Reason? finding)
    {
        if (finding is not null)
        {
            _reasons.Add(finding);
            _rejected = true;
        }
    }

    /// <summary>A reason a person must look at before approval; it rejects nothing by itself.</summary>
    public void RequireReview(string code, string message, string field) =>
        _reasons.Add(new Reason(code, message, field));

    /// <summary>The approval relies on a licence or certificate that lapses at <paramref name="expiresAt"/>.</summary>
    public void RelyOn(Instant expiresAt)
    {
        _validUntil = Instant.Min(_validUntil, expiresAt);
        _earliestLicenceExpiry = _earliestLicenceExpiry is { } earlier ? Instant.Min(earlier, expiresAt) : expiresAt;
    }

    /// <param name="reviewWaived">A person reviewed the reasons that asked for review: they become warnings of an approval (never a rejection's).</param>
    public QualificationDecision ToDecision(QualificationSnapshot basis, QualificationSubjects subjects, bool reviewWaived = false)
    {
        var waived = reviewWaived && !_rejected;
        var outcome = _rejected ? Decision.Rejected : _reasons.Count > 0 && !waived ? Decision.ManualReview : Decision.Approved;
        var approved = outcome == Decision.Approved;
        return new QualificationDecision(
            outcome,
            waived ? [] : _reasons.AsReadOnly(),
            waived ? [.. basis.Warnings, .. _reasons] : basis.Warnings,
            approved ? _validUntil : null,
            QualificationPolicy.RuleSetVersion,
            checkedAt,
            basis.MaskedIdentifiers,
            subjects,
            basis,
            approved ? _earliestLicenceExpiry : null);
    }

    // Calendar months on the Shanghai wall clock, so 31 August plus six months is the last day of February.
    private static Instant ReverificationDueAfter(Instant instant) =>
        instant.InZone(ChinaTime.Zone).LocalDateTime.Plus(QualificationPolicy.ReverificationInterval)
            .InZoneLeniently(ChinaTime.Zone).ToInstant();
}

/// <summary>
/// The verdicts on an application's identifiers, made once on the day of the original check: the masked form of each
/// identifier, and the warnings about it. The rejections are returned to be kept in the <see cref="QualificationSnapshot"/>.
/// </summary>
internal sealed class IdentityFindings(Instant checkedAt)
{
    private readonly Dictionary<string, string> _maskedIdentifiers = new(StringComparer.Ordinal);
    private readonly List<Reason> _warnings = [];

    public LocalDate Today { get; } = ChinaTime.DateOf(checkedAt);

    public IReadOnlyDictionary<string, string> MaskedIdentifiers => _maskedIdentifiers.AsReadOnly();

    public IReadOnlyList<Reason> Warnings => _warnings.AsReadOnly();

    public void RecordIdentifier(string field, string safeForm) => _maskedIdentifiers[field] = safeForm;

    public void Warn(string code, string message, string field) => _warnings.Add(new Reason(code, message, field));
}
