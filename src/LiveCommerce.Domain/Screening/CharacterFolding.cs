using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace LiveCommerce.Domain.Screening;

/// <summary>What a character is to the normaliser.</summary>
internal enum CharKind : byte
{
    /// <summary>Space, punctuation, symbol, emoji, control, private use, unassigned, lone surrogate: skipped.</summary>
    Noise,

    /// <summary>Format character (Cf: zero-width space/joiner, soft hyphen…): invisible, skipped without breaking a word.</summary>
    Format,

    /// <summary>Combining mark (Mn, Mc, Me, variation selectors): dropped, but belongs to the character before it.</summary>
    Mark,

    /// <summary>Cased letter (Latin, Greek, Cyrillic…): forms words, so word boundaries apply.</summary>
    Letter,

    /// <summary>Decimal digit: forms numbers, so number boundaries apply.</summary>
    Digit,

    /// <summary>Any other letter or number (Han, kana, Hangul, circled numbers…): written without spaces, no boundaries.</summary>
    Ideograph,

    /// <summary>Not a character kind: the normaliser's word separator symbol.</summary>
    Separator,
}

/// <summary>
/// The character-level half of normalisation: full-width to half-width (U+FF01..FF5E, U+3000), invariant lower case,
/// traditional to simplified Chinese (OpenCC's character table, embedded), and the <see cref="CharKind"/> of the result.
/// Folding is idempotent: a folded character folds to itself.
/// </summary>
internal static class CharacterFolding
{
    /// <summary>The symbol the normaliser emits for a run of noise that separates two Latin or digit words.</summary>
    public const int SeparatorSymbol = ' ';

    private const string TraditionalToSimplifiedResource = "LiveCommerce.Domain.Screening.t2s-characters.txt";

    private static readonly Dictionary<int, int> TraditionalToSimplified = LoadTraditionalToSimplified();

    // BMP code unit -> folded code point (may be astral) and kind. Surrogate code units are Noise here; readers decode
    // pairs before looking up.
    private static readonly int[] BmpFolded = new int[65536];
    private static readonly CharKind[] BmpKinds = BuildBmpTables(BmpFolded);

    // Content BMP code units grouped by what they fold to (CSR: FoldedFrom[FoldedFromStarts[k]..] for key index k),
    // so that a matcher's 64K class table costs O(its alphabet) to build rather than a pass over all code units.
    private static readonly (Dictionary<int, int> Index, int[] Starts, char[] Sources) FoldSources = BuildFoldSources();

    /// <summary>Number of traditional characters the embedded map folds (for tests and diagnostics).</summary>
    public static int TraditionalCharacterCount => TraditionalToSimplified.Count;

    public static bool IsContent(CharKind kind) => kind is CharKind.Letter or CharKind.Digit or CharKind.Ideograph;

    public static bool IsWordForming(CharKind kind) => kind is CharKind.Letter or CharKind.Digit;

    public static bool IsTransparent(CharKind kind) => kind is CharKind.Format or CharKind.Mark;

    /// <summary>Folded code point and kind of a BMP code unit that is not a surrogate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (int Folded, CharKind Kind) FoldBmp(char c) => (BmpFolded[c], BmpKinds[c]);

    /// <summary>Folded code point and kind of any code point.</summary>
    public static (int Folded, CharKind Kind) Fold(int codePoint)
    {
        if (codePoint < 0x10000)
        {
            return (BmpFolded[codePoint], BmpKinds[codePoint]);
        }

        int folded = FoldOnce(codePoint);
        return (folded, KindOf(folded));
    }

    /// <summary>The BMP code units that fold to <paramref name="folded"/> and are content characters.</summary>
    public static ReadOnlySpan<char> BmpSourcesOf(int folded) =>
        FoldSources.Index.TryGetValue(folded, out int k)
            ? FoldSources.Sources.AsSpan(FoldSources.Starts[k], FoldSources.Starts[k + 1] - FoldSources.Starts[k])
            : [];

