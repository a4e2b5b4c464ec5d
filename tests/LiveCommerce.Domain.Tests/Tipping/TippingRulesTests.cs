using LiveCommerce.Domain.Tipping;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Tipping;

public sealed class TippingRulesTests
{
    private static readonly TippingPolicy Policy = new(PerTipLimitFen: 100, DailyLimitFen: 200, MonthlyLimitFen: 1000, ReminderRatio: 0.5m, SettlementDelayHours: 24);
    private static readonly TippingUser Adult = new(true, new LocalDate(1990, 5, 1));

    private static Instant Shanghai(int y, int m, int d, int h = 12, int min = 0, int s = 0, int ms = 0) =>
        new LocalDateTime(y, m, d, h, min, s, ms).InZoneStrictly(ChinaTime.Zone).ToInstant();

    private static TipDecision Tip(TippingCounters counters, long amount, Instant at, TippingUser? user = null, TippingPolicy? policy = null, bool suspended = false, bool confirmation = false) =>
        TippingRules.Decide(user ?? Adult, suspended, policy ?? Policy, counters, amount, at, confirmation);

    private static string[] Codes(TipDecision d) => [.. d.Reasons.Select(r => r.Code)];

    [Fact]
    public void A_tip_below_the_reminder_point_is_allowed_and_counts_with_its_settlement_time()
    {
        var at = Shanghai(2026, 3, 10);
        var d = Tip(TippingCounters.Empty, 50, at);

        Assert.Equal(TipOutcome.Allowed, d.Outcome);
        Assert.Equal((50, 50), (d.Counters.DayTotalFen, d.Counters.MonthTotalFen));
        Assert.Equal(at + Duration.FromHours(24), d.SettlesAt);
    }

    [Fact]
    public void An_unknown_or_unverified_user_needs_a_real_name_and_a_minor_cannot_tip()
    {
        var at = Shanghai(2026, 3, 10);
        Assert.Equal([TippingReasonCodes.RealNameRequired], Codes(TippingRules.Decide(null, false, Policy, TippingCounters.Empty, 10, at, false)));
        Assert.Equal([TippingReasonCodes.RealNameRequired], Codes(Tip(TippingCounters.Empty, 10, at, new TippingUser(false, new LocalDate(1990, 1, 1)))));
        Assert.Equal([TippingReasonCodes.RealNameRequired], Codes(Tip(TippingCounters.Empty, 10, at, new TippingUser(true, null))));
        Assert.Equal([TippingReasonCodes.MinorCannotTip], Codes(Tip(TippingCounters.Empty, 10, at, new TippingUser(true, new LocalDate(2010, 1, 1)))));
    }

    [Fact]
    public void Majority_starts_on_the_18th_birthday_in_Shanghai()
    {
        var user = new TippingUser(true, new LocalDate(2008, 3, 10));
        // 2026-03-09 23:59:59.999 in Shanghai is still the day before the 18th birthday (15:59:59.999 UTC).
        Assert.Equal(TipOutcome.Denied, Tip(TippingCounters.Empty, 10, Shanghai(2026, 3, 9, 23, 59, 59, 999), user).Outcome);
        Assert.Equal(TipOutcome.Allowed, Tip(TippingCounters.Empty, 10, Shanghai(2026, 3, 10, 0, 0), user).Outcome);
    }

    [Fact]
    public void Every_denial_reason_is_listed_and_the_tip_does_not_count()
    {
        var counters = new TippingCounters(new LocalDate(2026, 3, 10), 150, ReminderState.Confirmed, new YearMonth(2026, 3), 950, ReminderState.Confirmed);
        var d = Tip(counters, 101, Shanghai(2026, 3, 10), suspended: true);

        Assert.Equal(TipOutcome.Denied, d.Outcome);
        Assert.Equal(
            [TippingReasonCodes.HostTippingSuspended, TippingReasonCodes.PerTipLimitExceeded, TippingReasonCodes.DailyLimitReached, TippingReasonCodes.MonthlyLimitReached],
            Codes(d));
        Assert.False(d.CountersChanged);
        Assert.Equal(150, d.Counters.DayTotalFen);
        Assert.Null(d.SettlesAt);
    }

