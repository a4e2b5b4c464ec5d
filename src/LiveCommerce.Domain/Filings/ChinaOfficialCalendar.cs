using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Domain.Filings;

/// <summary>
/// The State Council General Office holiday notices the service ships with. Later years are loaded at run time
/// (<c>PUT /api/calendars/cn/{year}</c>) once their notice is out, usually in Oct–Dec of the year before.
/// </summary>
public static class ChinaOfficialCalendar
{
    /// <summary>2024, 2025 and 2026 as published.</summary>
    public static WorkingDayCalendar Builtin { get; } = WorkingDayCalendar.Empty
        // 国办发明电〔2023〕7号 (2023-10-25). 251 working days.
        .With(Notice(2024,
            holidays:
            [
                "01-01",              // New Year
                "02-10..02-17",       // Spring Festival
                "04-04..04-06",       // Qingming
                "05-01..05-05",       // Labour Day
                "06-10",              // Dragon Boat
                "09-15..09-17",       // Mid-Autumn
                "10-01..10-07",       // National Day
            ],
            makeUpWorkdays: ["02-04", "02-18", "04-07", "04-28", "05-11", "09-14", "09-29", "10-12"]))
        // 国办发明电〔2024〕12号 (2024-11-12), the first year with New Year's Eve and 2 May as statutory days. 248.
        .With(Notice(2025,
            holidays:
            [
                "01-01",              // New Year
                "01-28..02-04",       // Spring Festival
                "04-04..04-06",       // Qingming
                "05-01..05-05",       // Labour Day
                "05-31..06-02",       // Dragon Boat
                "10-01..10-08",       // National Day and Mid-Autumn
            ],
            makeUpWorkdays: ["01-26", "02-08", "04-27", "09-28", "10-11"]))
        // State Council General Office notice of 2025-11-04. 248.
        .With(Notice(2026,
            holidays:
            [
                "01-01..01-03",       // New Year
                "02-15..02-23",       // Spring Festival
                "04-04..04-06",       // Qingming
                "05-01..05-05",       // Labour Day
                "06-19..06-21",       // Dragon Boat
                "09-25..09-27",       // Mid-Autumn
                "10-01..10-07",       // National Day
            ],
            makeUpWorkdays: ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"]));

    // Days as the notices print them: "MM-dd" or an inclusive range "MM-dd..MM-dd".
    private static PublishedYear Notice(int year, string[] holidays, string[] makeUpWorkdays)
    {
        var pattern = LocalDatePattern.CreateWithInvariantCulture("MM-dd").WithTemplateValue(new LocalDate(year, 1, 1));
        IEnumerable<LocalDate> Days(string entry)
        {
            var ends = entry.Split("..");
            var first = pattern.Parse(ends[0]).Value;
            var last = pattern.Parse(ends[^1]).Value;
            for (var day = first; day <= last; day = day.PlusDays(1))
            {
                yield return day;
            }
        }

        var valid = PublishedYear.TryCreate(
            year, holidays.SelectMany(Days), makeUpWorkdays.SelectMany(Days), out var published, out var errors);
        return valid
            ? published
            : throw new InvalidOperationException($"Built-in calendar {year} is invalid: {string.Join(" ", errors)}");
    }
}
