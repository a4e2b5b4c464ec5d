using System.Globalization;
using LiveCommerce.Domain.Filings;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Filings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Http.Filings;

/// <summary>
/// <c>PUT</c> and <c>GET /api/calendars/cn/{year}</c>: the official holiday schedule of a year, loaded once its
/// notice is out (2024–2026 are built in). Each platform's loads apply to its own deadlines only.
/// </summary>
public sealed class CalendarEndpoints(CalendarStore calendars, TimeProvider clock, ILogger<CalendarEndpoints> logger)
{
    // Years a notice can sensibly be loaded for; the first notices in this form are from the late 1990s.
    private const int FirstYear = 2000;
    private const int LastYear = 2100;
    private const int MaxBodyBytes = 64 * 1024;

    public async Task<IResult> Put(HttpRequest request, string year)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformOrAdmin))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<CalendarYearRequest>(request, MaxBodyBytes, cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var v = new RequestValidator();
        var number = ParseYear(year, v);
        var yearValid = !v.HasErrors;
        var holidays = Dates(body.Value!.Holidays, "holidays", v);
        var makeUpWorkdays = Dates(body.Value.MakeUpWorkdays, "makeUpWorkdays", v);

        // The schedule rules run on the well-formed dates even when others are malformed: every error at once.
        PublishedYear? published = null;
        if (yearValid && !PublishedYear.TryCreate(number, holidays.Select(d => d.Date), makeUpWorkdays.Select(d => d.Date), out published, out var errors))
        {
            foreach (var error in errors)
            {
                var field = error.List switch
                {
                    ScheduleList.Holidays => $"holidays[{holidays[error.Index].Index}]",
                    ScheduleList.MakeUpWorkdays => $"makeUpWorkdays[{makeUpWorkdays[error.Index].Index}]",
                    _ => "year",
                };
                v.Add(field, CodeOf(error.Kind), error.Message);
            }
        }

        if (v.HasErrors || published is null)
        {
            return v.ToProblem();
        }

        var loadedAt = Instant.FromDateTimeOffset(clock.GetUtcNow());
        await calendars.SaveAsync(platform, published, loadedAt, cancellation);
        logger.LogInformation("Calendar {Year} loaded on {Platform}: {WorkingDays} working days", number, platform.Value, published.WorkingDayCount);
        return JsonText.Of(200, BodyOf(new CalendarYear(published, loadedAt)));
    }

    public async Task<IResult> Get(HttpRequest request, string year)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        var v = new RequestValidator();
        var number = ParseYear(year, v);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var found = await calendars.FindAsync(platform, number, request.HttpContext.RequestAborted);
        return found is null
            ? Problem.NotFound(CalendarNotPublished.Code, $"{new CalendarNotPublished(number).Message} Load it with PUT /api/calendars/cn/{number}.")
            : JsonText.Of(200, BodyOf(found));
    }

    private static object BodyOf(CalendarYear year) => new
    {
        year = year.Year.Year,
        holidays = year.Year.Holidays.Order().Select(ApiTime.Format),
        makeUpWorkdays = year.Year.MakeUpWorkdays.Order().Select(ApiTime.Format),
        workingDays = year.Year.WorkingDayCount,
        source = year.IsBuiltin ? "builtin" : "loaded",
        loadedAt = ApiTime.Format(year.LoadedAt),
    };

    private static int ParseYear(string year, RequestValidator v)
    {
        if (year.Length != 4 || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            v.Add("year", "INVALID_FORMAT", "'year' must be a four-digit year, e.g. 2027.");
            return 0;
        }

        if (number is < FirstYear or > LastYear)
        {
            v.Add("year", "OUT_OF_RANGE", $"'year' must be between {FirstYear} and {LastYear}.");
        }

        return number;
    }

    /// <summary>The well-formed dates of a list, each with its position in the request (for field names).</summary>
    private static List<(LocalDate Date, int Index)> Dates(IReadOnlyList<string?>? values, string field, RequestValidator v)
    {
        var dates = new List<(LocalDate, int)>();
        var list = v.RequiredList(values, field, maxItems: 366, allowEmpty: true);
        for (var i = 0; i < list.Count; i++)
        {
            if (v.Date(list[i], $"{field}[{i}]", required: true) is { } date)
            {
                dates.Add((date, i));
            }
        }

        return dates;
    }

    private static string CodeOf(ScheduleErrorKind kind) => kind switch
    {
        ScheduleErrorKind.OutsideYear or ScheduleErrorKind.YearOutOfRange => "OUT_OF_RANGE",
        _ => "INVALID_VALUE",
    };
}
