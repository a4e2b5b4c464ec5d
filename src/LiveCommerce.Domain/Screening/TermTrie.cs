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

    /// <summary>
    /// Collects terms one at a time straight into the final structures: the edge table is the one scans probe,
    /// grown by doubling, so building needs no intermediate dictionary.
    /// </summary>
    public sealed class Builder
    {
        private int[] _rootChildren = new int[64];
        private ulong[] _edges = new ulong[1024];
        private int _edgeCount;
        private readonly List<CharKind> _nodeKinds = [CharKind.Noise];
        private readonly List<(int Node, int Entry)> _outputs = [];

        /// <summary>Adds entry <paramref name="entry"/>'s term as its content symbols' (class, kind); an empty term is skipped.</summary>
        public void Add(ReadOnlySpan<(int Class, CharKind Kind)> symbols, int entry)
        {
            if (symbols.IsEmpty)
            {
                return;
            }

            int node = 0;
            foreach (var (symbolClass, kind) in symbols)
            {
                node = node == 0 ? RootChildOrNew(symbolClass, kind) : ChildOrNew(node, symbolClass, kind);
            }

            _outputs.Add((node, entry));
        }

        private int NewNode(CharKind kind)
        {
            if (_nodeKinds.Count == MaxNodes)
            {
                throw new ArgumentException($"The terms have more than {MaxNodes - 1:N0} distinct prefixes.");
            }

            _nodeKinds.Add(kind);
            return _nodeKinds.Count - 1;
        }

        private int RootChildOrNew(int symbolClass, CharKind kind)
        {
            if (symbolClass >= _rootChildren.Length)
            {
                Array.Resize(ref _rootChildren, (int)BitOperations.RoundUpToPowerOf2((uint)symbolClass + 1));
            }

            ref int child = ref _rootChildren[symbolClass];
            if (child == NoNode)
            {
                child = NewNode(kind);
            }

            return child;
        }

        private int ChildOrNew(int node, int symbolClass, CharKind kind)
        {
            ulong key = EdgeKey(node, symbolClass);
            int mask = _edges.Length - 1;
            int slot = Slot(key, 64 - BitOperations.Log2((uint)_edges.Length));
            for (; _edges[slot] != EmptySlot; slot = (slot + 1) & mask)
            {
                if (_edges[slot] >> TargetBits == key)
                {
                    return (int)(_edges[slot] & (MaxNodes - 1));
                }
            }

            int child = NewNode(kind);
            _edges[slot] = key << TargetBits | (uint)child;
            // Open addressing at most three-quarters full: short linear probes, mostly within one cache line.
            if (++_edgeCount * 4 > _edges.Length * 3)
            {
                Grow();
            }

            return child;
        }

        private void Grow()
        {
            var old = _edges;
            _edges = new ulong[old.Length * 2];
            int mask = _edges.Length - 1, shift = 64 - BitOperations.Log2((uint)_edges.Length);
            foreach (ulong edge in old)
            {
                if (edge == EmptySlot)
                {
                    continue;
                }

                int slot = Slot(edge >> TargetBits, shift);
                while (_edges[slot] != EmptySlot)
                {
                    slot = (slot + 1) & mask;
                }

                _edges[slot] = edge;
            }
        }

        public TermTrie Build()
        {
            // Entries per node in CSR form, each node's entries in list order.
            _outputs.Sort();
            var outputStarts = new int[_nodeKinds.Count + 1];
            foreach (var (node, _) in _outputs)
            {
                outputStarts[node + 1]++;
            }

            for (int node = 0; node < _nodeKinds.Count; node++)
            {
                outputStarts[node + 1] += outputStarts[node];
            }

            var outputEntries = new int[_outputs.Count];
            for (int i = 0; i < outputEntries.Length; i++)
            {
                outputEntries[i] = _outputs[i].Entry;
            }

            return new TermTrie(_rootChildren, _edges, outputStarts, outputEntries, [.. _nodeKinds]);
        }
    }
}
