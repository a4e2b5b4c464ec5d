using LiveCommerce.Domain.Disputes;
using LiveCommerce.Domain.Filings;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Disputes;

public sealed class ResponseDeadlineTests
{
    private static readonly WorkingDayCalendar Builtin = ChinaOfficialCalendar.Builtin;

    [Fact]
    public void Seven_working_days_after_the_request_over_National_Day_and_its_make_up_days()
    {
        // Fri 09-26 → Sun 09-28 (make-up), 09-29, 09-30, [10-01..08 off], 10-09, 10-10, Sat 10-11 (make-up), Mon 10-13.
        var deadline = ResponseDeadline.Compute(new LocalDate(2025, 9, 26), Builtin).Value;

        Assert.Equal(new LocalDate(2025, 10, 13), deadline.RespondBy);
        Assert.Equal(Instant.FromUtc(2025, 10, 13, 16, 0), deadline.OverdueFrom);
    }

    [Fact]
    public void The_number_of_working_days_is_configurable()
    {
        Assert.Equal(new LocalDate(2025, 9, 30), ResponseDeadline.Compute(new LocalDate(2025, 9, 26), Builtin, workingDays: 3).Value.RespondBy);
    }

    [Fact]
    public void The_request_day_is_its_Shanghai_date()
    {
        // 16:30Z on 9 October is 00:30 on Friday 10 October in Shanghai: counting starts on the 11th (a make-up Saturday).
        var deadline = ResponseDeadline.Compute(Instant.FromUtc(2025, 10, 9, 16, 30), Builtin).Value;

        Assert.Equal(new LocalDate(2025, 10, 10), deadline.RequestedOn);
        Assert.Equal(new LocalDate(2025, 10, 20), deadline.RespondBy);
    }

    [Fact]
    public void A_deadline_in_an_unpublished_year_is_refused()
    {
        Assert.Equal(new CalendarNotPublished(2027), ResponseDeadline.Compute(new LocalDate(2026, 12, 28), Builtin).Failure);
    }
}
