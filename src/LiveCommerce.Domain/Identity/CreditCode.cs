using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace LiveCommerce.Domain.Identity;

/// <summary>
/// A unified social credit code under GB 32100-2015: <c>R T DDDDDD OOOOOOOOO C</c> (registration authority,
/// entity type, region, GB 11714 organisation code, MOD 31 check). Credit codes are public: the storefront must
/// show them, so unlike <see cref="ResidentIdNumber"/> this type needs no masking.
/// </summary>
public sealed record CreditCode
{
    public const int Length = 18;

    /// <summary>Warning: positions 9-17 fail their own GB 11714 check (a few legacy codes). Never rejects.</summary>
    public const string OrganisationCodeCheckFailed = "ORGANISATION_CODE_CHECK_FAILED";

    /// <summary>Warning: the pair of positions 1 and 2 is not in the table of authorities and types we know.</summary>
    public const string UnknownRegistrationAuthorityOrEntityType = "UNKNOWN_REGISTRATION_AUTHORITY_OR_ENTITY_TYPE";

    /// <summary>The 31 symbols of GB 32100, each worth its index: no I, O, S, V or Z.</summary>
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly SearchValues<char> CharsetValues = SearchValues.Create(Charset);

    // Weight i is 3^(i-1) mod 31.
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private static readonly int[] OrganisationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    // Registration authority (position 1) → entity types (position 2), as the open-source validators list them
    // (regulatory facts §4.2). Codes outside it are warned about, not rejected: the standard's own table is unseen.
    private static readonly Dictionary<char, string> EntityTypesByAuthority = new()
    {
        ['1'] = "1239", // staffing: organ, public institution, mass organisation, other
        ['2'] = "19", // foreign affairs
        ['3'] = "123459", // justice: law firm, notary, legal service, forensic appraisal, arbitration, other
        ['4'] = "19", // culture
        ['5'] = "1239", // civil affairs: social organisation, private non-enterprise unit, foundation, other
        ['6'] = "129", // tourism
        ['7'] = "129", // religion
        ['8'] = "19", // trade union
        ['9'] = "123", // market regulation: enterprise, individual business, farmers' cooperative
        ['A'] = "19", // military reform and staffing office
        ['N'] = "1239", // agriculture: collective economic organisations
        ['Y'] = "1", // other
    };

    private CreditCode(string value, IReadOnlyList<string> warnings)
    {
        Value = value;
        Warnings = warnings;
    }

    /// <summary>The normalised code: 18 upper-case characters.</summary>
    public string Value { get; }

    /// <summary>Warning codes (the constants above). They never make the code invalid.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public override string ToString() => Value;

    public bool Equals(CreditCode? other) => other is not null && Value == other.Value;

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    /// <summary>
    /// Parses a code as typed: surrounding whitespace and lower case are accepted. Length, charset, the digits of the
    /// region code and the MOD 31 check are hard failures, described in <paramref name="error"/>.
    /// </summary>
    public static bool TryParse(string? raw, [NotNullWhen(true)] out CreditCode? code, out string error)
    {
        code = null;
        var text = (raw ?? string.Empty).Trim().ToUpperInvariant();
        if (text.Length == 0)
        {
            error = "The credit code is empty.";
            return false;
        }

        if (text.Length != Length)
        {
            error = $"The credit code must have {Length} characters.";
            return false;
        }

        if (text.AsSpan().ContainsAnyExcept(CharsetValues))
        {
            error = "The credit code contains a character outside the GB 32100 set (no I, O, S, V or Z).";
            return false;
        }

        if (text.AsSpan(2, 6).ContainsAnyExceptInRange('0', '9'))
        {
            error = "Characters 3 to 8 of the credit code (the region code) must be digits.";
            return false;
        }

        if (ComputeCheckCharacter(text.AsSpan(0, 17)) != text[17])
        {
            error = "The check character of the credit code does not match.";
            return false;
        }

        code = new CreditCode(text, WarningsFor(text));
        error = string.Empty;
        return true;
    }

    /// <summary>The MOD 31 check character for the first 17 characters.</summary>
    /// <exception cref="ArgumentException">Not exactly 17 characters of <see cref="Charset"/>.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17 || first17.ContainsAnyExcept(CharsetValues))
        {
            throw new ArgumentException("Expected exactly 17 characters of the GB 32100 set.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Charset.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }

        return Charset[(31 - sum % 31) % 31];
    }

    /// <summary>The GB 11714 check character for the 8 body characters of an organisation code.</summary>
    internal static char ComputeOrganisationCheckCharacter(ReadOnlySpan<char> body8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            // GB 11714 values: digits 0-9, letters A-Z 10-35.
            var c = body8[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * OrganisationCodeWeights[i];
        }

        return (11 - sum % 11) switch
        {
            10 => 'X',
            11 => '0',
            var digit => (char)('0' + digit),
        };
    }

    private static string[] WarningsFor(string code)
    {
        var warnings = new List<string>(2);
        if (!EntityTypesByAuthority.TryGetValue(code[0], out var types) || !types.Contains(code[1]))
        {
            warnings.Add(UnknownRegistrationAuthorityOrEntityType);
        }

        if (ComputeOrganisationCheckCharacter(code.AsSpan(8, 8)) != code[16])
        {
            warnings.Add(OrganisationCodeCheckFailed);
        }

        return [.. warnings];
    }
}