    /// <summary>
    /// Reads the character at <paramref name="index"/>: a surrogate pair is one character of width 2; a lone
    /// surrogate is noise of width 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (int Folded, CharKind Kind, int Width) Read(ReadOnlySpan<char> text, int index)
    {
        char c = text[index];
        if (!char.IsSurrogate(c))
        {
            return (BmpFolded[c], BmpKinds[c], 1);
        }

        return ReadSurrogate(text, index);
    }

    /// <summary>Kind of the character that ends just before <paramref name="end"/> (decodes a pair backwards).</summary>
    public static (CharKind Kind, int Start) ReadBackwards(ReadOnlySpan<char> text, int end)
    {
        int i = end - 1;
        if (char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]))
        {
            return (Read(text, i - 1).Kind, i - 1);
        }

        return (char.IsSurrogate(text[i]) ? CharKind.Noise : BmpKinds[text[i]], i);
    }

    private static (int Folded, CharKind Kind, int Width) ReadSurrogate(ReadOnlySpan<char> text, int index)
    {
        char c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            var (folded, kind) = Fold(char.ConvertToUtf32(c, text[index + 1]));
            return (folded, kind, 2);
        }

        return (c, CharKind.Noise, 1);
    }

    private static CharKind[] BuildBmpTables(int[] folded)
    {
        var kinds = new CharKind[65536];
        for (int c = 0; c < 65536; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                folded[c] = c;
                kinds[c] = CharKind.Noise;
                continue;
            }

            int f = FoldOnce(c);
            folded[c] = f;
            kinds[c] = KindOf(f);
        }

        return kinds;
    }

    private static (Dictionary<int, int>, int[], char[]) BuildFoldSources()
    {
        var index = new Dictionary<int, int>();
        var counts = new List<int>();
        for (int c = 0; c < 65536; c++)
        {
            if (IsContent(BmpKinds[c]))
            {
                if (!index.TryGetValue(BmpFolded[c], out int k))
                {
                    index.Add(BmpFolded[c], k = counts.Count);
                    counts.Add(0);
                }

                counts[k]++;
            }
        }

        var starts = new int[counts.Count + 1];
        for (int k = 0; k < counts.Count; k++)
        {
            starts[k + 1] = starts[k] + counts[k];
        }

        var sources = new char[starts[^1]];
        var filled = (int[])starts.Clone();
        for (int c = 0; c < 65536; c++)
        {
            if (IsContent(BmpKinds[c]))
            {
                sources[filled[index[BmpFolded[c]]]++] = (char)c;
            }
        }

        return (index, starts, sources);
    }

    // Width, case, then script; repeated until stable so that folding is idempotent whatever the tables contain.
    private static int FoldOnce(int codePoint)
    {
        for (int round = 0; round < 4; round++)
        {
            int next = codePoint switch
            {
                >= 0xFF01 and <= 0xFF5E => codePoint - 0xFEE0,
                0x3000 => ' ',
                _ => codePoint,
            };
            next = Rune.ToLowerInvariant(new Rune(next)).Value;
            if (TraditionalToSimplified.TryGetValue(next, out int simplified))
            {
                next = simplified;
            }

            if (next == codePoint)
            {
                break;
            }

            codePoint = next;
        }

        return codePoint;
    }

    private static CharKind KindOf(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter => CharKind.Letter,
        UnicodeCategory.DecimalDigitNumber => CharKind.Digit,
        UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CharKind.Ideograph,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => CharKind.Mark,
        UnicodeCategory.Format => CharKind.Format,
        _ => CharKind.Noise,
    };

    private static Dictionary<int, int> LoadTraditionalToSimplified()
    {
        using var stream = typeof(CharacterFolding).Assembly.GetManifestResourceStream(TraditionalToSimplifiedResource)
            ?? throw new InvalidOperationException($"Embedded resource {TraditionalToSimplifiedResource} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var map = new Dictionary<int, int>(4400);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // Each line is two code points: traditional then simplified.
            int traditional = char.ConvertToUtf32(line, 0);
            int simplified = char.ConvertToUtf32(line, char.IsHighSurrogate(line[0]) ? 2 : 1);
            map[traditional] = simplified;
        }

        return map;
    }
}
