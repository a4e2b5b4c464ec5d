namespace LiveCommerce.Domain.Screening;

/// <summary>What a match of one kind does to a product's verdict.</summary>
public enum MatchEffect
{
    /// <summary>The entry's severity applies: prohibited, or restricted unless the merchant holds the licence.</summary>
    Block,

    /// <summary>At most <see cref="ScreeningVerdict.Review"/>: a person looks (a held licence still allows it).</summary>
    Review,

    /// <summary>Reported, no effect on the verdict.</summary>
    Inform,
}

/// <summary>
/// A negative list's rules for how each <see cref="MatchKind"/> counts toward a verdict, and the confidence below which a
/// blocking kind only sends the product to review. Defaults (<see cref="Default"/>): exact, normalised, variant,
/// look-alike, split and pinyin block; homophones go to review; initials only inform; a match below 0.6 confidence
/// (the whole pinyin of a one-character term, such as <c>qiang</c>) goes to review instead of blocking.
/// </summary>
public sealed record VerdictRules
{
    public const double DefaultMinBlockConfidence = 0.6;

    private static readonly IReadOnlyDictionary<MatchKind, MatchEffect> DefaultEffects = new Dictionary<MatchKind, MatchEffect>
    {
        [MatchKind.Exact] = MatchEffect.Block,
        [MatchKind.Normalised] = MatchEffect.Block,
        [MatchKind.Variant] = MatchEffect.Block,
        [MatchKind.Lookalike] = MatchEffect.Block,
        [MatchKind.Split] = MatchEffect.Block,
        [MatchKind.Pinyin] = MatchEffect.Block,
        [MatchKind.Homophone] = MatchEffect.Review,
        [MatchKind.Initials] = MatchEffect.Inform,
    };

    public static VerdictRules Default { get; } = new(DefaultEffects, DefaultMinBlockConfidence);

    private readonly Dictionary<MatchKind, MatchEffect> _effects;

    private VerdictRules(IReadOnlyDictionary<MatchKind, MatchEffect> effects, double minBlockConfidence)
    {
        _effects = new Dictionary<MatchKind, MatchEffect>(effects);
        MinBlockConfidence = minBlockConfidence;
    }

    /// <summary>The defaults with <paramref name="effects"/> overriding some kinds, and optionally another threshold.</summary>
    public static VerdictRules With(IReadOnlyDictionary<MatchKind, MatchEffect>? effects, double? minBlockConfidence = null)
    {
        if (minBlockConfidence is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minBlockConfidence), "A confidence is between 0 and 1.");
        }

        var merged = new Dictionary<MatchKind, MatchEffect>(DefaultEffects);
        foreach (var (kind, effect) in effects ?? new Dictionary<MatchKind, MatchEffect>())
        {
            merged[kind] = effect;
        }

        return new VerdictRules(merged, minBlockConfidence ?? DefaultMinBlockConfidence);
    }

    /// <summary>Matches of this confidence or more may block; below it a blocking kind goes to review.</summary>
    public double MinBlockConfidence { get; }

    /// <summary>The effect configured for each kind.</summary>
    public IReadOnlyDictionary<MatchKind, MatchEffect> Effects => _effects;

    public MatchEffect EffectOf(MatchKind kind, double confidence)
    {
        var effect = _effects[kind];
        return effect == MatchEffect.Block && confidence < MinBlockConfidence ? MatchEffect.Review : effect;
    }

    public bool Equals(VerdictRules? other) =>
        other is not null && MinBlockConfidence == other.MinBlockConfidence && _effects.Count == other._effects.Count
        && _effects.All(e => other._effects.TryGetValue(e.Key, out var o) && o == e.Value);

    public override int GetHashCode() => HashCode.Combine(MinBlockConfidence, _effects.Count);
}

/// <summary>The names of match kinds and effects on the wire and in storage (<c>exact</c> … <c>initials</c>; <c>block</c>, <c>review</c>, <c>inform</c>).</summary>
public static class MatchKindIds
{
    private static readonly Dictionary<MatchKind, string> KindIds = new()
    {
        [MatchKind.Exact] = "exact",
        [MatchKind.Normalised] = "normalised",
        [MatchKind.Variant] = "variant",
        [MatchKind.Lookalike] = "lookalike",
        [MatchKind.Split] = "split",
        [MatchKind.Pinyin] = "pinyin",
        [MatchKind.Homophone] = "homophone",
        [MatchKind.Initials] = "initials",
    };

    private static readonly Dictionary<MatchEffect, string> EffectIds = new()
    {
        [MatchEffect.Block] = "block",
        [MatchEffect.Review] = "review",
        [MatchEffect.Inform] = "inform",
    };

    public static IReadOnlyCollection<string> AllKinds => KindIds.Values;

    public static IReadOnlyCollection<string> AllEffects => EffectIds.Values;

    public static string Id(this MatchKind kind) => KindIds[kind];

    public static string Id(this MatchEffect effect) => EffectIds[effect];

    public static bool TryParseKind(string value, out MatchKind kind) => TryParse(KindIds, value, out kind);

    public static bool TryParseEffect(string value, out MatchEffect effect) => TryParse(EffectIds, value, out effect);

    private static bool TryParse<T>(Dictionary<T, string> ids, string value, out T parsed) where T : struct, Enum
    {
        foreach (var (candidate, id) in ids)
        {
            if (id == value)
            {
                parsed = candidate;
                return true;
            }
        }

        parsed = default;
        return false;
    }
}
