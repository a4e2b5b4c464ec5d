using NodaTime;

namespace LiveCommerce.Domain.Disputes;

/// <summary>A sale made in a live session, as far as the retention of the session's content needs it.</summary>
/// <param name="TransactionCompletedOn">Null while the order is open (delivery, returns, after-sales).</param>
public sealed record SessionSale(Instant PurchasedAt, LocalDate? TransactionCompletedOn);

/// <summary>What decides how long a live session's records are kept.</summary>
/// <param name="LiveEndedOn">Null while the live has not ended (or its end is not reported yet).</param>
public sealed record SessionRetentionFacts(LocalDate? LiveEndedOn, bool IsKeyRoom, IReadOnlyList<SessionSale> Sales)
{
    public static SessionRetentionFacts Unknown { get; } = new(null, false, []);
}

/// <summary>
/// The last day a pushed record must be kept. Null means "not known yet": an anchor has not happened (the live is
/// running, an order is still open), so the record may not be purged. Nothing here ever gives an earlier day than
/// <see cref="RetentionPolicy"/> does for any category the record falls under.
/// </summary>
public static class RecordRetention
{
    /// <summary>A document of one order: its category's period from the order's completion.</summary>
    public static LocalDate? ForOrderRecord(EvidenceRecordKind kind, LocalDate? transactionCompletedOn)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return RetentionPolicy.RetainUntil(kind.Category, new EvidenceTimeline(null, transactionCompletedOn));
    }

    /// <summary>
    /// A record of a live session. Live content is kept the live-content period after the live (60 days; key rooms
    /// 3 years) and, for every sale whose <see cref="ReplayWindow"/> it overlaps, as long as that sale's transaction
    /// information (3 years from completion). Corrections: 3 years after the live.
    /// </summary>
    public static LocalDate? ForSessionRecord(EvidenceRecordKind kind, Interval? span, SessionRetentionFacts session)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(session);

        var afterLive = new EvidenceTimeline(session.LiveEndedOn, null);
        if (!kind.IsLiveContent)
        {
            return RetentionPolicy.RetainUntil(kind.Category, afterLive);
        }

        var until = RetentionPolicy.RetainUntil(session.IsKeyRoom ? EvidenceKind.KeyRoomLiveContent : EvidenceKind.LiveContent, afterLive);
        foreach (var sale in session.Sales)
        {
            if (until is null)
            {
                break;
            }

            if (ReplayWindow.Shows(span, sale.PurchasedAt))
            {
                var forSale = RetentionPolicy.RetainUntil(kind.Category, new EvidenceTimeline(null, sale.TransactionCompletedOn));
                until = forSale is { } day ? LocalDate.Max(until.Value, day) : null;
            }
        }

        return until;
    }

    /// <summary>The first day the record may be purged, Asia/Shanghai; null while that is not known.</summary>
    public static LocalDate? PurgeFrom(LocalDate? retainUntil) => retainUntil?.PlusDays(1);
}
