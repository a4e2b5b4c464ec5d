using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveCommerce.Domain.Screening;

/// <summary>
/// Finds every occurrence of every term of a negative list in a text, overlapping ones included. Built once per list
/// version and then shared: scans are thread-safe and <see cref="Count"/> does not allocate.
/// <para>
/// How: one 64K table maps each UTF-16 code unit straight to the class of the symbol it normalises to (or to "skip"
/// for noise), a <see cref="StartFilter"/> rules out almost every position from its first three symbols without any
/// dependency between positions, and a <see cref="TermTrie"/> walk from each surviving position reports the terms
/// that start there.
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
    // Class ids of the 64K code unit table: symbols of terms get FirstSymbolClass and up.
    private const ushort BreakerClass = 0;      // a character that is in no term
    private const ushort SkipClass = 1;         // noise, format characters, marks, low surrogates: skipped
    private const ushort HighSurrogateClass = 2; // decode the pair, then look it up
    private const int FirstSymbolClass = 3;

    private readonly ushort[] _classes;
    private readonly Dictionary<int, int> _symbolClasses;
    private readonly int _separatorClass;
    private readonly StartFilter _filter;
    private readonly TermTrie _trie;

    private NegativeListMatcher(IReadOnlyList<NegativeListEntry> entries, MatchMode mode, ushort[] classes,
        Dictionary<int, int> symbolClasses, StartFilter filter, TermTrie trie, IReadOnlyList<int> unmatchable)
    {
        Entries = entries;
        Mode = mode;
        _classes = classes;
        _symbolClasses = symbolClasses;
        _separatorClass = mode == MatchMode.Normalised && symbolClasses.TryGetValue(CharacterFolding.SeparatorSymbol, out int separator)
            ? separator : BreakerClass;
        _filter = filter;
        _trie = trie;
        UnmatchableEntries = unmatchable;
    }

    public IReadOnlyList<NegativeListEntry> Entries { get; }

    public MatchMode Mode { get; }

    /// <summary>Indexes of entries whose term is empty once normalised (e.g. only punctuation): they never match.</summary>
    public IReadOnlyList<int> UnmatchableEntries { get; }

    public static NegativeListMatcher Build(IReadOnlyList<NegativeListEntry> entries, MatchMode mode = MatchMode.Normalised)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var symbolClasses = new Dictionary<int, int>();
        var terms = new (int Class, CharKind Kind)[entries.Count][];
        var leading = new uint[entries.Count][];
        var unmatchable = new List<int>();
        for (int entry = 0; entry < entries.Count; entry++)
        {
            var symbols = mode == MatchMode.Exact ? ExactSymbols(entries[entry].Term) : NormalisedSymbols(entries[entry].Term);
            var term = new (int Class, CharKind Kind)[symbols.Count];
            for (int i = 0; i < symbols.Count; i++)
            {
                if (!symbolClasses.TryGetValue(symbols[i].Value, out int symbolClass))
                {
                    symbolClass = FirstSymbolClass + symbolClasses.Count;
                    if (symbolClass > ushort.MaxValue)
                    {
                        throw new ArgumentException($"A negative list may use at most {ushort.MaxValue - FirstSymbolClass + 1:N0} distinct characters.", nameof(entries));
                    }

                    symbolClasses.Add(symbols[i].Value, symbolClass);
                }

                term[i] = (symbolClass, symbols[i].Kind);
            }

            terms[entry] = term;
            // Exact scans filter on raw chars. Normalised scans filter on classes of content symbols only: noise, and
            // so separators, are skipped in the scanned text.
            leading[entry] = mode == MatchMode.Exact
                ? symbols.Take(3).Select(s => (uint)s.Value).ToArray()
                : term.Where(s => s.Kind != CharKind.Separator).Take(3).Select(s => (uint)s.Class).ToArray();
            if (term.Length == 0)
            {
                unmatchable.Add(entry);
            }
        }

        var classes = mode == MatchMode.Exact ? ExactClassTable(symbolClasses) : NormalisedClassTable(symbolClasses);
        var trie = TermTrie.Build(terms, FirstSymbolClass + symbolClasses.Count);
        return new NegativeListMatcher(entries, mode, classes, symbolClasses, StartFilter.Build(leading), trie, unmatchable);
    }

    /// <summary>Number of occurrences (entry, position) in <paramref name="text"/>. Allocation-free.</summary>
    public int Count(ReadOnlySpan<char> text)
    {
        var sink = new CountingSink(_trie);
        Scan(text, ref sink);
        return sink.Count;
    }

    /// <summary>Adds every occurrence in <paramref name="text"/> to <paramref name="into"/>, by start, then end, then entry.</summary>
    public void FindAll(ReadOnlySpan<char> text, List<TermMatch> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var sink = new CollectingSink(_trie, into);
        Scan(text, ref sink);
    }

    private void Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, IMatchSink
    {
        if (Mode == MatchMode.Exact)
        {
            ScanExact(text, ref sink);
        }
        else
        {
            ScanNormalised(text, ref sink);
        }
    }

    private void ScanExact<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, IMatchSink
    {
        int n = text.Length;
        ref char t = ref MemoryMarshal.GetReference(text);
        var filter = _filter;
        int i = 0;
        for (; i + 2 < n; i++)
        {
            if (filter.MayStart(Unsafe.Add(ref t, i), Unsafe.Add(ref t, i + 1), Unsafe.Add(ref t, i + 2)))
            {
                VerifyExact(text, i, ref sink);
            }
        }

        // The last two positions have no full trigram; the trie decides.
        for (; i < n; i++)
        {
            VerifyExact(text, i, ref sink);
        }
    }

    private void VerifyExact<TSink>(ReadOnlySpan<char> text, int start, ref TSink sink) where TSink : struct, IMatchSink
    {
        int node = _trie.RootChild(_classes[text[start]]);
        for (int i = start + 1; node != TermTrie.NoNode; i++)
        {
            if (_trie.OutputCount(node) > 0)
            {
                sink.Add(node, start, i);
            }

            if (i >= text.Length)
            {
                break;
            }

            node = _trie.Child(node, _classes[text[i]]);
        }
    }

    private void ScanNormalised<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, IMatchSink
    {
        int n = text.Length;
        ref char t = ref MemoryMarshal.GetReference(text);
        ref ushort classes = ref MemoryMarshal.GetArrayDataReference(_classes);
        var filter = _filter;
        // The last two content symbols seen and where they start; a start is tested once its third symbol is known.
        uint first = BreakerClass, second = BreakerClass;
        int firstAt = -1, secondAt = -1;
        for (int i = 0; i < n; i++)
        {
            uint c = Unsafe.Add(ref classes, Unsafe.Add(ref t, i));
            if (c <= HighSurrogateClass)
            {
                if (c == HighSurrogateClass)
                {
                    c = AstralClass(text, i);
                }

                if (c == SkipClass)
                {
                    continue;
                }
            }

            if (filter.MayStart(first, second, c) && firstAt >= 0)
            {
                VerifyNormalised(text, firstAt, ref sink);
            }

            first = second;
            firstAt = secondAt;
            second = c;
            secondAt = i;
        }

        if (firstAt >= 0)
        {
            VerifyNormalised(text, firstAt, ref sink);
        }

        if (secondAt >= 0)
        {
            VerifyNormalised(text, secondAt, ref sink);
        }
    }

    private uint AstralClass(ReadOnlySpan<char> text, int index)
    {
        var (folded, kind, width) = CharacterFolding.Read(text, index);
        if (width == 1 || !CharacterFolding.IsContent(kind))
        {
            return SkipClass;
        }

        return _symbolClasses.TryGetValue(folded, out int symbolClass) ? (uint)symbolClass : BreakerClass;
    }

    private int ClassOf(ReadOnlySpan<char> text, in NormalisedSymbol symbol)
    {
        if (symbol.Kind == CharKind.Separator)
        {
            return _separatorClass;
        }

        int symbolClass = _classes[text[symbol.Start]];
        return symbolClass == HighSurrogateClass ? (int)AstralClass(text, symbol.Start) : symbolClass;
    }

    private void VerifyNormalised<TSink>(ReadOnlySpan<char> text, int start, ref TSink sink) where TSink : struct, IMatchSink
    {
        var reader = new SymbolReader(text, start);
        if (!reader.MoveNext())
        {
            return;
        }

        int node = _trie.RootChild(ClassOf(text, reader.Current));
        if (node == TermTrie.NoNode)
        {
            return;
        }

        var firstKind = _trie.KindInto(node);
        bool gluedBefore = CharacterFolding.IsWordForming(firstKind) && SymbolReader.IsGluedBefore(text, start, firstKind);
        while (true)
        {
            var symbol = reader.Current;
            if (_trie.OutputCount(node) > 0 && !gluedBefore)
            {
                var lastKind = _trie.KindInto(node);
                if (!CharacterFolding.IsWordForming(lastKind) || !SymbolReader.IsGluedAfter(text, symbol.Start, symbol.End, lastKind))
                {
                    sink.Add(node, start, symbol.End);
                }
            }

            if (!reader.MoveNext())
            {
                return;
            }

            node = _trie.Child(node, ClassOf(text, reader.Current));
            if (node == TermTrie.NoNode)
            {
                return;
            }
        }
    }

    private static List<NormalisedSymbol> ExactSymbols(string term) =>
        term.Select((c, i) => new NormalisedSymbol(c, CharKind.Ideograph, i, i + 1)).ToList();

    private static List<NormalisedSymbol> NormalisedSymbols(string term)
    {
        var symbols = new List<NormalisedSymbol>(term.Length);
        var reader = new SymbolReader(term);
        while (reader.MoveNext())
        {
            symbols.Add(reader.Current);
        }

        return symbols;
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

    private static ushort[] NormalisedClassTable(Dictionary<int, int> symbolClasses)
    {
        var classes = (ushort[])NoSymbolClasses.Clone();
        foreach (var (symbol, symbolClass) in symbolClasses)
        {
            foreach (char source in CharacterFolding.BmpSourcesOf(symbol))
            {
                classes[source] = (ushort)symbolClass;
            }
        }

        return classes;
    }

    // The normalised class table of a list with no terms: every content character is a breaker.
    private static readonly ushort[] NoSymbolClasses = BuildNoSymbolClasses();

    private static ushort[] BuildNoSymbolClasses()
    {
        var classes = new ushort[65536];
        for (int c = 0; c < classes.Length; c++)
        {
            classes[c] = char.IsHighSurrogate((char)c) ? HighSurrogateClass
                : char.IsLowSurrogate((char)c) || !CharacterFolding.IsContent(CharacterFolding.FoldBmp((char)c).Kind) ? SkipClass
                : BreakerClass;
        }

        return classes;
    }

    private interface IMatchSink
    {
        void Add(int node, int start, int end);
    }

    private struct CountingSink(TermTrie trie) : IMatchSink
    {
        public int Count;

        public void Add(int node, int start, int end) => Count += trie.OutputCount(node);
    }

    private readonly struct CollectingSink(TermTrie trie, List<TermMatch> into) : IMatchSink
    {
        public void Add(int node, int start, int end)
        {
            foreach (int entry in trie.Outputs(node))
            {
                into.Add(new TermMatch(entry, start, end - start));
            }
        }
    }
}
