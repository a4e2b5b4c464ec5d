using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Filings;
using NodaTime;
using static LiveCommerce.Domain.Tests.Filings.CalendarFixtures;

namespace LiveCommerce.Domain.Tests.Filings;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Builtin = ChinaOfficialCalendar.Builtin;

    [Fact]
    public void A_day_of_an_unloaded_year_is_not_guessed()
    {
        Assert.Equal(new CalendarNotPublished(2027), Builtin.IsWorkingDay(Date(2027, 1, 4)).Failure);
        Assert.Equal(new CalendarNotPublished(2025), WorkingDayCalendar.Empty.IsWorkingDay(Date(2025, 6, 3)).Failure);
    }

    [Fact]
    public void With_loads_or_replaces_a_year_and_leaves_the_original_alone()
    {
        var corrected2026 = Published(2026, holidays: [Date(2026, 1, 1), Date(2026, 3, 2)], makeUpWorkdays: []);

        var withCorrection = Builtin.With(corrected2026);
        var with2027 = Builtin.With(Hypothetical2027);

        Assert.False(withCorrection.IsWorkingDay(Date(2026, 3, 2)).Value);
        Assert.True(withCorrection.IsWorkingDay(Date(2026, 2, 16)).Value); // the built-in Spring Festival is gone
        Assert.True(Builtin.IsWorkingDay(Date(2026, 3, 2)).Value);
        Assert.False(Builtin.IsWorkingDay(Date(2026, 2, 16)).Value);
        Assert.False(Builtin.IsPublished(2027));
        Assert.True(with2027.IsWorkingDay(Date(2027, 1, 4)).Value);
    }

    [Theory]
    [InlineData("2025-09-30", 1, "2025-10-09")]   // over National Day
    [InlineData("2025-10-09", -1, "2025-09-30")]
    [InlineData("2024-02-09", 1, "2024-02-18")]   // over Spring Festival onto a make-up Sunday
    [InlineData("2025-09-26", 7, "2025-10-13")]   // both make-up days of 2025's National Day count
    [InlineData("2026-12-31", -3, "2026-12-28")]
    [InlineData("2025-06-07", 0, "2025-06-07")]   // a Saturday stays itself
    public void AddWorkingDays_counts_from_the_day_after(string from, int n, string expected)
    {
        Assert.Equal(Parse(expected), Builtin.AddWorkingDays(Parse(from), n).Value);
    }

    [Fact]
    public void AddWorkingDays_names_every_missing_year_it_surely_needs()
    {
        Assert.Equal(new CalendarNotPublished(2027), Builtin.AddWorkingDays(Date(2026, 12, 30), 5).Failure);
        // 400 working days need at least 400 days, into 2028.
        Assert.Equal(new CalendarNotPublished(2027, 2028), Builtin.AddWorkingDays(Date(2026, 12, 30), 400).Failure);
        Assert.Equal(new CalendarNotPublished(2023), Builtin.AddWorkingDays(Date(2024, 1, 3), -2).Failure);
    }

    [Fact]
    public void Count_is_zero_for_adjacent_or_equal_days_and_ignores_order()
    {
        Assert.Equal(0, Builtin.CountWorkingDaysStrictlyBetween(Date(2025, 3, 3), Date(2025, 3, 3)).Value);
        Assert.Equal(0, Builtin.CountWorkingDaysStrictlyBetween(Date(2025, 3, 3), Date(2025, 3, 4)).Value);
        Assert.Equal(3, Builtin.CountWorkingDaysStrictlyBetween(Date(2025, 3, 7), Date(2025, 3, 3)).Value);
        // Neither end needs its year loaded: only the days strictly between count.
        Assert.Equal(747, Builtin.CountWorkingDaysStrictlyBetween(Date(2023, 12, 31), Date(2027, 1, 1)).Value);
    }

    [Fact]
    public void Count_names_every_missing_year_in_the_range()
    {
        var result = Builtin.CountWorkingDaysStrictlyBetween(Date(2023, 6, 1), Date(2028, 6, 1));

        Assert.Equal([2023, 2027, 2028], result.Failure!.Years);
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)])]
    public bool Count_agrees_with_a_day_by_day_count(DateIn2024To2026 a, DateIn2024To2026 b)
    {
        var (first, last) = a.Value <= b.Value ? (a.Value, b.Value) : (b.Value, a.Value);
        return Builtin.CountWorkingDaysStrictlyBetween(a.Value, b.Value).Value == NaiveCountStrictlyBetween(Builtin, first, last);
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)])]
    public bool Count_splits_at_any_middle_day(DateIn2024To2026 a, DateIn2024To2026 b, DateIn2024To2026 c)
    {
        var days = new[] { a.Value, b.Value, c.Value }.Order().ToArray();
        var (first, middle, last) = (days[0], days[1], days[2]);
        if (first == middle || middle == last)
        {
            return true;
        }

        var middleCounts = Builtin.IsWorkingDay(middle).Value ? 1 : 0;
        return Builtin.CountWorkingDaysStrictlyBetween(first, last).Value
            == Builtin.CountWorkingDaysStrictlyBetween(first, middle).Value + middleCounts
            + Builtin.CountWorkingDaysStrictlyBetween(middle, last).Value;
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)])]
    public bool AddWorkingDays_lands_on_a_working_day_with_n_minus_1_in_between(DateIn2024To2026 from, SmallCount n)
    {
        var target = Builtin.AddWorkingDays(from.Value, n.Value).Value;
        return target > from.Value
            && Builtin.IsWorkingDay(target).Value
            && Builtin.CountWorkingDaysStrictlyBetween(from.Value, target).Value == n.Value - 1;
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)])]
    public bool Going_back_undoes_going_forward_up_to_the_last_working_day(DateIn2024To2026 from, SmallCount n)
    {
        var there = Builtin.AddWorkingDays(from.Value, n.Value).Value;
        var back = Builtin.AddWorkingDays(there, -n.Value).Value;
        return back == Builtin.LastWorkingDayOnOrBefore(from.Value).Value;
    }

    private static LocalDate Parse(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
}

/// <summary>A date of 2024–2026 from which 60 working days ahead, and back again, stay in loaded years.</summary>
public sealed record DateIn2024To2026(LocalDate Value);

public sealed record SmallCount(int Value);

public static class CalendarArbitraries
{
    private static readonly LocalDate First = new(2024, 1, 15);
    private static readonly LocalDate Last = new(2026, 9, 1);

    public static Arbitrary<DateIn2024To2026> DateIn2024To2026() =>
        Gen.Choose(0, Period.Between(First, Last, PeriodUnits.Days).Days)
            .Select(offset => new DateIn2024To2026(First.PlusDays(offset)))
            .ToArbitrary();

    public static Arbitrary<SmallCount> SmallCount() =>
        Gen.Choose(1, 60).Select(n => new SmallCount(n)).ToArbitrary();
}
