using System.Numerics;
using System.Runtime.CompilerServices;

namespace LiveCommerce.Domain.Screening;

/// <summary>
/// The terms of a negative list as a trie over symbol classes, walked from each candidate start position to report
/// every term that starts there. Root children are a dense array; every other edge is one 64-bit word in an
/// open-addressing table, (node, class) in the high 40 bits and the child in the low 24, so a step costs one cache
/// line. Immutable once built, so concurrent scans share it.
/// </summary>
internal sealed class TermTrie
{
    public const int NoNode = 0; // the root is never a child, so 0 doubles as "no edge"

    /// <summary>Node ids (and so the total length of distinct term prefixes) must fit the edge word's 24 bits.</summary>
    public const int MaxNodes = 1 << 24;

    private const int TargetBits = 24;
    private const ulong EmptySlot = 0; // a real edge never has node 0 (the root's edges are in the dense array)

    private readonly int[] _rootChildren;
    private readonly ulong[] _edges;
    private readonly int _edgeShift;
    private readonly int[] _outputStarts;
    private readonly int[] _outputEntries;
    private readonly CharKind[] _nodeKinds;

    private TermTrie(int[] rootChildren, ulong[] edges, int[] outputStarts, int[] outputEntries, CharKind[] nodeKinds)
    {
        _rootChildren = rootChildren;
        _edges = edges;
        _edgeShift = 64 - BitOperations.Log2((uint)edges.Length);
        _outputStarts = outputStarts;
        _outputEntries = outputEntries;
        _nodeKinds = nodeKinds;
    }

    public int NodeCount => _nodeKinds.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RootChild(int symbolClass) => (uint)symbolClass < (uint)_rootChildren.Length ? _rootChildren[symbolClass] : NoNode;

    public int Child(int node, int symbolClass)
    {
        ulong key = EdgeKey(node, symbolClass);
        var edges = _edges;
        int mask = edges.Length - 1;
        for (int slot = Slot(key, _edgeShift); ; slot = (slot + 1) & mask)
        {
            ulong edge = edges[slot];
            if (edge >> TargetBits == key)
            {
                return (int)(edge & (MaxNodes - 1));
            }

            if (edge == EmptySlot)
            {
                return NoNode;
            }
        }
    }

    /// <summary>Kind of the symbol on the edge into <paramref name="node"/>: a term's first or last symbol kind.</summary>
    public CharKind KindInto(int node) => _nodeKinds[node];

    public int OutputCount(int node) => _outputStarts[node + 1] - _outputStarts[node];

    public ReadOnlySpan<int> Outputs(int node) => _outputEntries.AsSpan(_outputStarts[node], _outputStarts[node + 1] - _outputStarts[node]);

    private static ulong EdgeKey(int node, int symbolClass) => (ulong)(uint)node << 16 | (uint)symbolClass;

    private static int Slot(ulong key, int shift) => (int)((key * 0x9E3779B97F4A7C15UL) >> shift);

    /// <summary>Builds the trie. <paramref name="terms"/>[i] is entry i's symbols as (class, kind), or empty if it can never match.</summary>
    public static TermTrie Build(IReadOnlyList<(int Class, CharKind Kind)[]> terms, int classCount)
    {
        var rootChildren = new int[classCount];
        var edges = new Dictionary<ulong, int>(terms.Sum(t => t.Length));
        var nodeKinds = new List<CharKind> { CharKind.Noise };
        var outputs = new List<(int Node, int Entry)>(terms.Count);
        for (int entry = 0; entry < terms.Count; entry++)
        {
            var symbols = terms[entry];
            if (symbols.Length == 0)
            {
                continue;
            }

            int node = 0;
            foreach (var (symbolClass, kind) in symbols)
            {
                int next;
                if (node == 0)
                {
                    next = rootChildren[symbolClass];
                    if (next == NoNode)
                    {
                        next = rootChildren[symbolClass] = nodeKinds.Count;
                        nodeKinds.Add(kind);
                    }
                }
                else if (!edges.TryGetValue(EdgeKey(node, symbolClass), out next))
                {
                    next = nodeKinds.Count;
                    edges.Add(EdgeKey(node, symbolClass), next);
                    nodeKinds.Add(kind);
                }

                node = next;
            }

            outputs.Add((node, entry));
        }

        if (nodeKinds.Count > MaxNodes)
        {
            throw new ArgumentException($"The terms have more than {MaxNodes:N0} distinct prefixes.", nameof(terms));
        }

        // Open addressing at most three-quarters full: short linear probes, mostly within one cache line.
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, edges.Count * 4 / 3));
        var table = new ulong[capacity];
        int shift = 64 - BitOperations.Log2((uint)capacity);
        foreach (var (key, target) in edges)
        {
            int slot = Slot(key, shift);
            while (table[slot] != EmptySlot)
            {
                slot = (slot + 1) & (capacity - 1);
            }

            table[slot] = key << TargetBits | (uint)target;
        }

        // Entries per node in CSR form, each node's entries in list order.
        outputs.Sort();
        var outputStarts = new int[nodeKinds.Count + 1];
        foreach (var (node, _) in outputs)
        {
            outputStarts[node + 1]++;
        }

        for (int node = 0; node < nodeKinds.Count; node++)
        {
            outputStarts[node + 1] += outputStarts[node];
        }

        var outputEntries = outputs.Select(o => o.Entry).ToArray();
        return new TermTrie(rootChildren, table, outputStarts, outputEntries, nodeKinds.ToArray());
    }
}
