using LiveCommerce.Domain.Filings;
using NodaTime;
using static LiveCommerce.Domain.Tests.Filings.CalendarFixtures;

namespace LiveCommerce.Domain.Tests.Filings;

public sealed class FilingLifecycleTests
{
    // Event 2025-11-11, deadline Tuesday 2025-10-21, late from 2025-10-22T00:00+08:00 = 2025-10-21T16:00Z.
    private static readonly FilingDeadline Deadline = FilingDeadline.Compute(Date(2025, 11, 11), ChinaOfficialCalendar.Builtin).Value;
    private static readonly Instant LastSecondOfDeadline = Instant.FromUtc(2025, 10, 21, 15, 59, 59);
    private static readonly Instant MidnightAfterDeadline = Instant.FromUtc(2025, 10, 21, 16, 0);

    [Fact]
    public void Created_on_the_deadline_day_is_open()
    {
        Assert.Equal(FilingStatus.Open, FilingLifecycle.Created(Deadline, LastSecondOfDeadline));
    }

    [Fact]
    public void Created_after_the_deadline_in_Shanghai_is_late_even_while_it_is_still_the_deadline_day_in_UTC()
    {
        Assert.Equal(FilingStatus.Late, FilingLifecycle.Created(Deadline, MidnightAfterDeadline));
    }

    [Fact]
    public void Created_after_the_event_began_is_late()
    {
        Assert.Equal(FilingStatus.Late, FilingLifecycle.Created(Deadline, Instant.FromUtc(2025, 11, 11, 2, 0)));
    }

    [Fact]
    public void A_receipt_judges_the_submission_by_its_Shanghai_date_whatever_its_offset()
    {
        // 23:30 on 21 October in Shanghai, sent with a New York offset (11:30 -04:00).
        var inTime = new DateTimeOffset(2025, 10, 21, 11, 30, 0, TimeSpan.FromHours(-4));
        // 00:30 on 22 October in Shanghai, still 21 October in UTC.
        var tooLate = Instant.FromUtc(2025, 10, 21, 16, 30);

        Assert.Equal(FilingStatus.Filed, FilingLifecycle.ReceiptRecorded(Deadline, Instant.FromDateTimeOffset(inTime)));
        Assert.Equal(FilingStatus.FiledLate, FilingLifecycle.ReceiptRecorded(Deadline, tooLate));
    }

    [Fact]
    public void Passing_the_deadline_makes_only_an_open_filing_late()
    {
        Assert.Equal(FilingStatus.Open, FilingLifecycle.TimePassed(FilingStatus.Open, Deadline, LastSecondOfDeadline));
        Assert.Equal(FilingStatus.Late, FilingLifecycle.TimePassed(FilingStatus.Open, Deadline, MidnightAfterDeadline));
        Assert.Equal(FilingStatus.Filed, FilingLifecycle.TimePassed(FilingStatus.Filed, Deadline, MidnightAfterDeadline));
        Assert.Equal(FilingStatus.FiledLate, FilingLifecycle.TimePassed(FilingStatus.FiledLate, Deadline, MidnightAfterDeadline));
    }

    [Fact]
    public void A_filing_recorded_late_but_submitted_in_time_ends_filed()
    {
        var status = FilingLifecycle.Created(Deadline, MidnightAfterDeadline);
        status = FilingLifecycle.TimePassed(status, Deadline, MidnightAfterDeadline);

        Assert.Equal(FilingStatus.Late, status);
        Assert.Equal(FilingStatus.Filed, FilingLifecycle.ReceiptRecorded(Deadline, LastSecondOfDeadline));
    }
}
