namespace LiveCommerce.Domain.Screening;

/// <summary>One product offered for sale, as the platform sends it for screening.</summary>
public sealed record ScreeningItem(string Sku, string Title, string? Description = null, string? Category = null, string? Brand = null);

/// <summary>The outcome for one product, worst first in severity order: Prohibited, Restricted, Review, Allowed.</summary>
public enum ScreeningVerdict
{
    Allowed,

    /// <summary>A restricted term matched and no merchant was named, so nobody's licences could be checked.</summary>
    Review,

    /// <summary>A restricted term matched and the merchant does not hold its licence (or the term admits none).</summary>
    Restricted,

    Prohibited,
}

/// <summary>
/// One negative-list hit in one field of a product: <see cref="Start"/>/<see cref="Length"/> index the original field
/// text, and <see cref="MatchedText"/> is that original substring. <see cref="Kind"/> and <see cref="Confidence"/> say how
/// it was found; <see cref="Effect"/> is what the list's <see cref="VerdictRules"/> made of it.
/// </summary>
public sealed record ScreeningMatch(string Term, string Category, string Field, int Start, int Length, string MatchedText,
    MatchKind Kind, double Confidence, MatchEffect Effect);

public sealed record ProductVerdict(string Sku, ScreeningVerdict Verdict, IReadOnlyList<ScreeningMatch> Matches);

/// <summary>
/// Screens products against a negative list: every field (title, description, category, brand) is matched on its
/// own, so a term never spans two fields. Pure: the caller supplies the list's matcher and the merchant's licences.
/// </summary>
public static class ProductScreening
{
    public const string TitleField = "title";
    public const string DescriptionField = "description";
    public const string CategoryField = "category";
    public const string BrandField = "brand";

    /// <param name="screen">The negative list version to screen against (its <see cref="NegativeListScreen.Entries"/>).</param>
    /// <param name="items">The products.</param>
    /// <param name="holdsLicence">
    /// Whether the merchant holds a valid licence of the given name; null when the request named no merchant, which
    /// turns licence-dependent outcomes into <see cref="ScreeningVerdict.Review"/>.
    /// </param>
    /// <param name="rules">The list's verdict rules per match kind (null: <see cref="VerdictRules.Default"/>).</param>
    public static IReadOnlyList<ProductVerdict> Screen(NegativeListScreen screen, IEnumerable<ScreeningItem> items, Func<string, bool>? holdsLicence, VerdictRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(screen);
        ArgumentNullException.ThrowIfNull(items);
        var scratch = new List<ScreenMatch>();
        return items.Select(item => Screen(screen, item, holdsLicence, rules ?? VerdictRules.Default, scratch)).ToList();
    }

    public static ProductVerdict Screen(NegativeListScreen screen, ScreeningItem item, Func<string, bool>? holdsLicence, VerdictRules? rules = null) =>
        Screen(screen, item, holdsLicence, rules ?? VerdictRules.Default, []);

    private static ProductVerdict Screen(NegativeListScreen screen, ScreeningItem item, Func<string, bool>? holdsLicence, VerdictRules rules, List<ScreenMatch> scratch)
    {
        ArgumentNullException.ThrowIfNull(item);
        var matches = new List<ScreeningMatch>();
        var verdict = ScreeningVerdict.Allowed;
        foreach (var (field, text) in Fields(item))
        {
            scratch.Clear();
            screen.FindAll(text, scratch);
            foreach (var hit in scratch)
            {
                var entry = screen.Entries[hit.EntryIndex];
                var effect = rules.EffectOf(hit.Kind, hit.Confidence);
                matches.Add(new ScreeningMatch(entry.Term, entry.Category, field, hit.Start, hit.Length, text.Substring(hit.Start, hit.Length), hit.Kind, hit.Confidence, effect));
                var outcome = Outcome(entry, holdsLicence, effect);
                if (outcome > verdict)
                {
                    verdict = outcome;
                }
            }
        }

        return new ProductVerdict(item.Sku, verdict, matches);
    }

    /// <summary>What one match of an entry, with the effect its kind has, would make of the product alone.</summary>
    public static ScreeningVerdict Outcome(NegativeListEntry entry, Func<string, bool>? holdsLicence, MatchEffect effect) => effect switch
    {
        MatchEffect.Inform => ScreeningVerdict.Allowed,
        MatchEffect.Review => Outcome(entry, holdsLicence) == ScreeningVerdict.Allowed ? ScreeningVerdict.Allowed : ScreeningVerdict.Review,
        _ => Outcome(entry, holdsLicence),
    };

    /// <summary>What one matched entry alone would make of the product.</summary>
    public static ScreeningVerdict Outcome(NegativeListEntry entry, Func<string, bool>? holdsLicence)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry switch
        {
            { Severity: Severity.Prohibited } => ScreeningVerdict.Prohibited,
            { RequiredLicence: null } => ScreeningVerdict.Restricted,
            _ when holdsLicence is null => ScreeningVerdict.Review,
            _ => holdsLicence(entry.RequiredLicence) ? ScreeningVerdict.Allowed : ScreeningVerdict.Restricted,
        };
    }

    private static IEnumerable<(string Field, string Text)> Fields(ScreeningItem item)
    {
        yield return (TitleField, item.Title ?? string.Empty);
        if (item.Description is not null)
        {
            yield return (DescriptionField, item.Description);
        }

        if (item.Category is not null)
        {
            yield return (CategoryField, item.Category);
        }

        if (item.Brand is not null)
        {
            yield return (BrandField, item.Brand);
        }
    }
}
