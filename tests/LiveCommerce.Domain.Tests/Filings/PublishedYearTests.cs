using LiveCommerce.Domain.Filings;
using static LiveCommerce.Domain.Tests.Filings.CalendarFixtures;

namespace LiveCommerce.Domain.Tests.Filings;

public sealed class PublishedYearTests
{
    [Fact]
    public void A_valid_schedule_decides_every_day_by_weekday_holiday_and_make_up_day()
    {
        var year = Published(2025, holidays: [Date(2025, 1, 1), Date(2025, 2, 1)], makeUpWorkdays: [Date(2025, 1, 26)]);

        Assert.False(year.IsWorkingDay(Date(2025, 1, 1)));  // Wednesday, holiday
        Assert.True(year.IsWorkingDay(Date(2025, 1, 2)));   // Thursday
        Assert.False(year.IsWorkingDay(Date(2025, 1, 25))); // Saturday
        Assert.True(year.IsWorkingDay(Date(2025, 1, 26)));  // Sunday, make-up workday
        Assert.False(year.IsWorkingDay(Date(2025, 2, 1)));  // Saturday listed as a holiday: still off
        Assert.Equal(261, year.WorkingDayCount);            // 261 weekdays, less 1 January, plus 26 January
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var valid = PublishedYear.TryCreate(
            2025,
            holidays: [Date(2024, 12, 31), Date(2025, 10, 1), Date(2025, 10, 11)],
            makeUpWorkdays: [Date(2026, 1, 4), Date(2025, 10, 11), Date(2025, 9, 29)],
            out _,
            out var errors);

        Assert.False(valid);
        Assert.Equal(
            [
                "holidays: 2024-12-31 is not a date of 2025.",
                "makeUpWorkdays: 2026-01-04 is not a date of 2025.",
                "2025-10-11 is listed both as a holiday and as a make-up workday.",
                "makeUpWorkdays: 2025-09-29 is a Monday; a make-up workday is always a Saturday or Sunday.",
            ],
            errors.Select(e => e.Message));
    }

    [Fact]
    public void Each_error_points_at_the_entry_it_is_about()
    {
        var valid = PublishedYear.TryCreate(
            2025,
            holidays: [Date(2025, 1, 1), Date(2024, 12, 31), Date(2025, 10, 11)],
            makeUpWorkdays: [Date(2025, 1, 26), Date(2025, 9, 29), Date(2025, 10, 11)],
            out _,
            out var errors);

        Assert.False(valid);
        Assert.Equal(
            [
                (ScheduleErrorKind.OutsideYear, ScheduleList.Holidays, 1),
                (ScheduleErrorKind.HolidayAndMakeUpWorkday, ScheduleList.MakeUpWorkdays, 2),
                (ScheduleErrorKind.MakeUpWorkdayNotAWeekend, ScheduleList.MakeUpWorkdays, 1),
            ],
            errors.Select(e => (e.Kind, e.List, e.Index)));
    }

    [Fact]
    public void A_year_outside_the_supported_range_is_an_error_not_an_exception()
    {
        Assert.False(PublishedYear.TryCreate(10_000, [], [], out _, out var errors));
        Assert.Single(errors);
    }

    [Fact]
    public void Repeated_dates_are_one_date()
    {
        var year = Published(2026, holidays: [Date(2026, 1, 1), Date(2026, 1, 1)], makeUpWorkdays: []);

        Assert.Equal([Date(2026, 1, 1)], year.Holidays);
    }
}