    [Fact]
    public void The_day_ends_at_Shanghai_midnight_a_tip_at_235959999_counts_for_the_old_day_one_at_0000_for_the_new()
    {
        var policy = Policy with { ReminderRatio = 1m };
        var first = Tip(TippingCounters.Empty, 100, Shanghai(2026, 3, 10, 23, 59, 59, 0), policy: policy);
        var late = Tip(first.Counters, 100, Shanghai(2026, 3, 10, 23, 59, 59, 999), policy: policy);
        Assert.Equal(TipOutcome.ConfirmationRequired, late.Outcome); // 200 reaches the point (1.0 × 200) on the 10th

        var over = Tip(late.Counters, 101, Shanghai(2026, 3, 10, 23, 59, 59, 999), policy: policy with { PerTipLimitFen = 200 });
        Assert.Equal([TippingReasonCodes.DailyLimitReached], Codes(over));

        var midnight = Tip(late.Counters, 100, Shanghai(2026, 3, 11, 0, 0), policy: policy);
        Assert.Equal(TipOutcome.Allowed, midnight.Outcome);
        Assert.Equal(100, midnight.Counters.DayTotalFen);
        Assert.Equal(200, midnight.Counters.MonthTotalFen);
        Assert.Equal(new LocalDate(2026, 3, 11), midnight.Counters.Day);
    }

    [Fact]
    public void The_month_ends_at_Shanghai_midnight_of_its_last_day()
    {
        var policy = new TippingPolicy(100, 100, 150, 1m, 0);
        var january = TippingRules.Decide(Adult, false, policy, TippingCounters.Empty, 90, Shanghai(2026, 1, 31, 10), false);
        Assert.Equal(TipOutcome.Allowed, january.Outcome);
        var lastMs = TippingRules.Decide(Adult, false, policy, january.Counters, 70, Shanghai(2026, 1, 31, 23, 59, 59, 999), false);
        Assert.Equal([TippingReasonCodes.DailyLimitReached, TippingReasonCodes.MonthlyLimitReached], Codes(lastMs));

        var february = TippingRules.Decide(Adult, false, policy, january.Counters, 70, Shanghai(2026, 2, 1, 0, 0), false);
        Assert.Equal(TipOutcome.Allowed, february.Outcome);
        Assert.Equal((70, 70), (february.Counters.DayTotalFen, february.Counters.MonthTotalFen));

        // 2026-01-31T16:00Z is already February in Shanghai.
        Assert.Equal(new YearMonth(2026, 2), TippingRules.Decide(Adult, false, policy, TippingCounters.Empty, 1, Instant.FromUtc(2026, 1, 31, 16, 0), false).Counters.Month);
    }

    [Fact]
    public void The_reminder_is_asked_once_the_next_tip_waits_and_the_confirmation_counts_the_tip()
    {
        var at = Shanghai(2026, 3, 10, 9);
        var first = Tip(TippingCounters.Empty, 90, at);
        var asked = Tip(first.Counters, 20, at + Duration.FromMinutes(1)); // 110 ≥ 100: half of the daily limit
        Assert.Equal(TipOutcome.ConfirmationRequired, asked.Outcome);
        Assert.Equal([TippingReasonCodes.ConfirmationRequired], Codes(asked));
        Assert.Equal(TippingPeriods.Day, asked.ReminderPeriods);
        Assert.Equal(90, asked.Counters.DayTotalFen); // does not count until confirmed

        var small = Tip(asked.Counters, 5, at + Duration.FromMinutes(2)); // 95: below the point
        Assert.Equal(TipOutcome.Allowed, small.Outcome);
        var waiting = Tip(small.Counters, 10, at + Duration.FromMinutes(3)); // 105: would pass the point unconfirmed
        Assert.Equal(TipOutcome.Denied, waiting.Outcome);
        Assert.Equal([TippingReasonCodes.ConfirmationRequired], Codes(waiting));

        var confirmed = Tip(small.Counters, 20, at + Duration.FromMinutes(4), confirmation: true);
        Assert.Equal(TipOutcome.Allowed, confirmed.Outcome);
        Assert.Equal(115, confirmed.Counters.DayTotalFen);
        var later = Tip(confirmed.Counters, 50, at + Duration.FromMinutes(5));
        Assert.Equal(TipOutcome.Allowed, later.Outcome); // confirmed for the rest of the day
    }

