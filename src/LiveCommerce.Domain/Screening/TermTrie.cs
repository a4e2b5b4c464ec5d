using System.Numerics;
using System.Runtime.CompilerServices;

namespace LiveCommerce.Domain.Screening;

/// <summary>
/// The terms of a negative list as a trie over symbol classes, walked from each candidate start position to report
/// every term that starts there. Root children are a dense array; the other edges sit in one open-addressing table
/// keyed by (node, class). Immutable once built, so concurrent scans share it.
/// </summary>
internal sealed class TermTrie
{
    public const int NoNode = 0; // the root is never a child, so 0 doubles as "no edge"

    private readonly int[] _rootChildren;
    private readonly ulong[] _edgeKeys;
    private readonly int[] _edgeTargets;
    private readonly int _edgeShift;
    private readonly int[] _outputStarts;
    private readonly int[] _outputEntries;
    private readonly CharKind[] _nodeKinds;

    private TermTrie(int[] rootChildren, ulong[] edgeKeys, int[] edgeTargets, int[] outputStarts, int[] outputEntries, CharKind[] nodeKinds)
    {
        _rootChildren = rootChildren;
        _edgeKeys = edgeKeys;
        _edgeTargets = edgeTargets;
        _edgeShift = 64 - BitOperations.Log2((uint)edgeKeys.Length);
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
        int mask = _edgeKeys.Length - 1;
        for (int slot = Slot(key, _edgeShift); ; slot = (slot + 1) & mask)
        {
            ulong found = _edgeKeys[slot];
            if (found == key)
            {
                return _edgeTargets[slot];
            }

            if (found == EmptyKey)
            {
                return NoNode;
            }
        }
    }

    /// <summary>Kind of the symbol on the edge into <paramref name="node"/>: a term's first or last symbol kind.</summary>
    public CharKind KindInto(int node) => _nodeKinds[node];

    public int OutputCount(int node) => _outputStarts[node + 1] - _outputStarts[node];

    public ReadOnlySpan<int> Outputs(int node) => _outputEntries.AsSpan(_outputStarts[node], _outputStarts[node + 1] - _outputStarts[node]);

    private const ulong EmptyKey = ulong.MaxValue;

    private static ulong EdgeKey(int node, int symbolClass) => (ulong)(uint)node << 32 | (uint)symbolClass;

    private static int Slot(ulong key, int shift) => (int)((key * 0x9E3779B97F4A7C15UL) >> shift);

    /// <summary>Builds the trie. <paramref name="terms"/>[i] is entry i's symbols as (class, kind), or empty if it can never match.</summary>
    public static TermTrie Build(IReadOnlyList<(int Class, CharKind Kind)[]> terms, int classCount)
    {
        var rootChildren = new int[classCount];
        var edges = new Dictionary<ulong, int>();
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

        // Open addressing at most half full.
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, edges.Count * 2));
        var edgeKeys = new ulong[capacity];
        var edgeTargets = new int[capacity];
        Array.Fill(edgeKeys, EmptyKey);
        int shift = 64 - BitOperations.Log2((uint)capacity);
        foreach (var (key, target) in edges)
        {
            int slot = Slot(key, shift);
            while (edgeKeys[slot] != EmptyKey)
            {
                slot = (slot + 1) & (capacity - 1);
            }

            edgeKeys[slot] = key;
            edgeTargets[slot] = target;
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
        return new TermTrie(rootChildren, edgeKeys, edgeTargets, outputStarts, outputEntries, nodeKinds.ToArray());
    }
}
