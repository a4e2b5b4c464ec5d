using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveCommerce.Domain.Screening;

/// <summary>
/// A cheap, conservative test of whether a term may start at a position, from the symbols there. It never rejects
/// a real start, and on listing text passes a few positions in a hundred; only those reach the trie.
/// <list type="number">
/// <item>First stage (<see cref="FindCandidates"/>), at every position: one 32-bit word per hashed bigram of the first
/// two symbols. Its top bit says "a two-symbol term is this bigram"; the other bits are a hash of the third symbol
/// for the longer terms, so one memory read answers for all terms. One-symbol terms are flags on their symbol. No
/// test depends on another position's, so the CPU overlaps them, and with AVX2 eight positions share one gather.</item>
/// <item>Second stage (<see cref="Confirms"/>), only where the first passed: a bitmap of hashes of whole terms of up to
/// four symbols and of the first five symbols of longer terms. Most positions that merely share a prefix with a term
/// stop here, before any walk through the trie.</item>
/// </list>
/// Symbols are 16-bit: code units in exact mode, symbol classes in normalised mode.
/// </summary>
internal sealed class StartFilter
{
    private const uint TwoSymbolTermBit = 1u << 31;

    private readonly uint[] _bigramWords;
    private readonly int _wordShift;
    private readonly uint[] _second;
    private readonly int _secondShift;
    private readonly ulong[] _singles;

    private readonly bool _vectorised;

    private StartFilter(int log2Words, int log2SecondBits, bool hasSingles, bool vectorised)
    {
        _vectorised = vectorised && Avx2.IsSupported;
        _bigramWords = new uint[1 << log2Words];
        _wordShift = 32 - log2Words;
        _second = new uint[(1 << log2SecondBits) / 32];
        _secondShift = 32 - log2SecondBits;
        _singles = new ulong[65536 / 64];
        HasSingles = hasSingles;
    }

    /// <summary>Whether some term is a single symbol: only then do scans test for one.</summary>
    public bool HasSingles { get; }

    /// <summary>Builds the filter from each term's leading symbols (up to <see cref="LeadingSymbols"/>). Terms with none are ignored.</summary>
    /// <param name="leadingSymbols">Each term's first symbols.</param>
    /// <param name="vectorised">Whether to use AVX2 where the CPU has it (false: the scalar loop only, for tests).</param>
    public static StartFilter Build(IReadOnlyList<uint[]> leadingSymbols, bool vectorised = true)
    {
        // Bigram words: about 6 words per term keeps them ~15% occupied (2^10..2^17 words, 4..512 KiB). Second stage:
        // about 100 bits per term keeps it near 1% full (2^12..2^22 bits).
        uint terms = (uint)Math.Max(1, leadingSymbols.Count);
        var filter = new StartFilter(
            Math.Clamp(BitOperations.Log2(terms * 6) + 1, 10, 17),
            Math.Clamp(BitOperations.Log2(terms * 100) + 1, 12, 22),
            leadingSymbols.Any(s => s.Length == 1),
            vectorised);
        foreach (var symbols in leadingSymbols)
        {
            filter.Add(symbols);
        }

        return filter;
    }

    // Hashes of the first stage: the word from (a, b), the bit from (a, b, c).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Bigram(uint a, uint b) => ((a << 16) | b) * 0x9E3779B1u;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Trigram(uint a, uint b, uint c) => ((((a << 16) | b) * 0x85EBCA77u) + c) * 0x9E3779B1u;

    private void Add(uint[] s)
    {
        switch (s.Length)
        {
            case 0:
                return;
            case 1:
                _singles[s[0] >> 6] |= 1UL << (int)s[0];
                return;
        }

        // Each term sets exactly the bits that a scan at its own start position tests.
        ref uint word = ref _bigramWords[Bigram(s[0], s[1]) >> _wordShift];
        word |= s.Length == 2 ? TwoSymbolTermBit : 1u << (int)(Trigram(s[0], s[1], s[2]) >> 27);

        // Second stage: the whole term if it is short, else its first five symbols.
        uint hash = SecondStart(s[0], s[1]);
        for (int i = 2; i < s.Length; i++)
        {
            hash = SecondNext(hash, s[i]);
        }

        uint bit = hash >> _secondShift;
        _second[bit >> 5] |= 1u << (int)bit;
    }

    // Second-stage hash chain: one value per prefix length, so terms of different lengths set different bits.
    private static uint SecondStart(uint a, uint b) => ((a << 16) | b) * 0xC2B2AE3Du;

    private static uint SecondNext(uint hash, uint symbol) => (hash + symbol) * 0x27D4EB2Fu + 0x165667B1u;