    [Fact]
    public void A_confirmation_the_limits_no_longer_allow_is_denied_but_still_confirms_the_period()
    {
        var at = Shanghai(2026, 3, 10, 9);
        var asked = Tip(Tip(TippingCounters.Empty, 90, at).Counters, 100, at);
        var filled = asked.Counters with { DayTotalFen = 150, DayReminder = ReminderState.Confirmed };
        var denied = Tip(filled with { DayReminder = ReminderState.Asked }, 100, at + Duration.FromMinutes(1), confirmation: true);

        Assert.Equal(TipOutcome.Denied, denied.Outcome);
        Assert.Equal([TippingReasonCodes.DailyLimitReached], Codes(denied));
        Assert.Equal(ReminderState.Confirmed, denied.Counters.DayReminder);
        Assert.True(denied.CountersChanged);
    }

    [Fact]
    public void A_total_at_its_limit_suspends_tipping_until_the_next_day_or_month()
    {
        var at = Shanghai(2026, 3, 10, 9);
        var full = new TippingCounters(new LocalDate(2026, 3, 10), 150, ReminderState.Confirmed, new YearMonth(2026, 3), 150, ReminderState.NotAsked);
        var d = Tip(full, 50, at);
        Assert.Equal(TipOutcome.Allowed, d.Outcome);
        Assert.Equal(Shanghai(2026, 3, 11, 0), d.SuspendedUntil);
        Assert.Equal([TippingReasonCodes.DailyLimitReached], Codes(Tip(d.Counters, 1, at)));

        var month = new TippingPolicy(100, 200, 200, 1m, 0);
        var monthFull = TippingRules.Decide(Adult, false, month, TippingCounters.Empty, 100, at, false);
        var last = TippingRules.Decide(Adult, false, month, monthFull.Counters with { DayReminder = ReminderState.Confirmed, MonthReminder = ReminderState.Confirmed }, 100, at, false);
        Assert.Equal(Shanghai(2026, 4, 1, 0), last.SuspendedUntil);
    }

    [Fact]
    public void The_design_defaults_are_valid_and_bad_policies_name_their_field()
    {
        Assert.Empty(TippingPolicy.Default.Validate());
        Assert.Equal(0.5m, TippingPolicy.Default.ReminderRatio); // the one figure the NRTA notice gives
        var fields = new TippingPolicy(0, 10, 5, 1.5m, 1000).Validate().Select(r => r.Field).ToList();
        Assert.Equal(["perTipLimitFen", "monthlyLimitFen", "reminderRatio", "settlementDelayHours"], fields);
    }

    [Fact]
    public void Settlement_moves_a_pending_tip_once_and_a_suspension_refunds_it_even_before_it_is_due()
    {
        var due = Instant.FromUtc(2026, 3, 10, 0, 0);
        var sanction = new HostTippingSuspension("s1", due - Duration.FromHours(1), null);

        Assert.Null(TipSettlement.Next(TipStatus.Pending, due, due - Duration.FromSeconds(1), null));
        Assert.Equal(TipStatus.Settled, TipSettlement.Next(TipStatus.Pending, due, due, null));
        Assert.Equal(TipStatus.Refunded, TipSettlement.Next(TipStatus.Pending, due, due - Duration.FromHours(2), sanction));
        Assert.Null(TipSettlement.Next(TipStatus.Settled, due, due, sanction));
        Assert.Null(TipSettlement.Next(TipStatus.Refunded, due, due, null));
        Assert.False((sanction with { Until = due }).IsActiveAt(due));
    }
}
