using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Tipping;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Tipping;

/// <summary>
/// Any sequence of tips and SMS confirmations, spread over Shanghai days and months (midnight and month ends
/// included), decided one after another as the user's counters row serialises them. The oracle keeps its own totals
/// from the allowed decisions alone.
/// </summary>
public sealed class TippingProperties
{
    private static readonly TippingUser Adult = new(true, new LocalDate(1990, 1, 1));

    /// <summary>A tip (Confirm = false) or the confirmation of the <c>Pick</c>-th tip still awaiting one; then the clock moves on.</summary>
    public sealed record Step(bool Confirm, long AmountFen, int Pick, Duration Advance);

    public sealed record Run(TippingPolicy Policy, Instant Start, IReadOnlyList<Step> Steps);

    private sealed record Outcome(Instant At, long AmountFen, bool Confirmation, TipDecision Decision);

    private static Gen<TippingPolicy> Policies { get; } =
        from perTip in Gen.Choose(1, 60)
        from daily in Gen.Choose(perTip, 200)
        from monthly in Gen.Choose(daily, 900)
        from ratio in Gen.Elements(0.3m, 0.5m, 0.5m, 0.75m, 1m)
        select new TippingPolicy(perTip, daily, monthly, ratio, 1);

    private static Gen<Duration> Advances { get; } = Gen.Frequency(
        (6, Gen.Choose(0, 90).Select(m => Duration.FromMinutes(m))),
        (2, Gen.Choose(60, 1800).Select(m => Duration.FromMinutes(m))),
        (1, Gen.Choose(0, 3).Select(ms => Duration.FromMilliseconds(ms))),
        (1, Gen.Choose(1, 12).Select(d => Duration.FromDays(d))));

    private static Gen<Step> Steps { get; } =
        from confirm in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from amount in Gen.Choose(1, 70)
        from pick in Gen.Choose(0, 5)
        from advance in Advances
        select new Step(confirm, amount, pick, advance);

    /// <summary>Starts near the ends of days and months, in Shanghai.</summary>
    private static Gen<Instant> Starts { get; } =
        from day in Gen.Elements(new LocalDate(2026, 1, 30), new LocalDate(2026, 2, 27), new LocalDate(2026, 3, 15), new LocalDate(2026, 12, 31))
        from minutes in Gen.Choose(0, 24 * 60 - 1)
        select ChinaTime.StartOf(day) + Duration.FromMinutes(minutes) - Duration.FromMilliseconds(1);

    private static Arbitrary<Run> Runs { get; } =
        (from policy in Policies
         from start in Starts
         from steps in Gen.ListOf(Steps).Select(s => s.Take(80).ToList())
         select new Run(policy, start, steps)).ToArbitrary();

    private static List<Outcome> Play(Run run)
    {
        var counters = TippingCounters.Empty;
        var awaiting = new List<long>();
        var outcomes = new List<Outcome>();
        var at = run.Start;
        foreach (var step in run.Steps)
        {
            at += step.Advance;
            long amount;
            if (step.Confirm)
            {
                if (awaiting.Count == 0)
                {
                    continue;
                }

                var i = step.Pick % awaiting.Count;
                amount = awaiting[i];
                awaiting.RemoveAt(i);
            }
            else
            {
                amount = step.AmountFen;
            }

            var decision = TippingRules.Decide(Adult, false, run.Policy, counters, amount, at, step.Confirm);
            if (decision.CountersChanged)
            {
                counters = decision.Counters;
            }

            if (decision.Outcome == TipOutcome.ConfirmationRequired)
            {
                awaiting.Add(amount);
            }

            outcomes.Add(new Outcome(at, amount, step.Confirm, decision));
        }

        return outcomes;
    }

