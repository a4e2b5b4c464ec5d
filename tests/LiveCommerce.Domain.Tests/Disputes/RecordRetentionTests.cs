using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LiveCommerce.Domain.Disputes;
using NodaTime;
using Interval = NodaTime.Interval;

namespace LiveCommerce.Domain.Tests.Disputes;

public sealed class RecordRetentionTests
{
    private static readonly LocalDate LiveEnded = new(2026, 3, 8);
    private static readonly Instant Purchase = Instant.FromUtc(2026, 3, 8, 12, 30); // 20:30 in Shanghai

    private static Interval Span(int fromMinutesAfterPurchase, int toMinutesAfterPurchase) =>
        new(Purchase + Duration.FromMinutes(fromMinutesAfterPurchase), Purchase + Duration.FromMinutes(toMinutesAfterPurchase));

    [Fact]
    public void Live_content_without_sales_is_kept_60_days_after_the_live_and_3_years_in_a_key_room()
    {
        var standard = new SessionRetentionFacts(LiveEnded, IsKeyRoom: false, []);
        var key = standard with { IsKeyRoom = true };

        Assert.Equal(new LocalDate(2026, 5, 7), RecordRetention.ForSessionRecord(EvidenceRecordKind.Recording, Span(-30, -25), standard));
        Assert.Equal(new LocalDate(2029, 3, 8), RecordRetention.ForSessionRecord(EvidenceRecordKind.Recording, Span(-30, -25), key));
    }

    [Fact]
    public void Live_content_showing_a_sale_is_kept_3_years_after_the_sale_completes()
    {
        var session = new SessionRetentionFacts(LiveEnded, false, [new SessionSale(Purchase, new LocalDate(2026, 3, 20))]);

        // The pitch 10 minutes before, and 2 minutes after, are the sale's replay.
        Assert.Equal(new LocalDate(2029, 3, 20), RecordRetention.ForSessionRecord(EvidenceRecordKind.Recording, Span(-15, -10), session));
        Assert.Equal(new LocalDate(2029, 3, 20), RecordRetention.ForSessionRecord(EvidenceRecordKind.InteractionLog, Span(2, 5), session));
        Assert.Equal(new LocalDate(2026, 5, 7), RecordRetention.ForSessionRecord(EvidenceRecordKind.Recording, Span(-20, -11), session));
        Assert.Equal(new LocalDate(2026, 5, 7), RecordRetention.ForSessionRecord(EvidenceRecordKind.Recording, Span(3, 10), session));
        // Records without a span (the host's product claims) show every sale of the live.
        Assert.Equal(new LocalDate(2029, 3, 20), RecordRetention.ForSessionRecord(EvidenceRecordKind.ProductClaims, null, session));
    }

    [Fact]
    public void Nothing_is_known_while_the_live_runs_or_a_sale_it_shows_is_open()
    {
        var running = new SessionRetentionFacts(null, false, []);
        var openSale = new SessionRetentionFacts(LiveEnded, false, [new SessionSale(Purchase, null)]);

        Assert.Null(RecordRetention.ForSessionRecord(EvidenceRecordKind.Recording, Span(0, 5), running));
        Assert.Null(RecordRetention.ForSessionRecord(EvidenceRecordKind.Recording, Span(0, 5), openSale));
        Assert.Equal(new LocalDate(2026, 5, 7), RecordRetention.ForSessionRecord(EvidenceRecordKind.Recording, Span(60, 65), openSale));
    }

    [Fact]
    public void Corrections_are_kept_3_years_after_the_live_and_order_records_3_years_after_completion()
    {
        var session = new SessionRetentionFacts(LiveEnded, false, [new SessionSale(Purchase, null)]);

        Assert.Equal(new LocalDate(2029, 3, 8), RecordRetention.ForSessionRecord(EvidenceRecordKind.Correction, Span(0, 0), session));
        Assert.Equal(new LocalDate(2029, 4, 1), RecordRetention.ForOrderRecord(EvidenceRecordKind.AfterSales, new LocalDate(2026, 4, 1)));
        Assert.Null(RecordRetention.ForOrderRecord(EvidenceRecordKind.Payment, null));
        Assert.Equal(new LocalDate(2029, 4, 2), RecordRetention.PurgeFrom(new LocalDate(2029, 4, 1)));
    }

    [Fact]
    public void Each_kind_belongs_to_one_scope_and_parses_only_there()
    {
        Assert.True(EvidenceRecordKind.TryParse("recording", EvidenceScope.LiveSession, out var recording));
        Assert.Same(EvidenceRecordKind.Recording, recording);
        Assert.False(EvidenceRecordKind.TryParse("recording", EvidenceScope.Order, out _));
        Assert.Equal(["page_snapshot", "order", "payment", "logistics", "return", "after_sales", "customer_service"], EvidenceRecordKind.IdsOf(EvidenceScope.Order));
    }

    [Property(Arbitrary = [typeof(SessionArbitraries)], MaxTest = 300)]
    public bool A_sale_never_shortens_what_a_record_is_kept(SessionCase session, SessionSale sale)
    {
        var before = RecordRetention.ForSessionRecord(EvidenceRecordKind.Recording, session.Span, session.Facts);
        var after = RecordRetention.ForSessionRecord(EvidenceRecordKind.Recording, session.Span, session.Facts with { Sales = [.. session.Facts.Sales, sale] });

        return before is not { } b || after is null || after.Value >= b;
    }

    [Property(Arbitrary = [typeof(SessionArbitraries)], MaxTest = 300)]
    public bool Live_content_is_never_kept_less_than_its_live_content_period(SessionCase session)
    {
        var kept = RecordRetention.ForSessionRecord(EvidenceRecordKind.InteractionLog, session.Span, session.Facts);
        var floor = RetentionPolicy.RetainUntil(
            session.Facts.IsKeyRoom ? EvidenceKind.KeyRoomLiveContent : EvidenceKind.LiveContent,
            new EvidenceTimeline(session.Facts.LiveEndedOn, null));

        return kept is null || (floor is { } f && kept.Value >= f);
    }
}

public sealed record SessionCase(SessionRetentionFacts Facts, Interval? Span);

public static class SessionArbitraries
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 8, 11, 0);

    private static Gen<LocalDate?> MaybeDate(LocalDate from) =>
        Gen.Frequency((1, Gen.Constant<LocalDate?>(null)), (4, Gen.Choose(0, 400).Select(d => (LocalDate?)from.PlusDays(d))));

    private static Gen<SessionSale> SaleGen() =>
        from minute in Gen.Choose(0, 180)
        from completed in MaybeDate(new LocalDate(2026, 3, 8))
        select new SessionSale(Start + Duration.FromMinutes(minute), completed);

    public static Arbitrary<SessionSale> Sale() => SaleGen().ToArbitrary();

    public static Arbitrary<SessionCase> Session() =>
        (from ended in MaybeDate(new LocalDate(2026, 3, 8))
         from key in Gen.Elements(true, false)
         from count in Gen.Choose(0, 5)
         from sales in Gen.ListOf(SaleGen(), count)
         from offset in Gen.Choose(0, 180)
         from length in Gen.Choose(0, 30)
         from spanless in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
         select new SessionCase(
             new SessionRetentionFacts(ended, key, [.. sales]),
             spanless ? null : new Interval(Start + Duration.FromMinutes(offset), Start + Duration.FromMinutes(offset + length))))
        .ToArbitrary();
}
