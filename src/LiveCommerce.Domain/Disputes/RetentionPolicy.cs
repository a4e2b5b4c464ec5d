using System.Collections.Frozen;
using NodaTime;

namespace LiveCommerce.Domain.Disputes;

/// <summary>
/// The minimum time each kind of evidence is kept. Purging is allowed only once that time has fully run out in
/// Asia/Shanghai; nothing here ever allows it earlier.
/// </summary>
public static class RetentionPolicy
{
    private static readonly Period ThreeYears = Period.FromYears(3);

    private static readonly FrozenDictionary<EvidenceKind, RetentionRule> Rules = new RetentionRule[]
    {
        // Order 117 art. 16: transaction information, ≥ 3 years from completion of the transaction.
        Transaction(EvidenceKind.Order),
        Transaction(EvidenceKind.LiveAccount),
        Transaction(EvidenceKind.ReplayVideo),
        Transaction(EvidenceKind.LiveInteraction),
        Transaction(EvidenceKind.ProductPageSnapshot),
        Transaction(EvidenceKind.CustomerServiceRecord),
        Transaction(EvidenceKind.PaymentRecord),
        Transaction(EvidenceKind.LogisticsRecord),
        Transaction(EvidenceKind.ReturnRecord),
        Transaction(EvidenceKind.AfterSalesRecord),

        // Order 117 arts 27, 28, 31: ≥ 3 years after the live.
        new(EvidenceKind.SellerVerification, RetentionAnchor.LiveEnded, ThreeYears, "Order 117 art. 27"),
        new(EvidenceKind.MarketerVerification, RetentionAnchor.LiveEnded, ThreeYears, "Order 117 art. 28"),
        new(EvidenceKind.CorrectionRecord, RetentionAnchor.LiveEnded, ThreeYears, "Order 117 art. 31"),

        // CAC 2016 互联网直播服务管理规定 art. 16: content and logs, 60 days. Counted from the end of the live so a
        // long live keeps its opening minutes as long as its last.
        new(EvidenceKind.LiveContent, RetentionAnchor.LiveEnded, Period.FromDays(60), "CAC 2016 art. 16"),

        // Key rooms are to keep records for "an extended period" (2021 Measures art. 11) with no number given. Design
        // default: the 3 years Order 117 sets for the records of a live.
        new(EvidenceKind.KeyRoomLiveContent, RetentionAnchor.LiveEnded, ThreeYears, "2021 Measures art. 11; design default"),
    }.ToFrozenDictionary(rule => rule.Kind);

    public static RetentionRule RuleFor(EvidenceKind kind) =>
        Rules.TryGetValue(kind, out var rule)
            ? rule
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "No retention rule for this kind of evidence.");

    /// <summary>
    /// The last day <paramref name="kind"/> must be kept, or null while its period has not started (see
    /// <see cref="EvidenceTimeline"/>).
    /// </summary>
    public static LocalDate? RetainUntil(EvidenceKind kind, EvidenceTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var rule = RuleFor(kind);
        return timeline.DateOf(rule.Anchor) is { } anchoredOn ? rule.RetainUntil(anchoredOn) : null;
    }

    /// <summary>True only from the day after <see cref="RetainUntil"/>, Asia/Shanghai.</summary>
    public static bool MayPurge(EvidenceKind kind, EvidenceTimeline timeline, Instant now) =>
        RetainUntil(kind, timeline) is { } retainUntil && ChinaTime.DateOf(now) > retainUntil;

    private static RetentionRule Transaction(EvidenceKind kind) =>
        new(kind, RetentionAnchor.TransactionCompleted, ThreeYears, "Order 117 art. 16");
}