    [Property(MaxTest = 500)]
    public Property The_allowed_total_of_a_day_and_of_a_month_never_exceeds_its_limit() =>
        Prop.ForAll(Runs, run =>
        {
            var allowed = Play(run).Where(o => o.Decision.Outcome == TipOutcome.Allowed).ToList();
            return allowed.GroupBy(o => ChinaTime.DateOf(o.At)).All(day => day.Sum(o => o.AmountFen) <= run.Policy.DailyLimitFen) &&
                   allowed.GroupBy(o => ChinaTime.DateOf(o.At).ToYearMonth()).All(month => month.Sum(o => o.AmountFen) <= run.Policy.MonthlyLimitFen) &&
                   allowed.All(o => o.AmountFen <= run.Policy.PerTipLimitFen);
        });

    [Property(MaxTest = 500)]
    public Property The_confirmation_is_asked_at_most_once_per_day_and_per_month() =>
        Prop.ForAll(Runs, run =>
        {
            var asked = Play(run).Where(o => o.Decision.Outcome == TipOutcome.ConfirmationRequired).ToList();
            return asked.All(o => o.Decision.ReminderPeriods != TippingPeriods.None) &&
                   asked.Where(o => o.Decision.ReminderPeriods.HasFlag(TippingPeriods.Day)).GroupBy(o => ChinaTime.DateOf(o.At)).All(g => g.Count() == 1) &&
                   asked.Where(o => o.Decision.ReminderPeriods.HasFlag(TippingPeriods.Month)).GroupBy(o => ChinaTime.DateOf(o.At).ToYearMonth()).All(g => g.Count() == 1);
        });

    /// <summary>
    /// Exactly once: the first tip of a period that would take the allowed total to the reminder point (and is not
    /// refused for another reason) is the one asked; and after that no tip passes the point without the user's
    /// confirmation in that period.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property The_first_tip_reaching_the_reminder_point_asks_and_none_passes_it_unconfirmed() =>
        Prop.ForAll(Runs, run =>
        {
            var p = run.Policy;
            var oracle = new Dictionary<(string Period, string Key), (long Total, bool Asked, bool Confirmed)>();
            foreach (var o in Play(run))
            {
                var date = ChinaTime.DateOf(o.At);
                var day = oracle.GetValueOrDefault(("day", date.ToString()));
                var month = oracle.GetValueOrDefault(("month", date.ToYearMonth().ToString()));
                var dayReaches = p.ReachesReminder(day.Total + o.AmountFen, p.DailyLimitFen);
                var monthReaches = p.ReachesReminder(month.Total + o.AmountFen, p.MonthlyLimitFen);
                var withinLimits = o.AmountFen <= p.PerTipLimitFen && day.Total + o.AmountFen <= p.DailyLimitFen && month.Total + o.AmountFen <= p.MonthlyLimitFen;

                if (!o.Confirmation)
                {
                    var dayDue = dayReaches && !day.Confirmed;
                    var monthDue = monthReaches && !month.Confirmed;
                    var outstanding = (dayDue && day.Asked) || (monthDue && month.Asked);
                    if (withinLimits && (dayDue || monthDue) && !outstanding && o.Decision.Outcome != TipOutcome.ConfirmationRequired)
                    {
                        return false; // the reminder point was reached without asking
                    }

                    if (o.Decision.Outcome == TipOutcome.Allowed && (dayDue || monthDue))
                    {
                        return false; // passed the point unconfirmed
                    }
                }

                var allowed = o.Decision.Outcome == TipOutcome.Allowed ? o.AmountFen : 0;
                var askedNow = o.Decision.Outcome == TipOutcome.ConfirmationRequired;
                oracle[("day", date.ToString())] = (
                    day.Total + allowed,
                    day.Asked || (askedNow && o.Decision.ReminderPeriods.HasFlag(TippingPeriods.Day)),
                    day.Confirmed || (o.Confirmation && dayReaches));
                oracle[("month", date.ToYearMonth().ToString())] = (
                    month.Total + allowed,
                    month.Asked || (askedNow && o.Decision.ReminderPeriods.HasFlag(TippingPeriods.Month)),
                    month.Confirmed || (o.Confirmation && monthReaches));
            }

            return true;
        });
}
