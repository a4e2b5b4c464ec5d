namespace LiveCommerce.Domain.Filings;

/// <summary>
/// A computation needed days of years whose official holiday schedule is not loaded. The answer is refused rather
/// than guessed: a weekday in an unpublished year may turn out to be a holiday or a make-up workday.
/// </summary>
public sealed record CalendarNotPublished
{
    /// <summary>The HTTP contract's problem code (422).</summary>
    public const string Code = "CALENDAR_NOT_PUBLISHED";

    public CalendarNotPublished(int year, params ReadOnlySpan<int> moreYears)
    {
        var years = new SortedSet<int> { year };
        foreach (var more in moreYears)
        {
            years.Add(more);
        }

        Years = [.. years];
    }

    /// <summary>Every missing year the computation is known to need, ascending. Never empty.</summary>
    /// <remarks>
    /// Loading these years may reveal that an earlier one is needed too: how far back a walk over working days goes
    /// depends on the holidays of the years it passes through.
    /// </remarks>
    public IReadOnlyList<int> Years { get; }

    /// <summary>The earliest missing year.</summary>
    public int Year => Years[0];

    public bool Equals(CalendarNotPublished? other) =>
        other is not null && Years.SequenceEqual(other.Years);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var year in Years)
        {
            hash.Add(year);
        }

        return hash.ToHashCode();
    }

    /// <summary>A sentence for a problem detail's <c>detail</c>.</summary>
    public string Message => $"The official working-day calendar is not published for {string.Join(", ", Years)}.";

    public override string ToString() => Message;
}
