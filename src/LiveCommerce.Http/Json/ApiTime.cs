using LiveCommerce.Domain;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Http.Json;

/// <summary>How the API writes times and dates: ISO 8601 with the Asia/Shanghai offset, and YYYY-MM-DD.</summary>
public static class ApiTime
{
    // "+08:00", never "+08": some platforms' ISO parsers insist on the colon form.
    private static readonly OffsetDateTimePattern TimePattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFo<+HH:mm>");

    public static string Format(Instant instant) => TimePattern.Format(instant.InZone(ChinaTime.Zone).ToOffsetDateTime());

    public static string? Format(Instant? instant) => instant is { } value ? Format(value) : null;

    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
