using NodaTime;

namespace LiveCommerce.Domain.Tipping;

/// <summary>The contract's decisions of a tip authorization.</summary>
public enum TipOutcome
{
    Allowed,
    ConfirmationRequired,
    Denied,
}

/// <summary>Which periods a decision concerns (the reminder asked or confirmed, or the limit reached).</summary>
[Flags]
public enum TippingPeriods
{
    None = 0,
    Day = 1,
    Month = 2,
}

/// <summary>
/// One decision: the outcome, its reasons, and the user's counters after it (<see cref="Counters"/> equals the input
/// seen on the decision's day when <see cref="CountersChanged"/> is false). <see cref="SettlesAt"/> is set on allowed
/// tips; <see cref="SuspendedUntil"/> when a total now stands at its limit (the user's tipping is suspended until the
/// next day or month). <see cref="ReminderPeriods"/> says which reminders the decision asked (confirmation_required)
/// or satisfied (a confirmation).
/// </summary>
public sealed record TipDecision(
    TipOutcome Outcome,
    IReadOnlyList<Reason> Reasons,
    TippingCounters Counters,
    bool CountersChanged,
    TippingPeriods ReminderPeriods,
    Instant? SettlesAt,
    Instant? SuspendedUntil);
