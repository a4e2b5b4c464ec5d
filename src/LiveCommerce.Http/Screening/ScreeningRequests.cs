namespace LiveCommerce.Http.Screening;

// Wire shapes of the contract's "Product negative-list screening".

public sealed record NegativeListRequest(IReadOnlyList<NegativeListEntryBody>? Entries, VerdictRulesBody? VerdictRules);

/// <summary>Optional per-list rules: <c>kinds</c> maps a match kind to <c>block</c>, <c>review</c> or <c>inform</c>; the rest keep their defaults.</summary>
public sealed record VerdictRulesBody(IReadOnlyDictionary<string, string?>? Kinds, double? MinBlockConfidence);

public sealed record NegativeListEntryBody(string? Term, string? Category, string? Severity, string? RequiredLicence);

public sealed record ProductScreeningRequest(string? ListId, int? ListVersion, string? MerchantId, IReadOnlyList<ScreeningItemBody>? Items);

public sealed record ScreeningItemBody(string? Sku, string? Title, string? Description, string? Category, string? Brand);

public sealed record ListingRequest(string? MerchantId, string? Title, string? Description, string? Category, string? Brand, string? Status);
