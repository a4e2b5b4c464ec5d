using NodaTime;

namespace LiveCommerce.Domain.Filings;

/// <summary>A reminder on <paramref name="On"/> that <paramref name="WorkingDaysLeft"/> working days remain to file.</summary>
public sealed record FilingReminder(int WorkingDaysLeft, LocalDate On)
{
    /// <summary>Reminders go out at 09:00 Asia/Shanghai, the start of an office day (design default).</summary>
    public static LocalTime TimeOfDay { get; } = new(9, 0);

    /// <summary>When the reminder goes out.</summary>
    public Instant At => ChinaTime.Zone.AtLeniently(On.At(TimeOfDay)).ToInstant();
}
