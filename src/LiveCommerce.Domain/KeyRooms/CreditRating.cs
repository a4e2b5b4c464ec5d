using System.Diagnostics.CodeAnalysis;

namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// A platform's credit rating of a room operator, as a letter grade from A (best) to D (worst).
/// Order 117 art. 11 encourages platforms to keep a credit rating; it prescribes no scale. Letter grades are our
/// choice: they are what platforms publish to operators, and a platform that scores numerically maps its bands to
/// letters at its own boundary, which keeps the threshold readable ("C or worse").
/// </summary>
public readonly record struct CreditRating : IComparable<CreditRating>
{
    private const string Grades = "ABCD";

    private readonly char _grade;

    private CreditRating(char grade) => _grade = grade;

    public static CreditRating A { get; } = new('A');
    public static CreditRating B { get; } = new('B');
    public static CreditRating C { get; } = new('C');
    public static CreditRating D { get; } = new('D');

    public char Grade => _grade == default ? 'A' : _grade;

    /// <summary>True when this rating is <paramref name="threshold"/> or worse (D is below C).</summary>
    public bool IsAtOrBelow(CreditRating threshold) => Grade >= threshold.Grade;

    /// <summary>Accepts one letter A–D, either case, with surrounding spaces.</summary>
    public static bool TryParse(string? text, out CreditRating rating, [NotNullWhen(false)] out Reason? failure)
    {
        var trimmed = text?.Trim();
        if (trimmed is { Length: 1 } && Grades.Contains(char.ToUpperInvariant(trimmed[0]), StringComparison.Ordinal))
        {
            rating = new CreditRating(char.ToUpperInvariant(trimmed[0]));
            failure = null;
            return true;
        }

        rating = default;
        failure = new Reason(
            KeyRoomReasonCodes.CreditRatingInvalid,
            $"credit rating must be one letter A (best) to D (worst), got '{text}'",
            "creditRating");
        return false;
    }

    public static CreditRating Parse(string text) =>
        TryParse(text, out var rating, out var failure) ? rating : throw new FormatException(failure.Message);

    /// <summary>Orders from best to worst: A &lt; B &lt; C &lt; D.</summary>
    public int CompareTo(CreditRating other) => Grade.CompareTo(other.Grade);

    public static bool operator <(CreditRating left, CreditRating right) => left.CompareTo(right) < 0;
    public static bool operator >(CreditRating left, CreditRating right) => left.CompareTo(right) > 0;
    public static bool operator <=(CreditRating left, CreditRating right) => left.CompareTo(right) <= 0;
    public static bool operator >=(CreditRating left, CreditRating right) => left.CompareTo(right) >= 0;

    // default(CreditRating) reads as A, so equality goes through Grade rather than the raw field.
    public bool Equals(CreditRating other) => Grade == other.Grade;

    public override int GetHashCode() => Grade.GetHashCode();

    public override string ToString() => Grade.ToString();
}
