using NodaTime;

namespace LiveCommerce.Domain.Filings;

/// <summary>A reminder on <paramref name="On"/> that <paramref name="WorkingDaysLeft"/> working days remain to file.</summary>
public sealed record FilingReminder(int WorkingDaysLeft, LocalDate On);
