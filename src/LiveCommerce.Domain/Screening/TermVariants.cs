using System.Globalization;
using System.Text;

namespace LiveCommerce.Domain.Screening;

/// <summary>How a negative-list term was found in a text: the evidence, strongest first.</summary>
public enum MatchKind
{
    /// <summary>The term exactly as listed.</summary>
    Exact,

    /// <summary>After normalisation: width, case, traditional script, noise between characters, repeated characters.</summary>
    Normalised,

    /// <summary>A variant numeral: ①⑧, ❶❽, 壹捌, 十八 or 一八 for 18.</summary>
    Variant,

    /// <summary>Look-alike characters: Cyrillic or Greek letters in Latin words, Kangxi radicals (⾹), 孑 for 子.</summary>
    Lookalike,

    /// <summary>A character written as its two components: 火因 for 烟, 木仓 for 枪.</summary>
    Split,

    /// <summary>Pinyin for some or all of the characters: dianziyan, dian zi yan, 电子yan.</summary>
    Pinyin,

    /// <summary>Another character read the same (syllable and tone): 电子湮 for 电子烟.</summary>
    Homophone,

    /// <summary>Pinyin initials: dzy for 电子烟. Weak evidence alone.</summary>
    Initials,
}

/// <summary>One spelling of a term that the evasion pass searches for, with the kind it proves.</summary>
internal readonly record struct TermVariant(string Text, MatchKind Kind, bool OptionalSeparators);

/// <summary>
/// The spellings of a term that sellers use to get past a list, generated when a list is compiled: the term itself
/// (the evasion fold then catches look-alikes, variant numerals, homophones and repeats), its pinyin (whole, or one
/// character at a time among the others), its initials, each character split into its components, and its numbers
/// written the other way (18 / 十八 / 一八).
/// </summary>
internal static class TermVariants
{
    /// <summary>Most variants of one kind generated per term; enough for real terms, bounded for pathological ones.</summary>
    private const int MaxPerKind = 6;

    public static void Generate(string term, List<TermVariant> into)
    {
        into.Add(new TermVariant(term, MatchKind.Normalised, OptionalSeparators: false));
        var symbols = Symbols(term);
        if (symbols.Count == 0)
        {
            return;
        }

        AddPinyin(symbols, into);
        AddSplits(symbols, into);
        if (term.AsSpan().IndexOfAny(NumeralCharacters) >= 0)
        {
            AddNumerals(term, into);
        }
    }

    // A term without any of these has no number to write the other way (full-width digits fold to ASCII ones).
    private static readonly System.Buffers.SearchValues<char> NumeralCharacters =
        System.Buffers.SearchValues.Create("0123456789０１２３４５６７８９零一二三四五六七八九十");

    private static List<NormalisedSymbol> Symbols(string term)
    {
        var symbols = new List<NormalisedSymbol>();
        var reader = new SymbolReader(term);
        while (reader.MoveNext())
        {
            symbols.Add(reader.Current);
        }

        return symbols;
    }

    private static void AddPinyin(List<NormalisedSymbol> symbols, List<TermVariant> into)
    {
        var han = symbols.Where(s => EvasionFolding.IsHan(s.Value)).ToList();
        if (han.Count == 0 || han.Any(s => EvasionFolding.PrimaryReading(s.Value) is null))
        {
            return;
        }

        // Whole pinyin with each reading of the first polyphonic character (most terms have one reading per character).
        var polyphone = han.FirstOrDefault(s => ScreeningData.Readings[s.Value].Length > 1);
        var readingsOfPolyphone = polyphone == default
            ? [null]
            : ScreeningData.Readings[polyphone.Value].Select(Toneless).Distinct().Take(2).Cast<string?>().ToArray();
        foreach (var alternative in readingsOfPolyphone)
        {
            into.Add(new TermVariant(
                Spell(symbols, s => !EvasionFolding.IsHan(s.Value) ? null : s == polyphone && alternative is not null ? alternative : Syllable(s.Value)),
                MatchKind.Pinyin,
                OptionalSeparators: true));
        }

        // One character as pinyin among the others (电子yan, 电zi烟): only where others remain.
        if (symbols.Count > 1)
        {
            foreach (var one in han.Take(MaxPerKind))
            {
                into.Add(new TermVariant(Spell(symbols, s => s == one ? Syllable(s.Value) : null), MatchKind.Pinyin, false));
            }
        }

        // Initials (dzy): a term of two or more characters, all of them Han.
        if (han.Count >= 2 && han.Count == symbols.Count)
        {
            into.Add(new TermVariant(string.Concat(han.Select(s => Syllable(s.Value)[0])), MatchKind.Initials, true));
        }
    }

