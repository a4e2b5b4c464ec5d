using System.Text;
using LiveCommerce.Domain.Screening;

namespace LiveCommerce.Domain.Tests.Screening;

/// <summary>
/// The matcher's semantics written the slow, obvious way: normalise text and terms, find every ordinal occurrence
/// of each normalised term in the normalised text, drop those glued to a letter/digit of the same kind, map back.
/// </summary>
internal static class ScreeningOracle
{
    public static List<TermMatch> FindAll(IReadOnlyList<string> terms, string text)
    {
        var normalised = ScreeningNormaliser.Normalise(text.AsSpan());
        string haystack = normalised.Text;
        var found = new List<TermMatch>();
        for (int entry = 0; entry < terms.Count; entry++)
        {
            string term = ScreeningNormaliser.Normalise(terms[entry]);
            if (term.Length == 0)
            {
                continue;
            }

            for (int at = haystack.IndexOf(term, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(term, at + 1, StringComparison.Ordinal))
            {
                if (Glued(haystack, at, term))
                {
                    continue;
                }

                var (start, length) = normalised.ToOriginal(at, term.Length);
                found.Add(new TermMatch(entry, start, length));
            }
        }

        return Sorted(found);
    }

    /// <summary>All ordinal occurrences, overlapping ones included: what exact mode must report.</summary>
    public static List<TermMatch> FindAllExact(IReadOnlyList<string> terms, string text)
    {
        var found = new List<TermMatch>();
        for (int entry = 0; entry < terms.Count; entry++)
        {
            if (terms[entry].Length == 0)
            {
                continue;
            }

            for (int at = text.IndexOf(terms[entry], StringComparison.Ordinal); at >= 0; at = text.IndexOf(terms[entry], at + 1, StringComparison.Ordinal))
            {
                found.Add(new TermMatch(entry, at, terms[entry].Length));
            }
        }

        return Sorted(found);
    }

    public static List<TermMatch> Sorted(IEnumerable<TermMatch> matches) =>
        matches.OrderBy(m => m.Start).ThenBy(m => m.Start + m.Length).ThenBy(m => m.EntryIndex).ToList();

    private static bool Glued(string haystack, int at, string term)
    {
        var first = KindOf(Rune.GetRuneAt(term, 0));
        var last = KindOf(LastRune(term, term.Length));
        int end = at + term.Length;
        return (IsWordForming(first) && at > 0 && KindOf(LastRune(haystack, at)) == first)
            || (IsWordForming(last) && end < haystack.Length && KindOf(Rune.GetRuneAt(haystack, end)) == last);
    }

    private static Rune LastRune(string s, int end) =>
        Rune.DecodeLastFromUtf16(s.AsSpan(0, end), out var rune, out _) == System.Buffers.OperationStatus.Done ? rune : Rune.ReplacementChar;

    private static CharKind KindOf(Rune rune) => CharacterFolding.Fold(rune.Value).Kind;

    private static bool IsWordForming(CharKind kind) => kind is CharKind.Letter or CharKind.Digit;
}
