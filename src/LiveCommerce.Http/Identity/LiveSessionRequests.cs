namespace LiveCommerce.Http.Identity;

// Wire shapes of the contract's "Pre-live identity verification".

public sealed record PreLiveCheckRequest(
    string? RoomId,
    string? MerchantId,
    IReadOnlyList<string>? HostIds,
    string? ScheduledStart,
    string? ListId,
    IReadOnlyList<PreLiveItemBody>? Items);

public sealed record PreLiveItemBody(string? Sku, string? Title, string? Description, string? Category, string? Brand);
