using LiveCommerce.Domain.Filings;
using NodaTime;

namespace LiveCommerce.Domain.Disputes;

/// <summary>
/// When the platform answers a consumer's dispute-evidence request: N working days after the request day, which
/// does not count (Civil Code art. 201). Order 117 arts 19–20 require a complaint process with response deadlines
/// but fix no number; 7 working days is the platform's default, configurable per tenant.
/// </summary>
public sealed record ResponseDeadline(LocalDate RequestedOn, LocalDate RespondBy, int WorkingDays)
{
    public const int DefaultWorkingDays = 7;

    public static CalendarResult<ResponseDeadline> Compute(
        LocalDate requestedOn, WorkingDayCalendar calendar, int workingDays = DefaultWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);

        return calendar.AddWorkingDays(requestedOn, workingDays)
            .Map(respondBy => new ResponseDeadline(requestedOn, respondBy, workingDays));
    }

    public static CalendarResult<ResponseDeadline> Compute(
        Instant requestedAt, WorkingDayCalendar calendar, int workingDays = DefaultWorkingDays) =>
        Compute(ChinaTime.DateOf(requestedAt), calendar, workingDays);

    /// <summary>From this instant (midnight after <see cref="RespondBy"/>, Asia/Shanghai) the answer is overdue.</summary>
    public Instant OverdueFrom => ChinaTime.StartOf(RespondBy.PlusDays(1));
}
