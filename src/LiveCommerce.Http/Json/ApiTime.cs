using LiveCommerce.Domain;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Http.Json;

/// <summary>How the API writes times and dates: ISO 8601 with the Asia/Shanghai offset, and YYYY-MM-DD.</summary>
public static class ApiTime
{
    private static readonly OffsetDateTimePattern TimePattern = OffsetDateTimePattern.ExtendedIso;

    public static string Format(Instant instant) => TimePattern.Format(instant.InZone(ChinaTime.Zone).ToOffsetDateTime());

    public static string? Format(Instant? instant) => instant is { } value ? Format(value) : null;

    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
