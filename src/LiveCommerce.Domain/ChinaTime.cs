using NodaTime;

namespace LiveCommerce.Domain;

/// <summary>
/// The regulator's clock face. Every "today", birthday and licence day in these rules is a date in Asia/Shanghai,
/// whatever the server's own zone.
/// </summary>
public static class ChinaTime
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    public static LocalDate DateOf(Instant instant) => instant.InZone(Zone).Date;

    public static LocalDate DateOf(DateTimeOffset instant) => DateOf(Instant.FromDateTimeOffset(instant));

    /// <summary>The first instant of <paramref name="date"/> in Asia/Shanghai.</summary>
    public static Instant StartOf(LocalDate date) => date.AtStartOfDayInZone(Zone).ToInstant();
}
