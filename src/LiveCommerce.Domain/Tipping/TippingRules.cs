using NodaTime;

namespace LiveCommerce.Domain.Tipping;

/// <summary>The reason codes of a tip authorization (docs/api.md, "Tipping"). They never change meaning.</summary>
public static class TippingReasonCodes
{
    public const string RealNameRequired = "REAL_NAME_REQUIRED";
    public const string MinorCannotTip = "MINOR_CANNOT_TIP";
    public const string PerTipLimitExceeded = "PER_TIP_LIMIT_EXCEEDED";
    public const string DailyLimitReached = "DAILY_LIMIT_REACHED";
    public const string MonthlyLimitReached = "MONTHLY_LIMIT_REACHED";
    public const string ConfirmationRequired = "CONFIRMATION_REQUIRED";
    public const string HostTippingSuspended = "HOST_TIPPING_SUSPENDED";
}

/// <summary>
/// The check before every tip, in one place. Sources (regulatory-facts.md §2):
/// <list type="bullet">
/// <item>NRTA 2020 notice (广电发〔2020〕78号) art. 6: real-name tipping users only, no tipping by minors; per-tip,
/// daily and monthly limits; a reminder at half of the daily or monthly limit, the next tip only after confirmation
/// (SMS); tipping suspended at the limit for the rest of the day or month; a delayed settlement period, with refunds
/// when the host breaks the law.</item>
/// <item>CAC et al. 2021 opinions: caps on single tips, a reminder at a daily threshold, delayed settlement.</item>
/// <item>2022 opinions on tipping and minors (中央文明办, MCT, NRTA, CAC): minors may not tip.</item>
/// </list>
/// Days and months are Asia/Shanghai calendar days and months (<see cref="ChinaTime"/>). A tip that would take a total
/// over its limit is denied whole; totals count allowed tips only. The first tip of a day (or month) that would take
/// that total to the reminder point answers confirmation_required and does not count; its confirmation decides it again
/// at the time of confirmation. While that confirmation is outstanding, another tip that would reach the same point is
/// denied with CONFIRMATION_REQUIRED: the reminder is asked once per period, and no tip passes the point unconfirmed.
/// </summary>
public static class TippingRules
{
    /// <summary>
    /// Decides a tip of <paramref name="amountFen"/> at <paramref name="at"/>. <paramref name="user"/> is null for a
    /// user the platform never registered (treated as not real-name verified). <paramref name="confirmation"/> is true
    /// when this is the user's SMS confirmation of a tip answered confirmation_required: it counts as the confirmation
    /// of every period whose reminder point the tip reaches now, whatever the outcome.
    /// </summary>
    public static TipDecision Decide(
        TippingUser? user, bool hostSuspended, TippingPolicy policy, TippingCounters counters, long amountFen, Instant at, bool confirmation)
    {
        var today = ChinaTime.DateOf(at);
        var seen = counters.On(today);
        var dayTotal = seen.DayTotalFen + amountFen;
        var monthTotal = seen.MonthTotalFen + amountFen;

        var reasons = new List<Reason>();
        if (user is not { RealNameVerified: true } || user.BirthDate is null)
        {
            reasons.Add(new Reason(TippingReasonCodes.RealNameRequired, "The user's real name is not verified; users without a verified real name cannot tip (NRTA 2020 notice art. 6)."));
        }

        if (user?.IsMinorOn(today) == true)
        {
            reasons.Add(new Reason(TippingReasonCodes.MinorCannotTip, "The user is under 18; minors cannot tip (2022 opinions on tipping and minors)."));
        }

        if (hostSuspended)
        {
            reasons.Add(new Reason(TippingReasonCodes.HostTippingSuspended, "Tipping to this host is suspended by a sanction."));
        }

        if (amountFen > policy.PerTipLimitFen)
        {
            reasons.Add(new Reason(TippingReasonCodes.PerTipLimitExceeded, $"The tip exceeds the per-tip limit of {policy.PerTipLimitFen} fen."));
        }

        if (dayTotal > policy.DailyLimitFen)
        {
            reasons.Add(new Reason(TippingReasonCodes.DailyLimitReached, $"The tip would take today's total over the daily limit of {policy.DailyLimitFen} fen."));
        }

        if (monthTotal > policy.MonthlyLimitFen)
        {
            reasons.Add(new Reason(TippingReasonCodes.MonthlyLimitReached, $"The tip would take this month's total over the monthly limit of {policy.MonthlyLimitFen} fen."));
        }

        // The reminder points this tip would reach in periods whose reminder is not confirmed yet.
        var reaching = TippingPeriods.None;
        if (seen.DayReminder != ReminderState.Confirmed && policy.ReachesReminder(dayTotal, policy.DailyLimitFen))
        {
            reaching |= TippingPeriods.Day;
        }

        if (seen.MonthReminder != ReminderState.Confirmed && policy.ReachesReminder(monthTotal, policy.MonthlyLimitFen))
        {
            reaching |= TippingPeriods.Month;
        }

        if (confirmation)
        {
            // The user confirmed by SMS now: that is the confirmation of the periods this tip reaches, allowed or not.
            var confirmed = WithReminder(seen, reaching, ReminderState.Confirmed);
            return reasons.Count > 0
                ? Denied(reasons, confirmed, changed: reaching != TippingPeriods.None, reaching, policy, today)
                : Allowed(confirmed, amountFen, reaching, policy, at, today);
        }

        if (reasons.Count > 0)
        {
            return Denied(reasons, seen, changed: false, TippingPeriods.None, policy, today);
        }

        if (reaching == TippingPeriods.None)
        {
            return Allowed(seen, amountFen, TippingPeriods.None, policy, at, today);
        }

        if (((reaching & TippingPeriods.Day) != 0 && seen.DayReminder == ReminderState.Asked) ||
            ((reaching & TippingPeriods.Month) != 0 && seen.MonthReminder == ReminderState.Asked))
        {
            // Asked already for this period and not confirmed: a second tip must not slip past the reminder.
            return Denied(
                [new Reason(TippingReasonCodes.ConfirmationRequired, "A confirmation asked earlier in this period is outstanding; confirm that tip first.")],
                seen, changed: false, TippingPeriods.None, policy, today);
        }

        return new TipDecision(
            TipOutcome.ConfirmationRequired,
            [new Reason(TippingReasonCodes.ConfirmationRequired, $"This tip reaches {ReminderText(policy, reaching)}; the user must confirm it (e.g. by SMS) before it counts.")],
            WithReminder(seen, reaching, ReminderState.Asked),
            CountersChanged: true,
            reaching,
            SettlesAt: null,
            SuspendedUntil(seen, policy, today));
    }

