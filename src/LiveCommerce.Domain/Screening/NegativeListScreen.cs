using System.Runtime.InteropServices;

namespace LiveCommerce.Domain.Screening;

/// <summary>
/// One occurrence of a negative-list entry found by a <see cref="NegativeListScreen"/>: offsets into the original
/// text (as <see cref="TermMatch"/>), how it was found and how sure that is (0..1).
/// </summary>
public readonly record struct ScreenMatch(int EntryIndex, int Start, int Length, MatchKind Kind, double Confidence);

/// <summary>
/// A compiled negative list with both passes: the <see cref="Primary"/> matcher (exact and normalised matches, the fast
/// path every character goes through) and the evasion pass, a second matcher of the same design over each term's
/// generated spellings (<see cref="TermVariants"/>) with a wider fold (<see cref="EvasionFolding"/>) that also reads
/// repeated characters as one. Each evasion hit is then classified character by character against its spelling, and
/// hits that a dictionary shows to be ordinary words are dropped (<see cref="WordBoundaries"/>). Build once per list
/// version; thread-safe.
/// </summary>
public sealed class NegativeListScreen
{
    private readonly NegativeListMatcher _evasion;
    private readonly int[] _variantEntries;
    private readonly MatchKind[] _variantKinds;

    private NegativeListScreen(NegativeListMatcher primary, NegativeListMatcher evasion, int[] variantEntries, MatchKind[] variantKinds)
    {
        Primary = primary;
        _evasion = evasion;
        _variantEntries = variantEntries;
        _variantKinds = variantKinds;
    }

    /// <summary>The first pass: exact and normalised matches.</summary>
    public NegativeListMatcher Primary { get; }

    public IReadOnlyList<NegativeListEntry> Entries => Primary.Entries;

    /// <summary>How many spellings the evasion pass searches for (all entries together).</summary>
    public int VariantCount => _variantEntries.Length;

    public static NegativeListScreen Build(IReadOnlyList<NegativeListEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var primary = NegativeListMatcher.Build(entries);
        var unmatchable = primary.UnmatchableEntries.ToHashSet();
        var variantTerms = new List<NegativeListEntry>(entries.Count * 8);
        var variantEntries = new List<int>(entries.Count * 8);
        var variantKinds = new List<MatchKind>(entries.Count * 8);
        var optional = new List<bool>(entries.Count * 8);
        var variants = new List<TermVariant>();
        for (int entry = 0; entry < entries.Count; entry++)
        {
            if (unmatchable.Contains(entry))
            {
                continue;
            }

            variants.Clear();
            TermVariants.Generate(entries[entry].Term, variants);
            foreach (var variant in variants)
            {
                variantTerms.Add(entries[entry] with { Term = variant.Text });
                variantEntries.Add(entry);
                variantKinds.Add(variant.Kind);
                optional.Add(variant.OptionalSeparators);
            }
        }

        var evasion = NegativeListMatcher.Build(variantTerms, MatchMode.Normalised,
            new MatcherOptions(FoldTable.Evasion, CollapseRepeats: true, OptionalSeparators: [.. optional]));
        return new NegativeListScreen(primary, evasion, [.. variantEntries], [.. variantKinds]);
    }

    /// <summary>Occurrences the evasion pass's matcher reports before classification (for the bench). Allocation-free.</summary>
    public int CountEvasionCandidates(ReadOnlySpan<char> text) => _evasion.Count(text);

    /// <summary>
    /// Adds every match in <paramref name="text"/> to <paramref name="into"/>, by start, then end, then entry: each
    /// primary match not ruled out as two words, then each evasion match that is not the same entry over the same
    /// characters as a primary one, the best-supported per entry and span.
    /// </summary>
    public void FindAll(ReadOnlySpan<char> text, List<ScreenMatch> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        int first = into.Count;
        var raw = new List<TermMatch>();
        Primary.FindAll(text, raw);
        foreach (var m in raw)
        {
            if (WordBoundaries.SpansTwoWords(text, m.Start, m.Length))
            {
                continue;
            }

            bool exact = text.Slice(m.Start, m.Length).SequenceEqual(Entries[m.EntryIndex].Term);
            into.Add(new ScreenMatch(m.EntryIndex, m.Start, m.Length, exact ? MatchKind.Exact : MatchKind.Normalised, exact ? 1.0 : 0.95));
        }

        int primaryEnd = into.Count;
        raw.Clear();
        _evasion.FindAll(text, raw);
        foreach (var m in raw)
        {
            int entry = _variantEntries[m.EntryIndex];
            if (OverlapsPrimary(CollectionsMarshal.AsSpan(into)[first..primaryEnd], entry, m.Start, m.Length)
                || EvasionClassifier.Classify(text, m.Start, m.Length, _evasion.Entries[m.EntryIndex].Term, _variantKinds[m.EntryIndex]) is not { } found
                || WordBoundaries.SpansTwoWords(text, m.Start, m.Length))
            {
                continue;
            }

            var match = new ScreenMatch(entry, m.Start, m.Length, found.Kind, found.Confidence);
            int same = IndexOfSameSpan(into, primaryEnd, match);
            if (same < 0)
            {
                into.Add(match);
            }
            else if (match.Confidence > into[same].Confidence)
            {
                into[same] = match;
            }
        }

        CollectionsMarshal.AsSpan(into)[first..].Sort(static (a, b) =>
            a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.Length != b.Length ? a.Length.CompareTo(b.Length)
            : a.EntryIndex.CompareTo(b.EntryIndex));
    }

    private static bool OverlapsPrimary(ReadOnlySpan<ScreenMatch> primary, int entry, int start, int length)
    {
        foreach (var p in primary)
        {
            if (p.EntryIndex == entry && p.Start < start + length && start < p.Start + p.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOfSameSpan(List<ScreenMatch> found, int from, ScreenMatch match)
    {
        for (int i = from; i < found.Count; i++)
        {
            if (found[i].EntryIndex == match.EntryIndex && found[i].Start == match.Start && found[i].Length == match.Length)
            {
                return i;
            }
        }

        return -1;
    }
}
