using NodaTime;

namespace LiveCommerce.Domain.Filings;

/// <summary>
/// The last day to file a themed e-commerce event (电商节/促销日 programme: guests, hosts, content) with the provincial
/// radio/TV authority: NRTA 2020 notice (广电发〔2020〕78号) "14 working days in advance".
/// </summary>
/// <remarks>
/// The notice does not define "N working days in advance". We take the conservative reading the contract states: at
/// least N working days lie strictly between the filing day and the event day, neither of which counts. The other
/// reading (filing day counts) gives a deadline one working day later; filing by ours satisfies both.
/// </remarks>
/// <param name="EventDate">The event's start date in Asia/Shanghai.</param>
/// <param name="Date">The deadline: the latest date satisfying the rule. It may be a weekend or holiday.</param>
public sealed record FilingDeadline(LocalDate EventDate, LocalDate Date, int WorkingDays)
{
    /// <summary>NRTA 2020 notice [R: not yet confirmed against the original text].</summary>
    public const int NrtaWorkingDays = 14;

    /// <summary>Reminders go out when this many working days are left, 0 being the last day to file.</summary>
    public static IReadOnlyList<int> ReminderWorkingDaysLeft { get; } = [5, 2, 0];

    public static CalendarResult<FilingDeadline> Compute(
        LocalDate eventDate, WorkingDayCalendar calendar, int workingDays = NrtaWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);

        // The N-th working day before the event is the earliest one that must lie after the filing day, so the
        // latest filing day is the day before it, working or not.
        return calendar.AddWorkingDays(eventDate, -workingDays)
            .Map(earliestCounted => new FilingDeadline(eventDate, earliestCounted.PlusDays(-1), workingDays));
    }

    public static CalendarResult<FilingDeadline> Compute(
        Instant eventStartsAt, WorkingDayCalendar calendar, int workingDays = NrtaWorkingDays) =>
        Compute(ChinaTime.DateOf(eventStartsAt), calendar, workingDays);

    /// <summary>From this instant (midnight after the deadline, Asia/Shanghai) an unfiled event is late.</summary>
    public Instant LateFrom => ChinaTime.StartOf(Date.PlusDays(1));

    /// <summary>A submission counts by its Asia/Shanghai date, whatever the offset it was sent with.</summary>
    public bool IsMetBy(Instant submittedAt) => ChinaTime.DateOf(submittedAt) <= Date;

    /// <summary>
    /// The reminder dates, as <see cref="ReminderWorkingDaysLeft"/> says. All count back from the last working day on
    /// or before the deadline, the last day on which both the compliance officer and the authority are at work:
    /// <list type="bullet">
    /// <item>The 0 reminder falls on that day, not on a deadline that is a Sunday: an officer reminded on the Sunday
    /// could no longer act, and the Civil Code art. 203 extension to the next working day runs the wrong
    /// way for an "in advance" deadline.</item>
    /// <item>"N working days before" is then the N-th working day before that last day, so exactly N working days
    /// remain after the reminder, whether or not the deadline itself is a working day.</item>
    /// </list>
    /// </summary>
    public CalendarResult<IReadOnlyList<FilingReminder>> Reminders(WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!calendar.LastWorkingDayOnOrBefore(Date).TryGetValue(out var lastFilingDay, out var notPublished))
        {
            return CalendarResult<IReadOnlyList<FilingReminder>>.NotPublished(notPublished);
        }

        var reminders = new List<FilingReminder>(ReminderWorkingDaysLeft.Count);
        foreach (var left in ReminderWorkingDaysLeft)
        {
            if (!calendar.AddWorkingDays(lastFilingDay, -left).TryGetValue(out var on, out notPublished))
            {
                return CalendarResult<IReadOnlyList<FilingReminder>>.NotPublished(notPublished);
            }

            reminders.Add(new FilingReminder(left, on));
        }

        return CalendarResult<IReadOnlyList<FilingReminder>>.Of(reminders);
    }
}
