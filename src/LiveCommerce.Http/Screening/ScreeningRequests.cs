namespace LiveCommerce.Http.Screening;

// Wire shapes of the contract's "Product negative-list screening".

public sealed record NegativeListRequest(IReadOnlyList<NegativeListEntryBody>? Entries);

public sealed record NegativeListEntryBody(string? Term, string? Category, string? Severity, string? RequiredLicence);

public sealed record ProductScreeningRequest(string? ListId, int? ListVersion, string? MerchantId, IReadOnlyList<ScreeningItemBody>? Items);

public sealed record ScreeningItemBody(string? Sku, string? Title, string? Description, string? Category, string? Brand);

public sealed record ListingRequest(string? MerchantId, string? Title, string? Description, string? Category, string? Brand, string? Status);
