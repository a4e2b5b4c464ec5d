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
/// Folding is idempotent: a folded character folds to itself. These are the members of <see cref="FoldTable.Standard"/>;
/// the second, evasion pass folds further with <see cref="FoldTable.Evasion"/>.
/// </summary>
internal static class CharacterFolding
{
    /// <summary>The symbol the normaliser emits for a run of noise that separates two Latin or digit words.</summary>
    public const int SeparatorSymbol = ' ';

    /// <summary>Number of traditional characters the embedded map folds (for tests and diagnostics).</summary>
    public static int TraditionalCharacterCount => ScreeningData.TraditionalToSimplified.Count;

    public static bool IsContent(CharKind kind) => kind is CharKind.Letter or CharKind.Digit or CharKind.Ideograph;

    public static bool IsWordForming(CharKind kind) => kind is CharKind.Letter or CharKind.Digit;

    public static bool IsTransparent(CharKind kind) => kind is CharKind.Format or CharKind.Mark;

    /// <summary>Folded code point and kind of a BMP code unit that is not a surrogate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (int Folded, CharKind Kind) FoldBmp(char c) => FoldTable.Standard.FoldBmp(c);

    /// <summary>Folded code point and kind of any code point.</summary>
    public static (int Folded, CharKind Kind) Fold(int codePoint) => FoldTable.Standard.Fold(codePoint);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (int Folded, CharKind Kind, int Width) Read(ReadOnlySpan<char> text, int index) => FoldTable.Standard.Read(text, index);

    /// <summary>Width, case, then script: one round of the standard fold (callers repeat it until stable).</summary>
    public static int StandardStep(int codePoint)
    {
        int next = codePoint switch
        {
            >= 0xFF01 and <= 0xFF5E => codePoint - 0xFEE0,
            0x3000 => ' ',
            _ => codePoint,
        };
        next = Rune.ToLowerInvariant(new Rune(next)).Value;
        return ScreeningData.TraditionalToSimplified.TryGetValue(next, out int simplified) ? simplified : next;
    }

    public static CharKind KindOf(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter => CharKind.Letter,
        UnicodeCategory.DecimalDigitNumber => CharKind.Digit,
        UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CharKind.Ideograph,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => CharKind.Mark,
        UnicodeCategory.Format => CharKind.Format,
        _ => CharKind.Noise,
    };
}

/// <summary>
/// A character fold as lookup tables: each code point to the code point it folds to and that result's
/// <see cref="CharKind"/>. <see cref="Standard"/> is the normaliser's (width, case, traditional script);
/// <see cref="Evasion"/> folds further for the second pass (look-alikes, variant numerals, homophones). Both are
/// idempotent: a step function is applied until the code point no longer changes.
/// </summary>
internal sealed class FoldTable
{
    public static readonly FoldTable Standard = new(CharacterFolding.StandardStep);

    private static FoldTable? _evasion;

    /// <summary>The second pass's fold (built on first use: it loads the pinyin and look-alike data).</summary>
    public static FoldTable Evasion => LazyInitializer.EnsureInitialized(ref _evasion, () => new FoldTable(EvasionFolding.Step));

    private readonly Func<int, int> _step;

    // BMP code unit -> folded code point (may be astral) and kind. Surrogate code units are Noise here; readers decode
    // pairs before looking up.
    private readonly int[] _bmpFolded = new int[65536];
    private readonly CharKind[] _bmpKinds;

    // Content BMP code units grouped by what they fold to (CSR: Sources[Starts[k]..] for key index k), so that a
    // matcher's 64K class table costs O(its alphabet) to build rather than a pass over all code units.
    private readonly (Dictionary<int, int> Index, int[] Starts, char[] Sources) _foldSources;

    private ushort[]? _noSymbolClasses;

    private FoldTable(Func<int, int> step)
    {
        _step = step;
        _bmpKinds = BuildBmpTables(_bmpFolded);
        _foldSources = BuildFoldSources();
    }

    /// <summary>Folded code point and kind of a BMP code unit that is not a surrogate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (int Folded, CharKind Kind) FoldBmp(char c) => (_bmpFolded[c], _bmpKinds[c]);

