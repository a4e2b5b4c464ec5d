using NodaTime;

namespace LiveCommerce.Domain.Tipping;

/// <summary>Where a period stands with its half-limit reminder (NRTA 2020 notice art. 6).</summary>
public enum ReminderState
{
    /// <summary>No tip of the period has reached the reminder point yet.</summary>
    NotAsked = 0,

    /// <summary>A tip reached it and was answered confirmation_required; the user has not confirmed yet.</summary>
    Asked = 1,

    /// <summary>The user confirmed (by SMS): the period's later tips need no further confirmation.</summary>
    Confirmed = 2,
}

/// <summary>
/// A user's allowed totals of the current Asia/Shanghai day and month, and where each stands with its reminder. One
/// value per user, stored as one row and replaced under its ETag, so parallel authorizations serialise on it.
/// </summary>
public sealed record TippingCounters(
    LocalDate Day, long DayTotalFen, ReminderState DayReminder,
    YearMonth Month, long MonthTotalFen, ReminderState MonthReminder)
{
    /// <summary>A user who never tipped.</summary>
    public static TippingCounters Empty { get; } = new(new LocalDate(1970, 1, 1), 0, ReminderState.NotAsked, new YearMonth(1970, 1), 0, ReminderState.NotAsked);

    /// <summary>These counters seen on <paramref name="date"/>: a new day (or month) starts at zero, not asked.</summary>
    public TippingCounters On(LocalDate date)
    {
        var counters = this;
        if (Day != date)
        {
            counters = counters with { Day = date, DayTotalFen = 0, DayReminder = ReminderState.NotAsked };
        }

        var month = date.ToYearMonth();
        if (Month != month)
        {
            counters = counters with { Month = month, MonthTotalFen = 0, MonthReminder = ReminderState.NotAsked };
        }

        return counters;
    }
}