    /// <summary>The first instant of the day after <paramref name="date"/> in Asia/Shanghai.</summary>
    public static Instant NextDayStart(LocalDate date) => ChinaTime.StartOf(date.PlusDays(1));

    /// <summary>The first instant of the month after the one of <paramref name="date"/> in Asia/Shanghai.</summary>
    public static Instant NextMonthStart(LocalDate date) => ChinaTime.StartOf(date.ToYearMonth().OnDayOfMonth(1).PlusMonths(1));

    private static TipDecision Allowed(TippingCounters seen, long amountFen, TippingPeriods reminders, TippingPolicy policy, Instant at, LocalDate today)
    {
        var after = seen with { DayTotalFen = seen.DayTotalFen + amountFen, MonthTotalFen = seen.MonthTotalFen + amountFen };
        return new TipDecision(TipOutcome.Allowed, [], after, CountersChanged: true, reminders, at + policy.SettlementDelay, SuspendedUntil(after, policy, today));
    }

    private static TipDecision Denied(IReadOnlyList<Reason> reasons, TippingCounters counters, bool changed, TippingPeriods reminders, TippingPolicy policy, LocalDate today) =>
        new(TipOutcome.Denied, reasons, counters, changed, reminders, SettlesAt: null, SuspendedUntil(counters, policy, today));

    /// <summary>A total at its limit suspends the user's tipping until the period ends (NRTA 2020 notice art. 6).</summary>
    private static Instant? SuspendedUntil(TippingCounters counters, TippingPolicy policy, LocalDate today) =>
        counters.MonthTotalFen >= policy.MonthlyLimitFen ? NextMonthStart(today)
        : counters.DayTotalFen >= policy.DailyLimitFen ? NextDayStart(today)
        : null;

    private static TippingCounters WithReminder(TippingCounters counters, TippingPeriods periods, ReminderState state) => counters with
    {
        DayReminder = (periods & TippingPeriods.Day) != 0 ? state : counters.DayReminder,
        MonthReminder = (periods & TippingPeriods.Month) != 0 ? state : counters.MonthReminder,
    };

    private static string ReminderText(TippingPolicy policy, TippingPeriods periods) => periods switch
    {
        TippingPeriods.Day => $"{policy.ReminderRatio:0.##} of the daily limit",
        TippingPeriods.Month => $"{policy.ReminderRatio:0.##} of the monthly limit",
        _ => $"{policy.ReminderRatio:0.##} of the daily and the monthly limit",
    };
}
