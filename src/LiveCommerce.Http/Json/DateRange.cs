using LiveCommerce.Http.Problems;
using Microsoft.AspNetCore.Http;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Http.Json;

/// <summary>The <c>?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c> of a listing by date: both required, at most a year apart.</summary>
public static class DateRange
{
    public const int MaxDays = 366;

    public static bool TryRead(HttpRequest request, out LocalDate from, out LocalDate to, out Problem problem)
    {
        var errors = new List<FieldError>();
        from = Read(request, "from", errors);
        to = Read(request, "to", errors);
        if (errors.Count == 0 && (to < from || Period.Between(from, to, PeriodUnits.Days).Days > MaxDays))
        {
            errors.Add(new FieldError("to", "OUT_OF_RANGE", $"'to' must be on or after 'from' and at most {MaxDays} days later."));
        }

        problem = errors.Count == 0 ? null! : Problem.Validation(errors);
        return errors.Count == 0;
    }

    private static LocalDate Read(HttpRequest request, string name, List<FieldError> errors)
    {
        if (!request.Query.TryGetValue(name, out var raw) || raw.Count != 1 || string.IsNullOrEmpty(raw[0]))
        {
            errors.Add(new FieldError(name, "REQUIRED", $"'{name}' is required (YYYY-MM-DD)."));
            return default;
        }

        var parsed = LocalDatePattern.Iso.Parse(raw[0]!);
        if (!parsed.Success)
        {
            errors.Add(new FieldError(name, "INVALID_FORMAT", $"'{name}' must be a date, YYYY-MM-DD."));
            return default;
        }

        return parsed.Value;
    }
}
