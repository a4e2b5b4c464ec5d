using System.Globalization;
using LiveCommerce.Http.Problems;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Http.Json;

/// <summary>
/// Collects every field error of a request (not just the first) while turning DTO fields into domain values:
/// parse, don't validate. Codes: REQUIRED, INVALID_VALUE, INVALID_FORMAT, TOO_LONG, TOO_MANY_ITEMS, OUT_OF_RANGE.
/// </summary>
public sealed class RequestValidator
{
    private readonly List<FieldError> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyList<FieldError> Errors => _errors;

    public Problem ToProblem() => Problem.Validation(_errors);

    public void Add(string field, string code, string message) => _errors.Add(new FieldError(field, code, message));

    public string RequiredString(string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "REQUIRED", $"'{field}' is required.");
            return string.Empty;
        }

        return Length(value, field, maxLength);
    }

    public string? OptionalString(string? value, string field, int maxLength = 200) =>
        value is null ? null : Length(value, field, maxLength);

    public T RequiredValue<T>(T? value, string field)
        where T : struct
    {
        if (value is null)
        {
            Add(field, "REQUIRED", $"'{field}' is required.");
            return default;
        }

        return value.Value;
    }

    public IReadOnlyList<T> RequiredList<T>(IReadOnlyList<T>? value, string field, int maxItems, bool allowEmpty = false)
    {
        if (value is null || (!allowEmpty && value.Count == 0))
        {
            Add(field, "REQUIRED", allowEmpty ? $"'{field}' is required." : $"'{field}' needs at least one item.");
            return [];
        }

        return MaxItems(value, field, maxItems);
    }

    public IReadOnlyList<T> OptionalList<T>(IReadOnlyList<T>? value, string field, int maxItems) =>
        value is null ? [] : MaxItems(value, field, maxItems);

    /// <summary>A closed set of string ids (an enum of the contract). Unknown values are listed with what is allowed.</summary>
    public T? Enum<T>(string? value, string field, TryParser<T> tryParse, IEnumerable<string> allowed, bool required = true)
        where T : class
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "REQUIRED", $"'{field}' is required.");
            }

            return null;
        }

        if (tryParse(value, out var parsed))
        {
            return parsed;
        }

        Add(field, "INVALID_VALUE", $"'{value}' is not one of: {string.Join(", ", allowed)}.");
        return null;
    }

    public delegate bool TryParser<T>(string value, out T result);

    public LocalDate? Date(string? value, string field, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "REQUIRED", $"'{field}' is required.");
            }

            return null;
        }

        var result = LocalDatePattern.Iso.Parse(value);
        if (result.Success)
        {
            return result.Value;
        }

        Add(field, "INVALID_FORMAT", $"'{field}' must be a date as YYYY-MM-DD.");
        return null;
    }

    /// <summary>An ISO 8601 time with an explicit offset (the contract never accepts local times without one).</summary>
    public Instant? Time(string? value, string field, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "REQUIRED", $"'{field}' is required.");
            }

            return null;
        }

        var result = OffsetDateTimePattern.ExtendedIso.Parse(value);
        if (result.Success)
        {
            return result.Value.ToInstant();
        }

        Add(field, "INVALID_FORMAT", $"'{field}' must be an ISO 8601 time with an offset, e.g. 2026-05-01T20:00:00+08:00.");
        return null;
    }

    public long Range(long? value, string field, long min, long max, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "REQUIRED", $"'{field}' is required.");
            }

            return min;
        }

        if (value < min || value > max)
        {
            Add(field, "OUT_OF_RANGE", $"'{field}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value.Value;
    }

    /// <summary>An id that becomes part of a storage key (route segments, skus, list ids).</summary>
    public string Key(string? value, string field, int maxLength = 64)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, "REQUIRED", $"'{field}' is required.");
            return string.Empty;
        }

        if (!Domain.PlatformId.IsWellFormedKey(value, maxLength))
        {
            Add(field, "INVALID_FORMAT", $"'{field}' must be 1-{maxLength} letters, digits, '-' or '_'.");
        }

        return value;
    }

    private string Length(string value, string field, int maxLength)
    {
        if (value.Length > maxLength)
        {
            Add(field, "TOO_LONG", $"'{field}' may be at most {maxLength} characters.");
        }

        return value;
    }

    private IReadOnlyList<T> MaxItems<T>(IReadOnlyList<T> value, string field, int maxItems)
    {
        if (value.Count > maxItems)
        {
            Add(field, "TOO_MANY_ITEMS", $"'{field}' may have at most {maxItems} items.");
        }

        return value;
    }
}
