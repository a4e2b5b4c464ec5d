using System.Numerics;
using System.Runtime.CompilerServices;

namespace LiveCommerce.Domain.Screening;

/// <summary>
/// A cheap, conservative test of whether a term may start at a position, from the first symbols there: a term of
/// one symbol is a flag on that symbol; a term of two symbols is a hashed bigram; a longer term is a hashed trigram
/// of its first three. Bigrams and trigrams share one bitmap (about 1% full), so a position that passes is rare and
/// a position that fails certainly starts no term. The checks of neighbouring positions do not depend on each
/// other, which lets the CPU overlap them: that, not the automaton, sets the scan speed.
/// </summary>
internal sealed class StartFilter
{
    private readonly uint[] _bits;
    private readonly byte _shift;
    private readonly ulong[] _singles;

    private StartFilter(uint[] bits, byte shift, ulong[] singles, bool hasSingles)
    {
        _bits = bits;
        _shift = shift;
        _singles = singles;
        HasSingles = hasSingles;
    }

    /// <summary>Whether some term is a single symbol (scans then also test <see cref="IsSingle"/>).</summary>
    public bool HasSingles { get; }

    public uint[] Bits => _bits;

    public byte Shift => _shift;

    public ulong[] Singles => _singles;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint BigramHash(uint first, uint second, byte shift) => ((first << 16) | second) * 0x9E3779B1u >> shift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint TrigramHash(uint first, uint second, uint third, byte shift) =>
        ((((first << 16) | second) * 0x85EBCA77u) + third) * 0x9E3779B1u >> shift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayStart(uint first, uint second, uint third)
    {
        uint bigram = BigramHash(first, second, _shift);
        uint trigram = TrigramHash(first, second, third, _shift);
        return (((_bits[bigram >> 5] >> (int)bigram) | (_bits[trigram >> 5] >> (int)trigram) | (uint)(_singles[first >> 6] >> (int)first)) & 1) != 0;
    }

    public bool IsSingle(uint symbol) => ((_singles[symbol >> 6] >> (int)symbol) & 1) != 0;

    /// <summary>
    /// Builds the filter from each term's leading symbols (at most three; symbols are 16-bit classes or chars).
    /// Terms with no symbols are ignored.
    /// </summary>
    public static StartFilter Build(IReadOnlyList<uint[]> leadingSymbols)
    {
        // About 100 bits per term keeps false positives near 1%; 2^12..2^22 bits (512 B..512 KiB).
        int log2Bits = Math.Clamp(BitOperations.Log2((uint)Math.Max(1, leadingSymbols.Count) * 100) + 1, 12, 22);
        var bits = new uint[(1 << log2Bits) / 32];
        byte shift = (byte)(32 - log2Bits);
        var singles = new ulong[65536 / 64];
        bool hasSingles = false;
        foreach (var symbols in leadingSymbols)
        {
            switch (symbols.Length)
            {
                case 0:
                    break;
                case 1:
                    singles[symbols[0] >> 6] |= 1UL << (int)symbols[0];
                    hasSingles = true;
                    break;
                case 2:
                    Set(bits, BigramHash(symbols[0], symbols[1], shift));
                    break;
                default:
                    Set(bits, TrigramHash(symbols[0], symbols[1], symbols[2], shift));
                    break;
            }
        }

        return new StartFilter(bits, shift, singles, hasSingles);

        static void Set(uint[] bits, uint hash) => bits[hash >> 5] |= 1u << (int)hash;
    }
}
