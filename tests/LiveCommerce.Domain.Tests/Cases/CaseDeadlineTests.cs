using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Cases;
using LiveCommerce.Domain.Filings;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Cases;

public static class CaseMoments
{
    /// <summary>Instants in the published years 2024-2026 (up to mid-December, so 30 working days stay inside them).</summary>
    public static Arbitrary<Instant> Instants() =>
        Gen.Choose(0, (int)(Instant.FromUtc(2026, 11, 1, 0, 0) - Instant.FromUtc(2024, 1, 1, 0, 0)).TotalMinutes)
            .Select(m => Instant.FromUtc(2024, 1, 1, 0, 0) + Duration.FromMinutes(m))
            .ToArbitrary();
}

[Properties(Arbitrary = [typeof(CaseMoments)], MaxTest = 300)]
public sealed class CaseDeadlineTests
{
    private static readonly WorkingDayCalendar Calendar = ChinaOfficialCalendar.Builtin;

    [Property]
    public void The_due_date_is_a_working_day_with_exactly_n_working_days_after_the_opening_day_up_to_it(Instant opened, PositiveInt days)
    {
        var n = 1 + (days.Get % CaseDeadline.MaxWorkingDays);
        var deadline = CaseDeadline.For(Calendar, opened, n);
        var openedDay = ChinaTime.DateOf(opened);

        Assert.False(deadline.Provisional);
        Assert.True(Calendar.IsWorkingDay(deadline.DueBy).Value);
        Assert.Equal(n - 1, Calendar.CountWorkingDaysStrictlyBetween(openedDay, deadline.DueBy).Value);
        Assert.True(deadline.RemindAt < deadline.EscalateAt);
        Assert.False(deadline.IsOverdueAt(deadline.RemindAt));
        Assert.True(deadline.IsOverdueAt(deadline.EscalateAt));
    }

    [Property]
    public void A_later_opening_is_never_due_earlier(Instant a, Instant b)
    {
        var (first, second) = a <= b ? (a, b) : (b, a);
        Assert.True(CaseDeadline.For(Calendar, first, 3).DueBy <= CaseDeadline.For(Calendar, second, 3).DueBy);
    }

    [Fact]
    public void A_case_opened_before_the_National_Day_holiday_is_due_after_it()
    {
        // Opened Tue 2026-09-29 (Shanghai); 09-30 is a working day, 10-01..10-07 are holidays, 10-08 and 10-09 work.
        var deadline = CaseDeadline.For(Calendar, Instant.FromUtc(2026, 9, 29, 2, 0), 3);
        Assert.Equal(new LocalDate(2026, 10, 9), deadline.DueBy);
        Assert.Equal(Instant.FromUtc(2026, 10, 9, 16, 0), deadline.OverdueFrom); // midnight after, Shanghai
        Assert.Equal(Instant.FromUtc(2026, 10, 9, 1, 0), deadline.RemindAt);
    }

    [Fact]
    public void A_Saturday_make_up_workday_counts()
    {
        // Fri 2026-10-09 opening; Sat 10-10 is a make-up working day, then Mon 10-12 and Tue 10-13.
        Assert.Equal(new LocalDate(2026, 10, 13), CaseDeadline.For(Calendar, Instant.FromUtc(2026, 10, 9, 2, 0), 3).DueBy);
    }

    [Fact]
    public void Across_an_unpublished_year_the_date_counts_weekdays_and_says_it_is_provisional()
    {
        // Opened Wed 2026-12-30: 12-31 (Thu), then 2027 whose notice is not loaded: Fri 01-01, Mon 01-04.
        var deadline = CaseDeadline.For(Calendar, Instant.FromUtc(2026, 12, 30, 2, 0), 3);
        Assert.True(deadline.Provisional);
        Assert.Equal(new LocalDate(2027, 1, 4), deadline.DueBy);
    }
}
