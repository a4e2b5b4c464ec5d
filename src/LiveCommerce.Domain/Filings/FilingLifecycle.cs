using NodaTime;

namespace LiveCommerce.Domain.Filings;

/// <summary>
/// The pure transitions of <see cref="FilingStatus"/>. Callers pass the clock; dates are judged in Asia/Shanghai.
/// </summary>
public static class FilingLifecycle
{
    /// <summary>
    /// The status of a filing recorded at <paramref name="now"/>. One recorded after its deadline is still recorded,
    /// as late. That covers an event that has already begun: its deadline lies at least 15 days before its start.
    /// </summary>
    public static FilingStatus Created(FilingDeadline deadline, Instant now)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return now >= deadline.LateFrom ? FilingStatus.Late : FilingStatus.Open;
    }

    /// <summary>
    /// The status once the authority's receipt is recorded. It depends only on when the filing was submitted: a
    /// receipt recorded after the deadline for a filing submitted in time turns a <see cref="FilingStatus.Late"/>
    /// filing into <see cref="FilingStatus.Filed"/>, and a corrected receipt re-decides the status.
    /// </summary>
    public static FilingStatus ReceiptRecorded(FilingDeadline deadline, Instant submittedAt)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return deadline.IsMetBy(submittedAt) ? FilingStatus.Filed : FilingStatus.FiledLate;
    }

    /// <summary>
    /// The status as time passes (a timer at <see cref="FilingDeadline.LateFrom"/>, or any later look): an open
    /// filing whose deadline has passed becomes late; every other status stays.
    /// </summary>
    public static FilingStatus TimePassed(FilingStatus current, FilingDeadline deadline, Instant now)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return current == FilingStatus.Open && now >= deadline.LateFrom ? FilingStatus.Late : current;
    }
}