    /// <summary>Folded code point and kind of any code point.</summary>
    public (int Folded, CharKind Kind) Fold(int codePoint)
    {
        if (codePoint < 0x10000)
        {
            return (_bmpFolded[codePoint], _bmpKinds[codePoint]);
        }

        int folded = FoldUntilStable(codePoint);
        return (folded, CharacterFolding.KindOf(folded));
    }

    /// <summary>The BMP code units that fold to <paramref name="folded"/> and are content characters.</summary>
    public ReadOnlySpan<char> BmpSourcesOf(int folded) =>
        _foldSources.Index.TryGetValue(folded, out int k)
            ? _foldSources.Sources.AsSpan(_foldSources.Starts[k], _foldSources.Starts[k + 1] - _foldSources.Starts[k])
            : [];

    /// <summary>
    /// Reads the character at <paramref name="index"/>: a surrogate pair is one character of width 2; a lone
    /// surrogate is noise of width 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (int Folded, CharKind Kind, int Width) Read(ReadOnlySpan<char> text, int index)
    {
        char c = text[index];
        if (!char.IsSurrogate(c))
        {
            return (_bmpFolded[c], _bmpKinds[c], 1);
        }

        return ReadSurrogate(text, index);
    }

    /// <summary>Kind of the character that ends just before <paramref name="end"/> (decodes a pair backwards).</summary>
    public (CharKind Kind, int Start) ReadBackwards(ReadOnlySpan<char> text, int end)
    {
        int i = end - 1;
        if (char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]))
        {
            return (Read(text, i - 1).Kind, i - 1);
        }

        return (char.IsSurrogate(text[i]) ? CharKind.Noise : _bmpKinds[text[i]], i);
    }

    /// <summary>
    /// The class table of a matcher with no symbols: high surrogates decode, low surrogates and non-content characters
    /// are skipped, every content character is a breaker.
    /// </summary>
    public ushort[] NoSymbolClasses(ushort highSurrogate, ushort skip, ushort breaker) =>
        LazyInitializer.EnsureInitialized(ref _noSymbolClasses, () =>
        {
            var classes = new ushort[65536];
            for (int c = 0; c < classes.Length; c++)
            {
                classes[c] = char.IsHighSurrogate((char)c) ? highSurrogate
                    : char.IsLowSurrogate((char)c) || !CharacterFolding.IsContent(_bmpKinds[c]) ? skip
                    : breaker;
            }

            return classes;
        });

    private (int Folded, CharKind Kind, int Width) ReadSurrogate(ReadOnlySpan<char> text, int index)
    {
        char c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            var (folded, kind) = Fold(char.ConvertToUtf32(c, text[index + 1]));
            return (folded, kind, 2);
        }

        return (c, CharKind.Noise, 1);
    }

    private CharKind[] BuildBmpTables(int[] folded)
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

            int f = FoldUntilStable(c);
            folded[c] = f;
            kinds[c] = CharacterFolding.KindOf(f);
        }

        return kinds;
    }

    private (Dictionary<int, int>, int[], char[]) BuildFoldSources()
    {
        var index = new Dictionary<int, int>();
        var counts = new List<int>();
        for (int c = 0; c < 65536; c++)
        {
            if (CharacterFolding.IsContent(_bmpKinds[c]))
            {
                if (!index.TryGetValue(_bmpFolded[c], out int k))
                {
                    index.Add(_bmpFolded[c], k = counts.Count);
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
            if (CharacterFolding.IsContent(_bmpKinds[c]))
            {
                sources[filled[index[_bmpFolded[c]]]++] = (char)c;
            }
        }

        return (index, starts, sources);
    }

    // Repeated until stable so that folding is idempotent whatever the tables contain.
    private int FoldUntilStable(int codePoint)
    {
        for (int round = 0; round < 6; round++)
        {
            int next = _step(codePoint);
            if (next == codePoint)
            {
                break;
            }

            codePoint = next;
        }

        return codePoint;
    }
}
