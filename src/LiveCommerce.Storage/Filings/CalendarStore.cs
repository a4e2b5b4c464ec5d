using System.Globalization;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Filings;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Storage.Filings;

/// <summary>One year of a platform's working-day calendar: built in, or loaded by the platform (and when).</summary>
public sealed record CalendarYear(PublishedYear Year, Instant? LoadedAt)
{
    public bool IsBuiltin => LoadedAt is null;
}

/// <summary>
/// The official calendar as each platform sees it, in table <c>calendars</c>: the built-in years
/// (<see cref="ChinaOfficialCalendar.Builtin"/>) with the years the platform loaded on top, one partition per
/// platform (<c>{platform}|cn</c>, row = year). A platform's load never changes another platform's deadlines.
/// </summary>
public sealed class CalendarStore(StorageClients clients)
{
    private TableClient Table => clients.Table(StorageNames.CalendarsTable);

    /// <summary>The platform's calendar: one partition query (a handful of rows).</summary>
    public async Task<WorkingDayCalendar> LoadAsync(PlatformId platform, CancellationToken cancellationToken)
    {
        var calendar = ChinaOfficialCalendar.Builtin;
        var partition = PartitionOf(platform);
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            calendar = calendar.With(YearOf(row));
        }

        return calendar;
    }

    public async Task<CalendarYear?> FindAsync(PlatformId platform, int year, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(platform), RowOf(year), cancellationToken: cancellationToken);
        if (row.HasValue)
        {
            return new CalendarYear(YearOf(row.Value!), Instant.FromDateTimeOffset(row.Value!.GetDateTimeOffset("LoadedAt")!.Value));
        }

        return ChinaOfficialCalendar.Builtin.YearOrNull(year) is { } builtin ? new CalendarYear(builtin, null) : null;
    }

    /// <summary>Loads or replaces one year for this platform.</summary>
    public async Task SaveAsync(PlatformId platform, PublishedYear year, Instant loadedAt, CancellationToken cancellationToken)
    {
        await Table.UpsertEntityAsync(
            new TableEntity(PartitionOf(platform), RowOf(year.Year))
            {
                ["Holidays"] = Join(year.Holidays),
                ["MakeUpWorkdays"] = Join(year.MakeUpWorkdays),
                ["LoadedAt"] = loadedAt.ToDateTimeOffset(),
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    private static string PartitionOf(PlatformId platform) => $"{platform.Value}|cn";

    private static string RowOf(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<LocalDate> dates) => string.Join(",", dates.Order().Select(LocalDatePattern.Iso.Format));

    private static PublishedYear YearOf(TableEntity row)
    {
        static IEnumerable<LocalDate> Dates(string? csv) =>
            string.IsNullOrEmpty(csv) ? [] : csv.Split(',').Select(d => LocalDatePattern.Iso.Parse(d).Value);

        var year = int.Parse(row.RowKey, CultureInfo.InvariantCulture);
        return PublishedYear.TryCreate(year, Dates(row.GetString("Holidays")), Dates(row.GetString("MakeUpWorkdays")), out var published, out var errors)
            ? published
            : throw new InvalidOperationException($"Stored calendar {row.PartitionKey}/{row.RowKey} is not valid: {string.Join(" ", errors)}");
    }
}
