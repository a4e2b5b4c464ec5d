using LiveCommerce.Domain.Filings;
using static LiveCommerce.Domain.Tests.Filings.CalendarFixtures;

namespace LiveCommerce.Domain.Tests.Filings;

public sealed class ChinaOfficialCalendarTests
{
    private static readonly WorkingDayCalendar Builtin = ChinaOfficialCalendar.Builtin;

    [Theory]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void Working_day_totals_match_the_published_totals(int year, int workingDays)
    {
        Assert.Equal(workingDays, Builtin.YearOrNull(year)!.WorkingDayCount);
        Assert.Equal(workingDays, Builtin.CountWorkingDaysStrictlyBetween(Date(year - 1, 12, 31), Date(year + 1, 1, 1)).Value);
    }

    [Fact]
    public void Ships_exactly_2024_to_2026()
    {
        Assert.Equal([2024, 2025, 2026], Builtin.PublishedYears);
    }

    [Theory]
    [InlineData(2024, 2, 4, true)]    // Sunday, Spring Festival make-up
    [InlineData(2024, 2, 12, false)]  // Monday, Spring Festival
    [InlineData(2024, 2, 18, true)]   // Sunday, Spring Festival make-up
    [InlineData(2024, 6, 10, false)]  // Monday, Dragon Boat
    [InlineData(2025, 1, 26, true)]   // Sunday, Spring Festival make-up
    [InlineData(2025, 1, 28, false)]  // Tuesday, New Year's Eve (statutory from 2025)
    [InlineData(2025, 5, 2, false)]   // Friday, 2 May (statutory from 2025)
    [InlineData(2025, 10, 8, false)]  // Wednesday, National Day + Mid-Autumn
    [InlineData(2025, 10, 11, true)]  // Saturday, make-up
    [InlineData(2026, 1, 4, true)]    // Sunday, New Year make-up
    [InlineData(2026, 2, 23, false)]  // Monday, last day of Spring Festival
    [InlineData(2026, 2, 28, true)]   // Saturday, Spring Festival make-up
    [InlineData(2026, 9, 20, true)]   // Sunday, National Day make-up
    [InlineData(2026, 10, 10, true)]  // Saturday, National Day make-up
    [InlineData(2026, 10, 9, true)]   // Friday after National Day
    public void Knows_the_holidays_and_make_up_days_of_the_notices(int year, int month, int day, bool working)
    {
        Assert.Equal(working, Builtin.IsWorkingDay(Date(year, month, day)).Value);
    }
}