    /// <summary>The term with some symbols replaced (null keeps the symbol); replaced ones stand apart as syllables.</summary>
    private static string Spell(List<NormalisedSymbol> symbols, Func<NormalisedSymbol, string?> replace)
    {
        var text = new StringBuilder();
        foreach (var symbol in symbols)
        {
            var replacement = replace(symbol);
            if (replacement is not null)
            {
                // A space between syllables (and around them): separators the pinyin entry may or may not meet.
                if (text.Length > 0 && text[^1] != ' ' && char.IsAsciiLetter(text[^1]))
                {
                    text.Append(' ');
                }

                text.Append(replacement).Append(' ');
            }
            else
            {
                text.Append(symbol.Kind == CharKind.Separator ? " " : char.ConvertFromUtf32(symbol.Value));
            }
        }

        return text.ToString().Trim();
    }

    private static string Syllable(int codePoint) => Toneless(EvasionFolding.PrimaryReading(codePoint)!);

    private static string Toneless(string reading) => reading.TrimEnd('1', '2', '3', '4', '5');

    private static void AddSplits(List<NormalisedSymbol> symbols, List<TermVariant> into)
    {
        int added = 0;
        foreach (var symbol in symbols)
        {
            if (added < MaxPerKind && ScreeningData.Components.TryGetValue(symbol.Value, out var components))
            {
                into.Add(new TermVariant(Spell(symbols, s => s == symbol ? components : null).Replace(" ", string.Empty, StringComparison.Ordinal), MatchKind.Split, false));
                added++;
            }
        }
    }

    private const string ChineseDigits = "零一二三四五六七八九";

    /// <summary>Numbers of up to 99 (and digit strings of up to four digits) written the other way: 18 ↔ 十八, 一八.</summary>
    private static void AddNumerals(string term, List<TermVariant> into)
    {
        string folded = ScreeningNormaliser.Normalise(term);
        var forms = new HashSet<string>(StringComparer.Ordinal);
        // ASCII digit runs -> Chinese.
        foreach (var (start, length) in Runs(folded, char.IsAsciiDigit))
        {
            string digits = folded.Substring(start, length);
            if (length > 4)
            {
                continue;
            }

            forms.Add(folded[..start] + string.Concat(digits.Select(d => ChineseDigits[d - '0'])) + folded[(start + length)..]);
            if (length <= 2 && int.Parse(digits, CultureInfo.InvariantCulture) is >= 10 and var value)
            {
                forms.Add(folded[..start] + Cardinal(value) + folded[(start + length)..]);
            }
        }

        // Chinese numeral runs -> digits.
        foreach (var (start, length) in Runs(folded, c => ChineseDigits.Contains(c) || c == '十'))
        {
            if (ParseChinese(folded.AsSpan(start, length)) is int value)
            {
                forms.Add(folded[..start] + value.ToString(CultureInfo.InvariantCulture) + folded[(start + length)..]);
            }
        }

        foreach (var form in forms.Where(f => f != folded).Take(MaxPerKind))
        {
            into.Add(new TermVariant(form, MatchKind.Variant, false));
        }
    }

    private static IEnumerable<(int Start, int Length)> Runs(string text, Func<char, bool> member)
    {
        for (int i = 0; i < text.Length;)
        {
            if (!member(text[i]))
            {
                i++;
                continue;
            }

            int start = i;
            while (i < text.Length && member(text[i]))
            {
                i++;
            }

            yield return (start, i - start);
        }
    }

    private static string Cardinal(int value) =>
        (value / 10 == 1 ? "十" : ChineseDigits[value / 10] + "十") + (value % 10 == 0 ? string.Empty : ChineseDigits[value % 10].ToString());

    /// <summary>十八 = 18, 二十 = 20, 一八 = 18, 五 = 5; null for anything else (or 一 alone, which is rarely a number).</summary>
    private static int? ParseChinese(ReadOnlySpan<char> run)
    {
        int ten = run.IndexOf('十');
        if (ten < 0)
        {
            if (run.Length < 2 || run.Length > 4)
            {
                return null;
            }

            int value = 0;
            foreach (char c in run)
            {
                value = (value * 10) + ChineseDigits.IndexOf(c);
            }

            return value;
        }

        if (run.Length > 3 || run[(ten + 1)..].Contains('十') || ten > 1)
        {
            return null;
        }

        int tens = ten == 0 ? 1 : ChineseDigits.IndexOf(run[0]);
        int units = ten + 1 < run.Length ? ChineseDigits.IndexOf(run[ten + 1]) : 0;
        return tens <= 0 || units < 0 ? null : (tens * 10) + units;
    }
}
