namespace LiveCommerce.Domain.Screening;

/// <summary>
/// One symbol of normalised text: a folded character, or the separator that a run of noise becomes between two
/// Latin/digit words. [<see cref="Start"/>, <see cref="End"/>) is its span in the original text: a character with its
/// trailing combining marks, or the whole noise run for a separator.
/// </summary>
internal readonly record struct NormalisedSymbol(int Value, CharKind Kind, int Start, int End);

/// <summary>
/// Walks the symbols of normalised text straight off the original text: the single definition of normalisation,
/// used both to normalise whole texts and to verify a match candidate in place.
/// <para>The rules, in original-text terms:</para>
/// <list type="bullet">
/// <item>Content characters (letters, digits, ideographs) are folded by <see cref="CharacterFolding"/>.</item>
/// <item>Format characters and combining marks are dropped without breaking a word ("v\u200Bape" is "vape").</item>
/// <item>A run of noise (spaces, punctuation, symbols, emoji) between two content characters is dropped, except
/// between two Latin/digit words of which at least one has more than one character: then it becomes one separator
/// symbol. So "电 子 烟" is "电子烟" and "V A P E" is "vape", but "vape pen" stays "vape pen" and "cava peak" is not
/// "cavapeak". Word lengths are counted in the original text, where a word is a run of letters and digits joined by
/// nothing but format characters and marks.</item>
/// <item>Noise before the first and after the last content character is dropped.</item>
/// </list>
/// </summary>
internal ref struct SymbolReader
{
    private readonly ReadOnlySpan<char> _text;
    private readonly FoldTable _fold;
    private int _next;
    private CharKind _lastKind;
    private int _wordLength;
    private NormalisedSymbol _pending;
    private bool _hasPending;

    /// <summary>
    /// Reads from <paramref name="start"/>, which is 0 or the index of a content character; the text before it only
    /// tells whether that character continues a word.
    /// </summary>
    public SymbolReader(ReadOnlySpan<char> text, int start = 0, FoldTable? fold = null)
    {
        _text = text;
        _fold = fold ?? FoldTable.Standard;
        _next = start;
        _lastKind = CharKind.Noise;
        _wordLength = 0;
        if (start > 0)
        {
            var before = KindBefore(text, start, _fold);
            if (CharacterFolding.IsContent(before))
            {
                _lastKind = before;
                _wordLength = 1;
            }
        }
    }

    public NormalisedSymbol Current { get; private set; }

    public bool MoveNext()
    {
        if (_hasPending)
        {
            _hasPending = false;
            Accept(_pending, startsWord: true);
            return true;
        }

        int i = SkipTransparent(_text, _next, _fold);
        if (i >= _text.Length)
        {
            return false;
        }

        var (folded, kind, width) = _fold.Read(_text, i);
        if (CharacterFolding.IsContent(kind))
        {
            Accept(new NormalisedSymbol(folded, kind, i, ContentEnd(_text, i + width, _fold)), startsWord: false);
            return true;
        }

        int noiseStart = i;
        while (i < _text.Length)
        {
            (folded, kind, width) = _fold.Read(_text, i);
            if (CharacterFolding.IsContent(kind))
            {
                break;
            }

            i += width;
        }

        if (i >= _text.Length)
        {
            _next = i;
            return false;
        }

        var following = new NormalisedSymbol(folded, kind, i, ContentEnd(_text, i + width, _fold));
        bool separates = CharacterFolding.IsWordForming(_lastKind) && CharacterFolding.IsWordForming(kind)
            && !(_wordLength == 1 && !CharacterFolding.IsWordForming(KindAfter(_text, following.End, _fold)));
        if (separates)
        {
            Current = new NormalisedSymbol(CharacterFolding.SeparatorSymbol, CharKind.Separator, noiseStart, i);
            _lastKind = CharKind.Separator;
            _pending = following;
            _hasPending = true;
            return true;
        }

        Accept(following, startsWord: true);
        return true;
    }

    private void Accept(NormalisedSymbol symbol, bool startsWord)
    {
        bool wordForming = CharacterFolding.IsWordForming(symbol.Kind);
        _wordLength = !wordForming ? 0
            : !startsWord && CharacterFolding.IsWordForming(_lastKind) ? _wordLength + 1
            : 1;
        _lastKind = symbol.Kind;
        _next = symbol.End;
        Current = symbol;
    }

    /// <summary>End of a content character whose own code units end at <paramref name="index"/>: its trailing marks.</summary>
    public static int ContentEnd(ReadOnlySpan<char> text, int index, FoldTable fold)
    {
        while (index < text.Length)
        {
            var (_, kind, width) = fold.Read(text, index);
            if (kind != CharKind.Mark)
            {
                break;
            }

            index += width;
        }

        return index;
    }

    public static int SkipTransparent(ReadOnlySpan<char> text, int index, FoldTable fold)
    {
        while (index < text.Length)
        {
            var (_, kind, width) = fold.Read(text, index);
            if (!CharacterFolding.IsTransparent(kind))
            {
                break;
            }

            index += width;
        }

        return index;
    }

    /// <summary>Kind of the first character at or after <paramref name="index"/> that is not transparent (Noise at the end).</summary>
    public static CharKind KindAfter(ReadOnlySpan<char> text, int index, FoldTable fold)
    {
        index = SkipTransparent(text, index, fold);
        return index < text.Length ? fold.Read(text, index).Kind : CharKind.Noise;
    }

    /// <summary>Kind of the last character before <paramref name="index"/> that is not transparent (Noise at the start).</summary>
    public static CharKind KindBefore(ReadOnlySpan<char> text, int index, FoldTable fold) => PreviousOpaque(text, index, fold).Kind;

    private static (CharKind Kind, int Start) PreviousOpaque(ReadOnlySpan<char> text, int index, FoldTable fold)
    {
        while (index > 0)
        {
            var (kind, start) = fold.ReadBackwards(text, index);
            if (!CharacterFolding.IsTransparent(kind))
            {
                return (kind, start);
            }

            index = start;
        }

        return (CharKind.Noise, -1);
    }

    /// <summary>
    /// Whether the normalised symbol just before the content character at <paramref name="start"/> is a
    /// <paramref name="kind"/> (Letter or Digit) with no separator between: the match would be glued to a word.
    /// </summary>
    public static bool IsGluedBefore(ReadOnlySpan<char> text, int start, CharKind kind, FoldTable fold)
    {
        var (before, at) = PreviousOpaque(text, start, fold);
        if (CharacterFolding.IsContent(before))
        {
            return before == kind;
        }

        if (at < 0)
        {
            return false;
        }

        // Noise: find the content character before it; the noise vanishes only between two one-character words.
        while (at >= 0 && !CharacterFolding.IsContent(before))
        {
            (before, at) = PreviousOpaque(text, at, fold);
        }

        return before == kind
            && !CharacterFolding.IsWordForming(KindBefore(text, at, fold))
            && !CharacterFolding.IsWordForming(KindAfter(text, ContentEnd(text, start + fold.Read(text, start).Width, fold), fold));
    }

    /// <summary>
    /// Whether the normalised symbol just after the content character spanning [<paramref name="lastStart"/>,
    /// <paramref name="end"/>) is a <paramref name="kind"/> (Letter or Digit) with no separator between.
    /// </summary>
    public static bool IsGluedAfter(ReadOnlySpan<char> text, int lastStart, int end, CharKind kind, FoldTable fold)
    {
        int i = SkipTransparent(text, end, fold);
        if (i >= text.Length)
        {
            return false;
        }

        var (_, after, width) = fold.Read(text, i);
        if (CharacterFolding.IsContent(after))
        {
            return after == kind;
        }

        while (i < text.Length && !CharacterFolding.IsContent(after))
        {
            i += width;
            if (i < text.Length)
            {
                (_, after, width) = fold.Read(text, i);
            }
        }

        return i < text.Length && after == kind
            && !CharacterFolding.IsWordForming(KindBefore(text, lastStart, fold))
            && !CharacterFolding.IsWordForming(KindAfter(text, ContentEnd(text, i + width, fold), fold));
    }
}
