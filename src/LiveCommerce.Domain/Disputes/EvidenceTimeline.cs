using NodaTime;

namespace LiveCommerce.Domain.Disputes;

/// <summary>
/// The Asia/Shanghai dates retention periods run from. Null means the event has not happened yet (the live is still
/// running, the order is still open for after-sales): the period has not started, so nothing may be purged.
/// </summary>
public sealed record EvidenceTimeline(LocalDate? LiveEndedOn, LocalDate? TransactionCompletedOn)
{
    public LocalDate? DateOf(RetentionAnchor anchor) => anchor switch
    {
        RetentionAnchor.TransactionCompleted => TransactionCompletedOn,
        RetentionAnchor.LiveEnded => LiveEndedOn,
        _ => throw new ArgumentOutOfRangeException(nameof(anchor), anchor, null),
    };
}
