using LiveCommerce.Domain.Filings;
using NodaTime;

namespace LiveCommerce.Domain.Cases;

/// <summary>
/// When a review case is due, and when its workflow reminds and escalates. The due date is the N-th official working
/// day after the day the case opened (Civil Code art. 201: the opening day is not counted; Order 117 arts. 19-20 ask
/// for handling deadlines, not a number: 3 working days is this service's default, a platform setting may change it).
/// The case is due until the end of that day (Asia/Shanghai); it is overdue from the next midnight.
/// </summary>
/// <param name="DueBy">The last day the case is on time.</param>
/// <param name="Provisional">
/// True when the official calendar for a year the count crossed is not published yet: the date then counts Monday to
/// Friday as working days (the notice, once out, may move it), and is shown as provisional.
/// </param>
public sealed record CaseDeadline(LocalDate DueBy, bool Provisional)
{
    /// <summary>The service's default (a design choice; no regulation gives the number).</summary>
    public const int DefaultWorkingDays = 3;

    public const int MaxWorkingDays = 30;

    /// <summary>The reminder goes out at 09:00 on the due date, Shanghai time: reviewers see it at the start of the day.</summary>
    public static readonly LocalTime ReminderTime = new(9, 0);

    public static CaseDeadline For(WorkingDayCalendar calendar, Instant openedAt, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        var opened = ChinaTime.DateOf(openedAt);
        return calendar.AddWorkingDays(opened, workingDays).Match(
            due => new CaseDeadline(due, false),
            _ => new CaseDeadline(AddWeekdays(opened, workingDays), true));
    }

    /// <summary>The first instant the case is overdue: the midnight after <see cref="DueBy"/>.</summary>
    public Instant OverdueFrom => ChinaTime.StartOf(DueBy.PlusDays(1));

    public Instant RemindAt => DueBy.At(ReminderTime).InZoneLeniently(ChinaTime.Zone).ToInstant();

    /// <summary>The escalation is a day after the due date: at the moment the case becomes overdue.</summary>
    public Instant EscalateAt => OverdueFrom;

    public bool IsOverdueAt(Instant at) => at >= OverdueFrom;

    private static LocalDate AddWeekdays(LocalDate from, int n)
    {
        var day = from;
        for (var found = 0; found < n;)
        {
            day = day.PlusDays(1);
            found += day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? 0 : 1;
        }

        return day;
    }
}
