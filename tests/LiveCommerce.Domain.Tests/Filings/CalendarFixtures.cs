using LiveCommerce.Domain.Filings;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Filings;

internal static class CalendarFixtures
{
    public static LocalDate Date(int year, int month, int day) => new(year, month, day);

    /// <summary>
    /// A made-up 2027 (the real notice is not out): only 1 January off. Enough to show that a loaded 2027 is used,
    /// and that its 1 January is not counted.
    /// </summary>
    public static PublishedYear Hypothetical2027 { get; } = Published(2027, holidays: [Date(2027, 1, 1)], makeUpWorkdays: []);

    public static WorkingDayCalendar BuiltinWith2027 { get; } = ChinaOfficialCalendar.Builtin.With(Hypothetical2027);

    public static PublishedYear Published(int year, LocalDate[] holidays, LocalDate[] makeUpWorkdays)
    {
        Assert.True(PublishedYear.TryCreate(year, holidays, makeUpWorkdays, out var published, out var errors), string.Join(" ", errors));
        return published;
    }

    /// <summary>Day by day, straight from IsWorkingDay: the oracle the prefix-sum count is checked against.</summary>
    public static int NaiveCountStrictlyBetween(WorkingDayCalendar calendar, LocalDate a, LocalDate b)
    {
        var count = 0;
        for (var day = a.PlusDays(1); day < b; day = day.PlusDays(1))
        {
            count += calendar.IsWorkingDay(day).Value ? 1 : 0;
        }

        return count;
    }
}
