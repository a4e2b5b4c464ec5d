namespace LiveCommerce.Domain.Filings;

/// <summary>Which list of a holiday notice an error is about.</summary>
public enum ScheduleList
{
    /// <summary>The error is about the year itself.</summary>
    None,
    Holidays,
    MakeUpWorkdays,
}

/// <summary>Why a published year was refused.</summary>
public enum ScheduleErrorKind
{
    YearOutOfRange,
    NotIsoCalendar,
    OutsideYear,
    HolidayAndMakeUpWorkday,
    MakeUpWorkdayNotAWeekend,
}

/// <summary>
/// One reason a holiday schedule is not valid, pointing at the entry it is about: <paramref name="Index"/> is the
/// position in <paramref name="List"/> as given (-1 for the year itself).
/// </summary>
public sealed record ScheduleError(ScheduleErrorKind Kind, ScheduleList List, int Index, string Message)
{
    public override string ToString() => Message;
}
