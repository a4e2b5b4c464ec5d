using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Filings;
using NodaTime;
using NodaTime.Text;
using static LiveCommerce.Domain.Tests.Filings.CalendarFixtures;

namespace LiveCommerce.Domain.Tests.Filings;

public sealed class FilingDeadlineTests
{
    private static readonly WorkingDayCalendar Builtin = ChinaOfficialCalendar.Builtin;

    [Theory]
    // The "conservative" examples of the facts sheet (§5), each recounted by hand.
    [InlineData("2025-11-11", "2025-10-21")]
    [InlineData("2025-10-20", "2025-09-23")]  // National Day 2025: 10-01..08 off, Sun 09-28 and Sat 10-11 worked
    [InlineData("2026-03-03", "2026-02-04")]  // Spring Festival 2026: 02-15..23 off, Sat 02-14 and Sat 02-28 worked
    [InlineData("2026-06-18", "2026-05-28")]
    [InlineData("2026-10-16", "2026-09-20")]  // the deadline is the make-up Sunday before National Day 2026
    // Spring Festival 2024: 02-10..17 off, Sun 02-04 and Sun 02-18 worked.
    [InlineData("2024-02-29", "2024-02-04")]
    [InlineData("2024-03-01", "2024-02-05")]
    // Spring Festival 2025: the deadline is a Saturday, the day before the make-up Sunday 01-26.
    [InlineData("2025-02-20", "2025-01-25")]
    [InlineData("2024-10-20", "2024-09-25")]  // National Day 2024: Sun 09-29 and Sat 10-12 worked
    public void Deadline_leaves_14_working_days_strictly_before_the_event(string eventDate, string deadline)
    {
        var computed = FilingDeadline.Compute(Parse(eventDate), Builtin).Value;

        Assert.Equal(Parse(deadline), computed.Date);
        Assert.Equal(14, Builtin.CountWorkingDaysStrictlyBetween(computed.Date, computed.EventDate).Value);
    }

    [Fact]
    public void The_event_day_is_its_Shanghai_date()
    {
        // 2025-11-10T17:00Z is already 11 November in Shanghai.
        var computed = FilingDeadline.Compute(Instant.FromUtc(2025, 11, 10, 17, 0), Builtin).Value;

        Assert.Equal(Date(2025, 11, 11), computed.EventDate);
        Assert.Equal(Date(2025, 10, 21), computed.Date);
    }

    [Fact]
    public void An_event_in_an_unpublished_year_is_refused_until_the_year_is_loaded()
    {
        var eventDate = Date(2027, 3, 15);

        Assert.Equal(new CalendarNotPublished(2027), FilingDeadline.Compute(eventDate, Builtin).Failure);
        Assert.Equal(Date(2027, 2, 22), FilingDeadline.Compute(eventDate, BuiltinWith2027).Value.Date);
    }

    [Fact]
    public void An_early_January_event_needs_both_December_and_January()
    {
        var eventDate = Date(2027, 1, 12);

        Assert.Equal(new CalendarNotPublished(2027), FilingDeadline.Compute(eventDate, Builtin).Failure);
        // Without 2026, but with 2027, the walk reaches December and stops there.
        var only2027 = WorkingDayCalendar.Empty.With(Hypothetical2027);
        Assert.Equal(new CalendarNotPublished(2026), FilingDeadline.Compute(eventDate, only2027).Failure);
        // 6 working days in January 2027 (1 January off), 8 in December 2026.
        Assert.Equal(Date(2026, 12, 21), FilingDeadline.Compute(eventDate, BuiltinWith2027).Value.Date);
    }

    [Fact]
    public void An_event_on_1_January_needs_no_day_of_its_own_year()
    {
        Assert.Equal(Date(2026, 12, 13), FilingDeadline.Compute(Date(2027, 1, 1), Builtin).Value.Date);
    }

    [Fact]
    public void Two_unloaded_years_are_both_named()
    {
        var result = FilingDeadline.Compute(Date(2028, 1, 5), Builtin);

        Assert.Equal(new CalendarNotPublished(2027, 2028), result.Failure);
    }

    [Property(Arbitrary = [typeof(EventDateArbitraries)], MaxTest = 300)]
    public bool Deadline_is_the_latest_day_with_14_working_days_before_the_event(EventDateNear2024To2026 eventDate)
    {
        var result = FilingDeadline.Compute(eventDate.Value, Builtin);
        if (!result.TryGetValue(out var deadline, out var notPublished))
        {
            // Only events of early January 2024 reach back into 2023.
            return notPublished.Years.SequenceEqual([2023]) && eventDate.Value < Date(2024, 1, 31);
        }

        return NaiveCountStrictlyBetween(Builtin, deadline.Date, eventDate.Value) >= 14
            && NaiveCountStrictlyBetween(Builtin, deadline.Date.PlusDays(1), eventDate.Value) < 14;
    }

    [Theory]
    // Deadline a working day: reminders count back from it; the last one is on it.
    [InlineData("2025-11-11", "2025-10-14", "2025-10-17", "2025-10-21")]
    // Deadline a make-up Sunday, so a working day: the last reminder is on that Sunday.
    [InlineData("2026-10-16", "2026-09-14", "2026-09-17", "2026-09-20")]
    // Deadline Saturday 2025-01-25, not a working day: everything counts from Friday 01-24.
    [InlineData("2025-02-20", "2025-01-17", "2025-01-22", "2025-01-24")]
    public void Reminders_fall_5_2_and_0_working_days_before_the_last_working_day_to_file(
        string eventDate, string fiveLeft, string twoLeft, string lastDay)
    {
        var deadline = FilingDeadline.Compute(Parse(eventDate), Builtin).Value;

        var reminders = deadline.Reminders(Builtin).Value;

        Assert.Equal(
            [new FilingReminder(5, Parse(fiveLeft)), new FilingReminder(2, Parse(twoLeft)), new FilingReminder(0, Parse(lastDay))],
            reminders);
    }

    [Fact]
    public void A_reminder_goes_out_at_9_in_Shanghai_on_its_date()
    {
        Assert.Equal(Instant.FromUtc(2026, 9, 20, 1, 0), new FilingReminder(0, Date(2026, 9, 20)).At);
    }

    [Fact]
    public void Reminders_that_reach_into_an_unloaded_year_are_refused()
    {
        var deadline = FilingDeadline.Compute(Date(2024, 1, 25), Builtin).Value; // 2024-01-04

        Assert.Equal(new CalendarNotPublished(2023), deadline.Reminders(Builtin).Failure);
    }

    [Fact]
    public void Late_from_midnight_after_the_deadline_in_Shanghai()
    {
        var deadline = FilingDeadline.Compute(Date(2025, 11, 11), Builtin).Value;

        Assert.Equal(Instant.FromUtc(2025, 10, 21, 16, 0), deadline.LateFrom);
    }

    private static LocalDate Parse(string iso) => LocalDatePattern.Iso.Parse(iso).Value;
}

/// <summary>An event date from 1 January 2024 to 1 January 2027: every day it needs is in 2023–2026.</summary>
public sealed record EventDateNear2024To2026(LocalDate Value);

public static class EventDateArbitraries
{
    private static readonly LocalDate First = new(2024, 1, 1);

    public static Arbitrary<EventDateNear2024To2026> EventDate() =>
        Gen.Choose(0, Period.Between(First, new LocalDate(2027, 1, 1), PeriodUnits.Days).Days)
            .Select(offset => new EventDateNear2024To2026(First.PlusDays(offset)))
            .ToArbitrary();
}
