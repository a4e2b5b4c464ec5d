namespace LiveCommerce.Domain.Events;

/// <summary>The contract's platform event types (stable; more may be added).</summary>
public static class EventTypes
{
    public const string PreLiveCleared = "pre_live.cleared";
    public const string PreLiveBlocked = "pre_live.blocked";
    public const string QualificationDecided = "qualification.decided";
    public const string ReviewCaseDecided = "review_case.decided";
    public const string SanctionImposed = "sanction.imposed";
    public const string SanctionEnded = "sanction.ended";
    public const string FilingReminder = "filing.reminder";
    public const string FilingLate = "filing.late";
    public const string EvidenceBundleReady = "evidence_bundle.ready";
    public const string TipRefunded = "tip.refunded";

    public static readonly IReadOnlyList<string> All =
    [
        PreLiveCleared, PreLiveBlocked, QualificationDecided, ReviewCaseDecided, SanctionImposed, SanctionEnded,
        FilingReminder, FilingLate, EvidenceBundleReady, TipRefunded,
    ];
}
