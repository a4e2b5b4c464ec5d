using System.Text;

namespace LiveCommerce.Domain.Identity;

/// <summary>
/// The comparable form of a name as written on an ID document, so that two spellings a person would call the same
/// hash the same.
/// </summary>
/// <remarks>
/// This is the part of Unicode NFKC that occurs in names typed into Chinese forms, done here by hand because
/// <see cref="string.Normalize(NormalizationForm)"/> silently returns its input unchanged when the process runs
/// with invariant globalization (as ours does). A hash that depended on the host's globalization mode would make
/// the same name mismatch itself on another host. Not covered: CJK compatibility ideographs and decomposed accents.
/// </remarks>
public static class PersonName
{
    /// <summary>The separator between the parts of a minority or foreign name (间隔号).</summary>
    public const char Separator = '\u00B7';

    /// <summary>
    /// Full-width ASCII becomes ASCII, the look-alikes of the name separator become U+00B7 with no space around it,
    /// every other run of whitespace becomes one space, surrounding whitespace goes, and letters are upper-cased.
    /// </summary>
    public static string Normalise(string? name)
    {
        var result = new StringBuilder(name?.Length ?? 0);
        var pendingSpace = false;
        foreach (var original in name ?? string.Empty)
        {
            var c = Fold(original);
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = result.Length > 0 && result[^1] != Separator;
                continue;
            }

            if (pendingSpace && c != Separator)
            {
                result.Append(' ');
            }

            pendingSpace = false;
            result.Append(char.ToUpperInvariant(c));
        }

        return result.ToString();
    }

    private static char Fold(char c)
    {
        // Full-width forms of ASCII and the ideographic space: their NFKC mappings.
        c = c switch
        {
            >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
            '\u3000' => ' ',
            _ => c,
        };

        // People type the separator with whatever dot their keyboard offers.
        return c is '.' or '\u2022' or '\u2027' or '\u2219' or '\u22C5' or '\u30FB' or '\uFF65' ? Separator : c;
    }
}
