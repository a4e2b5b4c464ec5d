using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Disputes;
using NodaTime;

namespace LiveCommerce.Domain.Tests.Disputes;

public sealed class RetentionPolicyTests
{
    private static readonly LocalDate LiveEnded = new(2026, 3, 8);
    private static readonly LocalDate TransactionCompleted = new(2026, 3, 20);
    private static readonly EvidenceTimeline Timeline = new(LiveEnded, TransactionCompleted);

    // The statutory minimums, written out independently of the policy's table.
    private static readonly EvidenceKind[] TransactionInformation =
    [
        EvidenceKind.Order, EvidenceKind.LiveAccount, EvidenceKind.ReplayVideo, EvidenceKind.LiveInteraction,
        EvidenceKind.ProductPageSnapshot, EvidenceKind.CustomerServiceRecord, EvidenceKind.PaymentRecord,
        EvidenceKind.LogisticsRecord, EvidenceKind.ReturnRecord, EvidenceKind.AfterSalesRecord,
    ];

    private static readonly EvidenceKind[] RecordsOfTheLive =
    [
        EvidenceKind.SellerVerification, EvidenceKind.MarketerVerification, EvidenceKind.CorrectionRecord,
        EvidenceKind.KeyRoomLiveContent,
    ];

    [Fact]
    public void Transaction_information_is_kept_3_years_from_completion()
    {
        Assert.All(TransactionInformation, kind =>
            Assert.Equal(new LocalDate(2029, 3, 20), RetentionPolicy.RetainUntil(kind, Timeline)));
    }

    [Fact]
    public void Verification_correction_and_key_room_records_are_kept_3_years_from_the_end_of_the_live()
    {
        Assert.All(RecordsOfTheLive, kind =>
            Assert.Equal(new LocalDate(2029, 3, 8), RetentionPolicy.RetainUntil(kind, Timeline)));
    }

    [Fact]
    public void Generic_live_content_is_kept_60_days_after_the_live()
    {
        // 9 March is day 1 (art. 201: the day of the event does not count), 7 May is day 60.
        Assert.Equal(new LocalDate(2026, 5, 7), RetentionPolicy.RetainUntil(EvidenceKind.LiveContent, Timeline));
    }

    [Fact]
    public void Every_kind_has_a_rule()
    {
        Assert.All(Enum.GetValues<EvidenceKind>(), kind => Assert.Equal(kind, RetentionPolicy.RuleFor(kind).Kind));
        Assert.Equal(
            Enum.GetValues<EvidenceKind>().Order(),
            TransactionInformation.Concat(RecordsOfTheLive).Append(EvidenceKind.LiveContent).Order());
    }

    [Fact]
    public void Three_years_from_29_February_ends_on_28_February()
    {
        var timeline = new EvidenceTimeline(LiveEndedOn: null, TransactionCompletedOn: new LocalDate(2028, 2, 29));

        Assert.Equal(new LocalDate(2031, 2, 28), RetentionPolicy.RetainUntil(EvidenceKind.PaymentRecord, timeline));
    }

    [Fact]
    public void Purging_starts_at_midnight_after_the_last_day_in_Shanghai()
    {
        // Last day 2029-03-20; midnight after it in Shanghai is 2029-03-20T16:00Z.
        Assert.False(RetentionPolicy.MayPurge(EvidenceKind.ReplayVideo, Timeline, Instant.FromUtc(2029, 3, 20, 15, 59, 59)));
        Assert.True(RetentionPolicy.MayPurge(EvidenceKind.ReplayVideo, Timeline, Instant.FromUtc(2029, 3, 20, 16, 0)));
    }

    [Fact]
    public void Nothing_is_purged_before_its_period_starts()
    {
        var stillOpen = new EvidenceTimeline(LiveEnded, TransactionCompletedOn: null);
        var farFuture = Instant.FromUtc(2100, 1, 1, 0, 0);

        Assert.Null(RetentionPolicy.RetainUntil(EvidenceKind.AfterSalesRecord, stillOpen));
        Assert.False(RetentionPolicy.MayPurge(EvidenceKind.AfterSalesRecord, stillOpen, farFuture));
        Assert.True(RetentionPolicy.MayPurge(EvidenceKind.SellerVerification, stillOpen, farFuture));
    }

    [Property(Arbitrary = [typeof(RetentionArbitraries)], MaxTest = 500)]
    public bool Never_purges_before_the_statutory_minimum(EvidenceKind kind, AnchorDate liveEnded, AnchorDate completed, Moment now)
    {
        var timeline = new EvidenceTimeline(liveEnded.Value, completed.Value);
        if (!RetentionPolicy.MayPurge(kind, timeline, now.Value))
        {
            return true;
        }

        var today = ChinaTime.DateOf(now.Value);
        return kind switch
        {
            EvidenceKind.LiveContent => Period.Between(liveEnded.Value, today, PeriodUnits.Days).Days > 60,
            _ when TransactionInformation.Contains(kind) => MoreThanYearsLater(completed.Value, today, 3),
            _ => MoreThanYearsLater(liveEnded.Value, today, 3),
        };
    }

    [Property(Arbitrary = [typeof(RetentionArbitraries)])]
    public bool Purges_from_the_day_after_the_last_day_on(EvidenceKind kind, AnchorDate liveEnded, AnchorDate completed)
    {
        var timeline = new EvidenceTimeline(liveEnded.Value, completed.Value);
        var lastDay = RetentionPolicy.RetainUntil(kind, timeline)!.Value;

        return !RetentionPolicy.MayPurge(kind, timeline, ChinaTime.StartOf(lastDay.PlusDays(1)) - Duration.Epsilon)
            && RetentionPolicy.MayPurge(kind, timeline, ChinaTime.StartOf(lastDay.PlusDays(1)));
    }

    // Calendar arithmetic on fields, independent of NodaTime's Plus: today is past the anchor's anniversary.
    private static bool MoreThanYearsLater(LocalDate anchor, LocalDate today, int years) =>
        today.Year - anchor.Year > years
        || (today.Year - anchor.Year == years && (today.Month, today.Day).CompareTo((anchor.Month, anchor.Day)) > 0);
}

public sealed record AnchorDate(LocalDate Value);

public sealed record Moment(Instant Value);

public static class RetentionArbitraries
{
    private static readonly LocalDate FirstAnchor = new(2020, 1, 1);

    public static Arbitrary<EvidenceKind> Kind() => Gen.Elements(Enum.GetValues<EvidenceKind>()).ToArbitrary();

    // Ten years of anchors, with leap days among them.
    public static Arbitrary<AnchorDate> Anchor() =>
        Gen.Choose(0, 3653).Select(days => new AnchorDate(FirstAnchor.PlusDays(days))).ToArbitrary();

    // Instants over 15 years from the first anchor, at any second of the day.
    public static Arbitrary<Moment> Now() =>
        Gen.Choose(0, 15 * 366)
            .SelectMany(day => Gen.Choose(0, 86_399), (day, second) =>
                new Moment(ChinaTime.StartOf(FirstAnchor.PlusDays(day)) + Duration.FromSeconds(second)))
            .ToArbitrary();
}
