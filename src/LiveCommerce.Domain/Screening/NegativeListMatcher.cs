using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveCommerce.Domain.Screening;

/// <summary>
/// Finds every occurrence of every term of a negative list in a text, overlapping ones included. Built once per list
/// version and then shared: scans are thread-safe and <see cref="Count"/> does not allocate.
/// <para>
/// How: one 64K table maps each UTF-16 code unit straight to the class of the symbol it normalises to (or to "skip"
/// for noise); a <see cref="StartFilter"/> rules out almost every position from its first few symbols, without any
/// dependency between positions (so the CPU overlaps them, eight at a time with AVX2); a <see cref="TermTrie"/> walk
/// from each surviving position reports the terms that start there. No automaton state is carried from one character
/// to the next, which is what keeps the scan well above one dependent table lookup per character.
/// </para>
/// <para>
/// In <see cref="MatchMode.Normalised"/> mode a term matches where its normalised form (see
/// <see cref="ScreeningNormaliser"/>) occurs in the normalised text, and a term that begins (ends) with a Latin
/// letter or a digit must not be glued to another letter (digit) before (after) it: "vape" is found in "buy vape!",
/// "V A P E" and "vape2", but not in "vapeshop" or "cava peak". Ideographic terms have no such boundary.
/// </para>
/// </summary>
public sealed class NegativeListMatcher
{
    // Class ids of the 64K code unit table: content symbols of terms get FirstSymbolClass and up.
    private const ushort BreakerClass = 0;       // a content character that is in no term
    private const ushort SkipClass = 1;          // noise, format characters, marks, low surrogates: skipped
    private const ushort HighSurrogateClass = 2; // decode the pair, then look it up
    private const int FirstSymbolClass = 3;

    // Text is scanned in blocks so that the symbol and candidate buffers live on the stack.
    private const int BlockLength = 1024;

    private readonly ushort[] _classes;
    private readonly Dictionary<int, int> _symbolClasses;
    private readonly StartFilter _filter;
    private readonly TermTrie _trie;
    private readonly int[][] _separatorsBefore;
    private readonly int _maxSeparators;
    private readonly MatcherOptions _options;

    private NegativeListMatcher(IReadOnlyList<NegativeListEntry> entries, MatchMode mode, MatcherOptions options, ushort[] classes, Dictionary<int, int> symbolClasses,
        StartFilter filter, TermTrie trie, int[][] separatorsBefore, IReadOnlyList<int> unmatchable)
    {
        _options = options;
        Entries = [.. entries]; // a snapshot: the compiled list must not drift from the entries it reports
        Mode = mode;
        _classes = classes;
        _symbolClasses = symbolClasses;
        _filter = filter;
        _trie = trie;
        _separatorsBefore = separatorsBefore;
        _maxSeparators = separatorsBefore.Max(s => (int?)s.Length) ?? 0;
        UnmatchableEntries = unmatchable;
    }

    /// <summary>The entries this matcher was built from; <see cref="TermMatch.EntryIndex"/> indexes them.</summary>
    public IReadOnlyList<NegativeListEntry> Entries { get; }

    public MatchMode Mode { get; }

    /// <summary>Indexes of entries whose term is empty once normalised (e.g. only punctuation): they never match.</summary>
    public IReadOnlyList<int> UnmatchableEntries { get; }

    public static NegativeListMatcher Build(IReadOnlyList<NegativeListEntry> entries, MatchMode mode = MatchMode.Normalised) =>
        Build(entries, mode, vectorised: true);

    /// <param name="vectorised">False forces the scalar filter loop (tests compare the two).</param>
    internal static NegativeListMatcher Build(IReadOnlyList<NegativeListEntry> entries, MatchMode mode, bool vectorised) =>
        Build(entries, mode, new MatcherOptions(FoldTable.Standard, CollapseRepeats: false, OptionalSeparators: null, vectorised));