    private bool SecondHas(uint hash)
    {
        uint bit = hash >> _secondShift;
        return ((_second[bit >> 5] >> (int)bit) & 1) != 0;
    }

    private bool IsSingle(uint a) => ((_singles[a >> 6] >> (int)a) & 1) != 0;

    /// <summary>
    /// Second, stricter test of a position that passed the first stage: <paramref name="window"/> holds the symbols
    /// from that position on, at least four. A term of two, three or four symbols must match whole, a longer term
    /// its first five (when the window has five).
    /// </summary>
    public bool Confirms(ReadOnlySpan<ushort> window)
    {
        if (HasSingles && IsSingle(window[0]))
        {
            return true;
        }

        uint hash = SecondStart(window[0], window[1]);
        if (SecondHas(hash))
        {
            return true;
        }

        for (int i = 2; i < LeadingSymbols; i++)
        {
            if (i == window.Length)
            {
                return true; // too near the end to tell
            }

            hash = SecondNext(hash, window[i]);
            if (SecondHas(hash))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many leading symbols of a term the filter uses.</summary>
    public const int LeadingSymbols = 5;

    /// <summary>
    /// First stage over a run of symbols: writes to <paramref name="candidates"/> each index j (ascending), with
    /// j + 3 &lt; <paramref name="symbols"/>.Length, where a term may start, and returns how many. The caller passes
    /// room for symbols.Length - 3 indexes.
    /// </summary>
    public int FindCandidates(ReadOnlySpan<ushort> symbols, Span<int> candidates)
    {
        var (tested, found) = _vectorised ? FindCandidatesVectorised(symbols, candidates) : (0, 0);
        ref ushort s = ref MemoryMarshal.GetReference(symbols);
        ref uint words = ref MemoryMarshal.GetArrayDataReference(_bigramWords);
        int wordShift = _wordShift;
        bool hasSingles = HasSingles;
        for (int j = tested; j + 3 < symbols.Length; j++)
        {
            uint a = Unsafe.Add(ref s, j), b = Unsafe.Add(ref s, j + 1), c = Unsafe.Add(ref s, j + 2);
            uint word = Unsafe.Add(ref words, Bigram(a, b) >> wordShift);
            if ((word & (TwoSymbolTermBit | (1u << (int)(Trigram(a, b, c) >> 27)))) != 0 || (hasSingles && IsSingle(a)))
            {
                candidates[found++] = j;
            }
        }

        return found;
    }

    // Eight positions per step: hashes in vector lanes and the eight bigram words in one gather. Stops before a step
    // would read past the last symbol or test a start without three symbols after it.
    private unsafe (int Tested, int Found) FindCandidatesVectorised(ReadOnlySpan<ushort> symbols, Span<int> candidates)
    {
        var bigramFactor = Vector256.Create(0x9E3779B1u);
        var trigramFactor = Vector256.Create(0x85EBCA77u);
        var twoSymbolTerm = Vector256.Create(TwoSymbolTermBit);
        var one = Vector256<uint>.One;
        var bitInWord = Vector256.Create(31u);
        int wordShift = _wordShift, j = 0, found = 0;
        bool hasSingles = HasSingles;
        fixed (ushort* s = symbols)
        fixed (uint* words = _bigramWords)
        fixed (ulong* singles = _singles)
        {
            for (; j + 11 <= symbols.Length; j += 8)
            {
                var a = Avx2.ConvertToVector256Int32(s + j).AsUInt32();
                var b = Avx2.ConvertToVector256Int32(s + j + 1).AsUInt32();
                var c = Avx2.ConvertToVector256Int32(s + j + 2).AsUInt32();
                var ab = (a << 16) | b;
                var word = Avx2.GatherVector256((int*)words, ((ab * bigramFactor) >>> wordShift).AsInt32(), 4).AsUInt32();
                var probe = twoSymbolTerm | Avx2.ShiftLeftLogicalVariable(one, (((ab * trigramFactor) + c) * bigramFactor) >>> 27);
                var miss = Vector256.Equals(word & probe, Vector256<uint>.Zero);
                if (hasSingles)
                {
                    // The singles bitmap read as 32-bit words: word a >> 5, bit a & 31.
                    var single = Avx2.ShiftRightLogicalVariable(Avx2.GatherVector256((int*)singles, (a >>> 5).AsInt32(), 4).AsUInt32(), a & bitInWord) & one;
                    miss &= Vector256.Equals(single, Vector256<uint>.Zero);
                }

                uint mask = ~miss.ExtractMostSignificantBits() & 0xFF;
                while (mask != 0)
                {
                    candidates[found++] = j + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                }
            }
        }

        return (j, found);
    }
}
