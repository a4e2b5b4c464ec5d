using System.Collections.Immutable;
using NodaTime;

namespace LiveCommerce.Domain.Filings;

/// <summary>
/// Mainland China's official working days (法定工作日) for the years whose holiday notice is loaded. It never guesses:
/// any question touching a day of another year answers <see cref="CalendarNotPublished"/>. Immutable; loading a year
/// yields a new calendar.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly ImmutableSortedDictionary<int, PublishedYear> _years;

    private WorkingDayCalendar(ImmutableSortedDictionary<int, PublishedYear> years) => _years = years;

    public static WorkingDayCalendar Empty { get; } = new(ImmutableSortedDictionary<int, PublishedYear>.Empty);

    /// <summary>The loaded years, ascending.</summary>
    public IEnumerable<int> PublishedYears => _years.Keys;

    public bool IsPublished(int year) => _years.ContainsKey(year);

    public PublishedYear? YearOrNull(int year) => _years.GetValueOrDefault(year);

    /// <summary>This calendar with <paramref name="year"/> loaded, replacing any earlier schedule of the same year.</summary>
    public WorkingDayCalendar With(PublishedYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        return new(_years.SetItem(year.Year, year));
    }

    public CalendarResult<bool> IsWorkingDay(LocalDate date) =>
        _years.TryGetValue(date.Year, out var year)
            ? year.IsWorkingDay(date)
            : new CalendarNotPublished(date.Year);

    /// <summary>
    /// The <paramref name="n"/>-th working day after <paramref name="from"/>, which itself is not counted (Civil Code
    /// art. 201: the first day of a period is not counted). A negative <paramref name="n"/> counts backwards: the
    /// |n|-th working day before <paramref name="from"/>. Zero answers <paramref name="from"/> itself.
    /// </summary>
    public CalendarResult<LocalDate> AddWorkingDays(LocalDate from, int n)
    {
        var step = Math.Sign(n);
        var day = from;
        for (var found = 0; found < Math.Abs(n);)
        {
            day = day.PlusDays(step);
            if (!_years.TryGetValue(day.Year, out var year))
            {
                // Any answer lies at least |n| days away, so every day of that stretch is needed as well.
                var (first, last) = step > 0 ? (from.PlusDays(1), from.PlusDays(n)) : (from.PlusDays(n), from.PlusDays(-1));
                return new CalendarNotPublished(day.Year, [.. MissingYearsBetween(first, last)]);
            }

            found += year.IsWorkingDay(day) ? 1 : 0;
        }

        return day;
    }

    /// <summary>
    /// Working days strictly between <paramref name="a"/> and <paramref name="b"/>: neither end counts, and the order
    /// of the ends does not matter.
    /// </summary>
    public CalendarResult<int> CountWorkingDaysStrictlyBetween(LocalDate a, LocalDate b)
    {
        var (first, last) = a <= b ? (a.PlusDays(1), b.PlusDays(-1)) : (b.PlusDays(1), a.PlusDays(-1));
        if (first > last)
        {
            return 0;
        }

        var missing = MissingYearsBetween(first, last);
        if (missing.Count > 0)
        {
            return new CalendarNotPublished(missing[0], [.. missing]);
        }

        var count = 0;
        for (var year = first.Year; year <= last.Year; year++)
        {
            var schedule = _years[year];
            var through = year == last.Year ? schedule.WorkingDaysThrough(last) : schedule.WorkingDayCount;
            var before = year == first.Year ? schedule.WorkingDaysBefore(first) : 0;
            count += through - before;
        }

        return count;
    }

    /// <summary>The latest working day on or before <paramref name="date"/>.</summary>
    public CalendarResult<LocalDate> LastWorkingDayOnOrBefore(LocalDate date) => AddWorkingDays(date.PlusDays(1), -1);

    private List<int> MissingYearsBetween(LocalDate first, LocalDate last)
    {
        var missing = new List<int>();
        for (var year = first.Year; year <= last.Year; year++)
        {
            if (!_years.ContainsKey(year))
            {
                missing.Add(year);
            }
        }

        return missing;
    }
}