    /// <summary>A normalised-mode matcher with its own fold and rules (the evasion pass; see <see cref="MatcherOptions"/>).</summary>
    internal static NegativeListMatcher Build(IReadOnlyList<NegativeListEntry> entries, MatchMode mode, MatcherOptions options)
    {
        ArgumentNullException.ThrowIfNull(entries);
        bool vectorised = options.Vectorised;
        var symbolClasses = new Dictionary<int, int>();
        var trie = new TermTrie.Builder();
        var separatorsBefore = new int[entries.Count][];
        var leading = new uint[entries.Count][];
        var unmatchable = new List<int>();
        var symbols = new List<NormalisedSymbol>();
        var path = new List<(int Class, CharKind Kind)>();
        var separators = new List<int>();
        for (int entry = 0; entry < entries.Count; entry++)
        {
            // The trie holds a term's content symbols; where the normalised term has separators is kept aside and
            // checked when a match is confirmed (separators are noise to the filter, which never sees them).
            ReadSymbols(entries[entry].Term, mode, options.Fold, symbols);
            path.Clear();
            separators.Clear();
            foreach (var symbol in symbols)
            {
                if (symbol.Kind == CharKind.Separator)
                {
                    separators.Add(path.Count);
                }
                else
                {
                    int symbolClass = ClassOf(symbol.Value, symbolClasses);
                    if (options.CollapseRepeats && path.Count > 0 && path[^1].Class == symbolClass)
                    {
                        continue; // a run of one character is one symbol, in terms as in text
                    }

                    path.Add((symbolClass, symbol.Kind));
                }
            }

            trie.Add(CollectionsMarshal.AsSpan(path), entry);
            separatorsBefore[entry] = [.. separators];
            // Exact scans filter on code units, normalised scans on symbol classes.
            leading[entry] = new uint[Math.Min(path.Count, StartFilter.LeadingSymbols)];
            for (int i = 0; i < leading[entry].Length; i++)
            {
                leading[entry][i] = mode == MatchMode.Exact ? (uint)symbols[i].Value : (uint)path[i].Class;
            }

            if (path.Count == 0)
            {
                unmatchable.Add(entry);
            }
        }

        var classes = mode == MatchMode.Exact ? ExactClassTable(symbolClasses) : NormalisedClassTable(symbolClasses, options.Fold);
        return new NegativeListMatcher(entries, mode, options, classes, symbolClasses, StartFilter.Build(leading, vectorised), trie.Build(), separatorsBefore, unmatchable);
    }

    /// <summary>Number of occurrences (entry, position) in <paramref name="text"/>. Allocation-free.</summary>
    public int Count(ReadOnlySpan<char> text)
    {
        var sink = new CountingSink();
        Scan(text, ref sink);
        return sink.Count;
    }

    /// <summary>Adds every occurrence in <paramref name="text"/> to <paramref name="into"/>, by start, then end, then entry.</summary>
    public void FindAll(ReadOnlySpan<char> text, List<TermMatch> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var sink = new CollectingSink(into);
        Scan(text, ref sink);
    }

    private void Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, IMatchSink
    {
        if (Mode == MatchMode.Exact)
        {
            ScanExact(text, ref sink);
        }
        else if (_options.CollapseRepeats)
        {
            ScanNormalised<TSink, CollapseRepeats>(text, ref sink);
        }
        else
        {
            ScanNormalised<TSink, KeepRepeats>(text, ref sink);
        }
    }

    [SkipLocalsInit]
    private void ScanExact<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, IMatchSink
    {
        // In exact mode the symbols are the code units themselves.
        var symbols = MemoryMarshal.Cast<char, ushort>(text);
        Span<int> candidates = stackalloc int[BlockLength];
        for (int blockStart = 0; blockStart + 3 < symbols.Length; blockStart += BlockLength)
        {
            // Up to BlockLength starts, each with the three symbols after it.
            var block = symbols.Slice(blockStart, Math.Min(BlockLength + 3, symbols.Length - blockStart));
            int found = _filter.FindCandidates(block, candidates);
            foreach (int j in candidates[..found])
            {
                if (_filter.Confirms(symbols[(blockStart + j)..]))
                {
                    VerifyExact(text, blockStart + j, ref sink);
                }
            }
        }

        // The last three positions have no four symbols to filter on; the trie decides.
        for (int start = Math.Max(0, text.Length - 3); start < text.Length; start++)
        {
            VerifyExact(text, start, ref sink);
        }
    }

    private void VerifyExact<TSink>(ReadOnlySpan<char> text, int start, ref TSink sink) where TSink : struct, IMatchSink
    {
        int node = _trie.RootChild(_classes[text[start]]);
        for (int i = start + 1; node != TermTrie.NoNode; i++)
        {
            if (_trie.OutputCount(node) > 0)
            {
                sink.AddAll(_trie, node, start, i);
            }

            if (i >= text.Length)
            {
                break;
            }

            node = _trie.Child(node, _classes[text[i]]);
        }
    }

