using System.Diagnostics.CodeAnalysis;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Domain.Identity;

/// <summary>
/// A citizen identity number under GB 11643-1999: <c>AAAAAA YYYYMMDD SSS C</c> (region, birth date, sequence, check).
/// The raw number is personal information: <see cref="ToString"/> gives the masked form so it cannot reach a log by
/// accident; only <see cref="Value"/> gives the number itself.
/// </summary>
public sealed record ResidentIdNumber
{
    public const int Length = 18;

    // ISO 7064 MOD 11-2: weight i is 2^(18-i) mod 11; the check character is looked up by the weighted sum mod 11.
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    // Numbers of people born before 1800 were never issued; a year like 0215 is a typo, not a birth date.
    private static readonly LocalDate EarliestBirthDate = new(1800, 1, 1);

    private static readonly LocalDatePattern BirthDatePattern = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    private ResidentIdNumber(string value, LocalDate birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The normalised number: 18 characters, check character upper-case. Personal information.</summary>
    public string Value { get; }

    /// <summary>GB/T 2260 code of the place of household registration when the number was issued.</summary>
    public string RegionCode => Value[..6];

    public LocalDate BirthDate { get; }

    public string SequenceCode => Value[14..17];

    public Sex Sex => (Value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    /// <summary>First 3 and last 4 characters, e.g. <c>110***********002X</c>: safe for records and logs.</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 3), new string('*', Length - 7), Value.AsSpan(Length - 4));

    public override string ToString() => Masked;

    /// <summary>Civil-law age on <paramref name="date"/> (<see cref="CivilAge"/>). Negative before the birth date.</summary>
    public int AgeOn(LocalDate date) => CivilAge.On(BirthDate, date);

    /// <summary>
    /// Parses a number as typed by a person: surrounding whitespace and a lower-case <c>x</c> are accepted.
    /// <paramref name="asOf"/> is the date the number is checked on (a birth date after it is impossible).
    /// On failure <paramref name="error"/> says which part is wrong, without repeating the number.
    /// </summary>
    public static bool TryParse(
        string? raw,
        LocalDate asOf,
        [NotNullWhen(true)] out ResidentIdNumber? id,
        out string error)
    {
        id = null;
        var text = raw.AsSpan().Trim();
        if (text.IsEmpty)
        {
            error = "The ID number is empty.";
            return false;
        }

        if (text.Length != Length)
        {
            error = $"The ID number must have {Length} characters.";
            return false;
        }

        var first17 = text[..17];
        if (first17.ContainsAnyExceptInRange('0', '9'))
        {
            error = "The first 17 characters of the ID number must be digits.";
            return false;
        }

        var check = char.ToUpperInvariant(text[17]);
        if (!char.IsAsciiDigit(check) && check != 'X')
        {
            error = "The last character of the ID number must be a digit or X.";
            return false;
        }

        if (!IsKnownRegion(first17))
        {
            error = "The ID number does not start with a known province or permit code.";
            return false;
        }

        var birth = BirthDatePattern.Parse(first17.Slice(6, 8).ToString());
        if (!birth.Success)
        {
            error = "The birth date in the ID number is not a real date.";
            return false;
        }

        if (birth.Value > asOf)
        {
            error = "The birth date in the ID number is in the future.";
            return false;
        }

        if (birth.Value < EarliestBirthDate)
        {
            error = "The birth date in the ID number is before 1800.";
            return false;
        }

        if (ComputeCheckCharacter(first17) != check)
        {
            error = "The check character of the ID number does not match.";
            return false;
        }

        id = new ResidentIdNumber(string.Concat(first17, [check]), birth.Value);
        error = string.Empty;
        return true;
    }

    /// <summary>The ISO 7064 MOD 11-2 check character for the first 17 digits.</summary>
    /// <exception cref="ArgumentException">Not exactly 17 ASCII digits.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17 || first17.ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException("Expected exactly 17 digits.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// Masks anything that was offered as an identifier, valid or not: at most the first 3 and last 2 characters
    /// show, and only if they are ASCII letters or digits; short input becomes <c>***</c>.
    /// </summary>
    public static string Mask(string? raw)
    {
        var text = raw.AsSpan().Trim();
        if (text.Length < 10)
        {
            return "***";
        }

        var masked = new char[3 + Math.Min(text.Length - 5, 16) + 2];
        masked.AsSpan().Fill('*');
        Reveal(text[..3], masked.AsSpan(0, 3));
        Reveal(text[^2..], masked.AsSpan(masked.Length - 2));
        return new string(masked);

        // Only ASCII letters and digits are shown: anything else could be a control character or a stray name.
        static void Reveal(ReadOnlySpan<char> source, Span<char> target)
        {
            for (var i = 0; i < source.Length; i++)
            {
                if (char.IsAsciiLetterOrDigit(source[i]))
                {
                    target[i] = source[i];
                }
            }
        }
    }

    // GB 11643 §4.1: provinces 11-15, 21-23, 31-37, 41-46, 50-54, 61-65; 81/82/83 on residence permits of
    // Hong Kong, Macao and Taiwan residents; a leading 9 on the 2023 foreign permanent-residence ID card.
    // County codes are not checked: abolished counties stay in numbers issued before they were abolished.
    private static bool IsKnownRegion(ReadOnlySpan<char> digits)
    {
        if (digits[0] == '9')
        {
            return true;
        }

        var province = (digits[0] - '0') * 10 + (digits[1] - '0');
        return province is (>= 11 and <= 15) or (>= 21 and <= 23) or (>= 31 and <= 37) or (>= 41 and <= 46)
            or (>= 50 and <= 54) or (>= 61 and <= 65) or 81 or 82 or 83;
    }
}
