using NodaTime;

namespace LiveCommerce.Domain.Identity;

/// <summary>What one evaluation has found so far, in the order of the request's fields.</summary>
internal sealed class QualificationFindings(Instant checkedAt)
{
    /// <summary>The date of the check in Asia/Shanghai: licences, certificates and ages are judged on it.</summary>
    public LocalDate Today { get; } = ChinaTime.DateOf(checkedAt);

    private readonly List<Reason> _reasons = [];
    private readonly List<Reason> _warnings = [];
    private readonly Dictionary<string, string> _maskedIdentifiers = new(StringComparer.Ordinal);
    private Instant _validUntil = ReverificationDueAfter(checkedAt);
    private bool _rejected;

    public void Reject(string code, string message, string field)
    {
        _reasons.Add(new Reason(code, message, field));
        _rejected = true;
    }

    /// <summary>A reason a person must look at before approval; it rejects nothing by itself.</summary>
    public void RequireReview(string code, string message, string field) =>
        _reasons.Add(new Reason(code, message, field));

    public void Warn(string code, string message, string field) => _warnings.Add(new Reason(code, message, field));

    /// <summary>The approval relies on something that lapses at <paramref name="expiresAt"/>.</summary>
    public void RelyOn(Instant expiresAt) => _validUntil = Instant.Min(_validUntil, expiresAt);

    public void RecordIdentifier(string field, string safeForm) => _maskedIdentifiers[field] = safeForm;

    public QualificationDecision ToDecision(QualificationSubjects subjects)
    {
        var outcome = _rejected ? Decision.Rejected : _reasons.Count > 0 ? Decision.ManualReview : Decision.Approved;
        return new QualificationDecision(
            outcome,
            _reasons.AsReadOnly(),
            _warnings.AsReadOnly(),
            outcome == Decision.Approved ? _validUntil : null,
            QualificationPolicy.RuleSetVersion,
            checkedAt,
            _maskedIdentifiers.AsReadOnly(),
            subjects);
    }

    // Calendar months on the Shanghai wall clock, so 31 August plus six months is the last day of February.
    private static Instant ReverificationDueAfter(Instant instant) =>
        instant.InZone(ChinaTime.Zone).LocalDateTime.Plus(QualificationPolicy.ReverificationInterval)
            .InZoneLeniently(ChinaTime.Zone).ToInstant();
}
