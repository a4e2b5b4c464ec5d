using System.Diagnostics.CodeAnalysis;

namespace LiveCommerce.Domain.Filings;

/// <summary>
/// The answer of a working-day computation, or the years it would have had to guess. A missing calendar year is an
/// expected condition (next year's notice comes out in Oct–Dec), so it is a value, not an exception.
/// </summary>
public sealed record CalendarResult<T>
{
    private readonly T _value;

    private CalendarResult(T value, CalendarNotPublished? failure)
    {
        _value = value;
        Failure = failure;
    }

    public static CalendarResult<T> Of(T value) => new(value, null);

    public static CalendarResult<T> NotPublished(CalendarNotPublished failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(default!, failure);
    }

    public static implicit operator CalendarResult<T>(T value) => Of(value);

    public static implicit operator CalendarResult<T>(CalendarNotPublished failure) => NotPublished(failure);

    /// <summary>Null when every day the computation needed was in a loaded year.</summary>
    public CalendarNotPublished? Failure { get; }

    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsPublished => Failure is null;

    /// <summary>The answer. Reading it from a failed result is a programming error.</summary>
    public T Value => IsPublished
        ? _value
        : throw new InvalidOperationException($"No value: {Failure}");

    public bool TryGetValue([MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out CalendarNotPublished? failure)
    {
        value = _value;
        failure = Failure;
        return IsPublished;
    }

    public TOut Match<TOut>(Func<T, TOut> published, Func<CalendarNotPublished, TOut> notPublished) =>
        IsPublished ? published(_value) : notPublished(Failure);

    public CalendarResult<TOut> Map<TOut>(Func<T, TOut> map) =>
        IsPublished ? CalendarResult<TOut>.Of(map(_value)) : CalendarResult<TOut>.NotPublished(Failure);

    public CalendarResult<TOut> Then<TOut>(Func<T, CalendarResult<TOut>> next) =>
        IsPublished ? next(_value) : CalendarResult<TOut>.NotPublished(Failure);

    public override string ToString() => IsPublished ? $"{_value}" : Failure.Message;
}
