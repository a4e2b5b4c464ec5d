using System.Collections.Immutable;
using NodaTime;

namespace LiveCommerce.Domain.Filings;

/// <summary>
/// One year of the State Council's official holiday schedule (国务院办公厅关于…部分节假日安排的通知): the days off and the
/// weekend days that are worked instead (调休). Every other Monday–Friday is a working day, every other weekend day is not.
/// </summary>
public sealed class PublishedYear
{
    // [i] = working days among the first i days of the year. One array answers both "is day i a working day" and
    // "how many working days in a range" without walking the days.
    private readonly int[] _workingDaysBefore;

    private PublishedYear(int year, ImmutableSortedSet<LocalDate> holidays, ImmutableSortedSet<LocalDate> makeUpWorkdays)
    {
        Year = year;
        Holidays = holidays;
        MakeUpWorkdays = makeUpWorkdays;

        var first = new LocalDate(year, 1, 1);
        var days = CalendarSystem.Iso.GetDaysInYear(year);
        _workingDaysBefore = new int[days + 1];
        for (var i = 0; i < days; i++)
        {
            var day = first.PlusDays(i);
            var working = makeUpWorkdays.Contains(day) || (!IsWeekend(day) && !holidays.Contains(day));
            _workingDaysBefore[i + 1] = _workingDaysBefore[i] + (working ? 1 : 0);
        }
    }

    public int Year { get; }

    /// <summary>Days off by the notice. A listed weekend day is simply off, as it would be anyway.</summary>
    public IReadOnlySet<LocalDate> Holidays { get; }

    /// <summary>Saturdays and Sundays that are working days by the notice.</summary>
    public IReadOnlySet<LocalDate> MakeUpWorkdays { get; }

    public int WorkingDayCount => _workingDaysBefore[^1];

    /// <summary>
    /// Validates a schedule as published (or as sent to <c>PUT /api/calendars/cn/{year}</c>). Every problem is
    /// reported, not just the first, each pointing at the entry it is about so an API can name the field
    /// (<c>holidays[3]</c>).
    /// </summary>
    public static bool TryCreate(
        int year,
        IEnumerable<LocalDate> holidays,
        IEnumerable<LocalDate> makeUpWorkdays,
        out PublishedYear publishedYear,
        out IReadOnlyList<ScheduleError> errors)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(makeUpWorkdays);

        var found = new List<ScheduleError>();
        if (year < CalendarSystem.Iso.MinYear || year > CalendarSystem.Iso.MaxYear)
        {
            found.Add(new ScheduleError(ScheduleErrorKind.YearOutOfRange, ScheduleList.None, -1,
                $"year: {year} is outside the supported range {CalendarSystem.Iso.MinYear}–{CalendarSystem.Iso.MaxYear}."));
            publishedYear = null!;
            errors = found;
            return false;
        }

        var offDays = DatesOfYear(ScheduleList.Holidays, holidays, year, found);
        var workedDays = DatesOfYear(ScheduleList.MakeUpWorkdays, makeUpWorkdays, year, found);
        foreach (var (day, index) in workedDays)
        {
            if (offDays.ContainsKey(day))
            {
                found.Add(new ScheduleError(ScheduleErrorKind.HolidayAndMakeUpWorkday, ScheduleList.MakeUpWorkdays, index,
                    $"{day:uuuu-MM-dd} is listed both as a holiday and as a make-up workday."));
            }
        }

        foreach (var (day, index) in workedDays)
        {
            if (!IsWeekend(day))
            {
                found.Add(new ScheduleError(ScheduleErrorKind.MakeUpWorkdayNotAWeekend, ScheduleList.MakeUpWorkdays, index,
                    $"makeUpWorkdays: {day:uuuu-MM-dd} is a {day.DayOfWeek}; a make-up workday is always a Saturday or Sunday."));
            }
        }

        if (found.Count > 0)
        {
            publishedYear = null!;
            errors = found;
            return false;
        }

        publishedYear = new PublishedYear(year, [.. offDays.Keys], [.. workedDays.Keys]);
        errors = [];
        return true;
    }

    public bool IsWorkingDay(LocalDate date)
    {
        var dayOfYear = DayOfYear(date);
        return _workingDaysBefore[dayOfYear] > _workingDaysBefore[dayOfYear - 1];
    }

    /// <summary>Working days from 1 January up to and including <paramref name="date"/>.</summary>
    internal int WorkingDaysThrough(LocalDate date) => _workingDaysBefore[DayOfYear(date)];

    /// <summary>Working days from 1 January up to but excluding <paramref name="date"/>.</summary>
    internal int WorkingDaysBefore(LocalDate date) => _workingDaysBefore[DayOfYear(date) - 1];

    private int DayOfYear(LocalDate date) =>
        date.Year == Year && date.Calendar == CalendarSystem.Iso
            ? date.DayOfYear
            : throw new ArgumentOutOfRangeException(nameof(date), date, $"Not a date of {Year}.");

    // Keeps the dates of the year (ISO calendar) with the position each was first listed at, and reports the others.
    private static ImmutableSortedDictionary<LocalDate, int> DatesOfYear(
        ScheduleList list, IEnumerable<LocalDate> dates, int year, List<ScheduleError> errors)
    {
        var name = list == ScheduleList.Holidays ? "holidays" : "makeUpWorkdays";
        var ofYear = ImmutableSortedDictionary.CreateBuilder<LocalDate, int>();
        var index = -1;
        foreach (var day in dates)
        {
            index++;
            if (day.Calendar != CalendarSystem.Iso)
            {
                errors.Add(new ScheduleError(ScheduleErrorKind.NotIsoCalendar, list, index, $"{name}: {day} is not an ISO calendar date."));
            }
            else if (day.Year != year)
            {
                errors.Add(new ScheduleError(ScheduleErrorKind.OutsideYear, list, index, $"{name}: {day:uuuu-MM-dd} is not a date of {year}."));
            }
            else
            {
                ofYear.TryAdd(day, index);
            }
        }

        return ofYear.ToImmutable();
    }

    private static bool IsWeekend(LocalDate day) =>
        day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
}