    /// <summary>
    /// Normalised scan. Each block of text is first reduced, through the 64K class table and without branching on
    /// noise, to the classes of its content characters and their positions. The filter then runs over those symbols
    /// as over raw text in exact mode; a candidate that survives walks the trie over the same symbols, and only a
    /// walk that reaches a term goes back to the text for the exact rules (separators, word boundaries, offsets).
    /// The last three symbols of a block carry over as context for the next.
    /// </summary>
    [SkipLocalsInit]
    private void ScanNormalised<TSink, TRepeats>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, IMatchSink
        where TRepeats : struct, IRepeatPolicy
    {
        const int Carried = 3;
        Span<ushort> symbols = stackalloc ushort[Carried + BlockLength];
        Span<int> starts = stackalloc int[Carried + BlockLength];
        Span<int> candidates = stackalloc int[BlockLength];
        symbols[..Carried].Clear();
        starts[..Carried].Fill(-1);
        ref char t = ref MemoryMarshal.GetReference(text);
        ref ushort classes = ref MemoryMarshal.GetArrayDataReference(_classes);
        ref ushort symbol = ref MemoryMarshal.GetReference(symbols);
        ref int position = ref MemoryMarshal.GetReference(starts);
        for (int blockStart = 0; blockStart < text.Length; blockStart += BlockLength)
        {
            int blockEnd = Math.Min(text.Length, blockStart + BlockLength);
            int count = Carried;
            for (int i = blockStart; i < blockEnd; i++)
            {
                uint c = Unsafe.Add(ref classes, Unsafe.Add(ref t, i));
                if (c == HighSurrogateClass)
                {
                    c = AstralClass(text, i);
                }

                // Written unconditionally, kept only if content (and, when repeats collapse, not the symbol before).
                Unsafe.Add(ref symbol, count) = (ushort)c;
                Unsafe.Add(ref position, count) = i;
                count += c != SkipClass && !(TRepeats.Collapse && c == Unsafe.Add(ref symbol, count - 1)) ? 1 : 0;
            }

            var blockSymbols = symbols[..count];
            int found = _filter.FindCandidates(blockSymbols, candidates);
            foreach (int j in candidates[..found])
            {
                if (starts[j] >= 0
                    && _filter.Confirms(blockSymbols[j..])
                    && MayReachTerm(blockSymbols, j))
                {
                    VerifyNormalised(text, starts[j], ref sink);
                }
            }

            symbols.Slice(count - Carried, Carried).CopyTo(symbols);
            starts.Slice(count - Carried, Carried).CopyTo(starts);
        }

        // The last three content characters have no four symbols to filter on; the trie decides.
        foreach (int start in starts[..Carried])
        {
            if (start >= 0)
            {
                VerifyNormalised(text, start, ref sink);
            }
        }
    }

    /// <summary>Whether the trie walk over content symbols from j reaches a term (or runs off the block, undecided).</summary>
    private bool MayReachTerm(ReadOnlySpan<ushort> symbols, int j)
    {
        int node = _trie.RootChild(symbols[j]);
        for (int k = j + 1; node != TermTrie.NoNode; k++)
        {
            if (_trie.OutputCount(node) > 0 || k == symbols.Length)
            {
                return true;
            }

            node = _trie.Child(node, symbols[k]);
        }

        return false;
    }

    /// <summary>
    /// Walks the normalised symbols of the text from the content character at <paramref name="start"/> and reports
    /// each term that matches there exactly: same content symbols, separators in the same places, and no Latin/digit
    /// word glued to either end.
    /// </summary>
    [SkipLocalsInit]
    private void VerifyNormalised<TSink>(ReadOnlySpan<char> text, int start, ref TSink sink) where TSink : struct, IMatchSink
    {
        // Separators seen so far, as the content index they precede; no term has more than _maxSeparators.
        Span<int> separators = _maxSeparators <= 64 ? stackalloc int[64] : new int[_maxSeparators];
        int separatorCount = 0, length = 0, node = TermTrie.NoNode, previousClass = -1;
        bool gluedBefore = false;
        var fold = _options.Fold;
        var reader = new SymbolReader(text, start, fold);
        while (reader.MoveNext())
        {
            var symbol = reader.Current;
            if (symbol.Kind == CharKind.Separator)
            {
                if (separatorCount == _maxSeparators)
                {
                    return;
                }

                separators[separatorCount++] = length;
                continue;
            }

            int symbolClass = ClassAt(text, symbol.Start);
            if (_options.CollapseRepeats && symbolClass == previousClass)
            {
                continue;
            }

            previousClass = symbolClass;
            node = length++ == 0 ? _trie.RootChild(symbolClass) : _trie.Child(node, symbolClass);
            if (node == TermTrie.NoNode)
            {
                return;
            }

            if (length == 1)
            {
                var firstKind = _trie.KindInto(node);
                gluedBefore = CharacterFolding.IsWordForming(firstKind) && SymbolReader.IsGluedBefore(text, start, firstKind, fold);
            }

            if (_trie.OutputCount(node) == 0 || gluedBefore)
            {
                continue;
            }

            var lastKind = _trie.KindInto(node);
            if (CharacterFolding.IsWordForming(lastKind) && SymbolReader.IsGluedAfter(text, symbol.Start, symbol.End, lastKind, fold))
            {
                continue;
            }

            foreach (int entry in _trie.Outputs(node))
            {
                if (SeparatorsFit(separators[..separatorCount], entry))
                {
                    sink.Add(entry, start, symbol.End);
                }
            }
        }
    }

