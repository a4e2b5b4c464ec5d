using LiveCommerce.Domain.Filings;

namespace LiveCommerce.Storage.Filings;

/// <summary>The contract's names of <see cref="FilingStatus"/>, as written on the wire and in storage.</summary>
public static class FilingStatusIds
{
    public static string Of(FilingStatus status) => status switch
    {
        FilingStatus.Open => "open",
        FilingStatus.Late => "late",
        FilingStatus.Filed => "filed",
        FilingStatus.FiledLate => "filed_late",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static FilingStatus Parse(string? id) => id switch
    {
        "open" => FilingStatus.Open,
        "late" => FilingStatus.Late,
        "filed" => FilingStatus.Filed,
        "filed_late" => FilingStatus.FiledLate,
        _ => throw new InvalidOperationException($"Unknown stored filing status '{id}'."),
    };
}