    /// <summary>
    /// Whether the separators seen fit the entry's: the same ones, or, for an entry whose separators are optional
    /// (pinyin syllables), any of them.
    /// </summary>
    private bool SeparatorsFit(ReadOnlySpan<int> seen, int entry)
    {
        var expected = _separatorsBefore[entry];
        if (_options.OptionalSeparators?[entry] != true)
        {
            return seen.SequenceEqual(expected);
        }

        foreach (int separator in seen)
        {
            if (Array.IndexOf(expected, separator) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Class of the content character at <paramref name="index"/> (a pair is decoded and folded).</summary>
    private int ClassAt(ReadOnlySpan<char> text, int index)
    {
        int symbolClass = _classes[text[index]];
        return symbolClass == HighSurrogateClass ? (int)AstralClass(text, index) : symbolClass;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private uint AstralClass(ReadOnlySpan<char> text, int index)
    {
        var (folded, kind, width) = _options.Fold.Read(text, index);
        if (width == 1 || !CharacterFolding.IsContent(kind))
        {
            return SkipClass;
        }

        return _symbolClasses.TryGetValue(folded, out int symbolClass) ? (uint)symbolClass : BreakerClass;
    }

    private static int ClassOf(int symbol, Dictionary<int, int> symbolClasses)
    {
        if (!symbolClasses.TryGetValue(symbol, out int symbolClass))
        {
            symbolClass = FirstSymbolClass + symbolClasses.Count;
            if (symbolClass > ushort.MaxValue)
            {
                throw new ArgumentException($"A negative list may use at most {ushort.MaxValue - FirstSymbolClass + 1:N0} distinct characters.");
            }

            symbolClasses.Add(symbol, symbolClass);
        }

        return symbolClass;
    }

    /// <summary>A term's symbols: its code units in exact mode, its normalised symbols otherwise.</summary>
    private static void ReadSymbols(string term, MatchMode mode, FoldTable fold, List<NormalisedSymbol> into)
    {
        into.Clear();
        if (mode == MatchMode.Exact)
        {
            for (int i = 0; i < term.Length; i++)
            {
                into.Add(new NormalisedSymbol(term[i], CharKind.Ideograph, i, i + 1));
            }

            return;
        }

        var reader = new SymbolReader(term, 0, fold);
        while (reader.MoveNext())
        {
            into.Add(reader.Current);
        }
    }

    private static ushort[] ExactClassTable(Dictionary<int, int> symbolClasses)
    {
        var classes = new ushort[65536];
        foreach (var (symbol, symbolClass) in symbolClasses)
        {
            classes[symbol] = (ushort)symbolClass;
        }

        return classes;
    }

    private static ushort[] NormalisedClassTable(Dictionary<int, int> symbolClasses, FoldTable fold)
    {
        var classes = (ushort[])fold.NoSymbolClasses(HighSurrogateClass, SkipClass, BreakerClass).Clone();
        foreach (var (symbol, symbolClass) in symbolClasses)
        {
            foreach (char source in fold.BmpSourcesOf(symbol))
            {
                classes[source] = (ushort)symbolClass;
            }
        }

        return classes;
    }

    /// <summary>Whether a normalised scan reads a run of one symbol as one (the evasion pass: 电电子子烟).</summary>
    private interface IRepeatPolicy
    {
        static abstract bool Collapse { get; }
    }

    private struct KeepRepeats : IRepeatPolicy
    {
        public static bool Collapse => false;
    }

    private struct CollapseRepeats : IRepeatPolicy
    {
        public static bool Collapse => true;
    }

    private interface IMatchSink
    {
        void Add(int entry, int start, int end);

        void AddAll(TermTrie trie, int node, int start, int end);
    }

    private struct CountingSink : IMatchSink
    {
        public int Count;

        public void Add(int entry, int start, int end) => Count++;

        public void AddAll(TermTrie trie, int node, int start, int end) => Count += trie.OutputCount(node);
    }

    private readonly struct CollectingSink(List<TermMatch> into) : IMatchSink
    {
        public void Add(int entry, int start, int end) => into.Add(new TermMatch(entry, start, end - start));

        public void AddAll(TermTrie trie, int node, int start, int end)
        {
            foreach (int entry in trie.Outputs(node))
            {
                Add(entry, start, end);
            }
        }
    }
}

/// <summary>
/// How a normalised-mode matcher folds and compares: <see cref="Fold"/> is the character fold of text and terms;
/// <see cref="CollapseRepeats"/> reads a run of one symbol as one symbol; <see cref="OptionalSeparators"/>[entry] says
/// the entry's separators may each be present or not (pinyin syllables: dianziyan, dian zi yan, dianzi yan).
/// </summary>
internal sealed record MatcherOptions(FoldTable Fold, bool CollapseRepeats, bool[]? OptionalSeparators, bool Vectorised = true);
