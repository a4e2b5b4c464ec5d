namespace LiveCommerce.Http.Sanctions;

// Wire shapes of the contract's "Sanctions"; every member nullable so that a missing field is a REQUIRED error.

public sealed record SanctionSubjectBody(string? HostId, string? MerchantId, string? RoomId);

public sealed record SanctionRequest(SanctionSubjectBody? Subject, string? Measure, string? Reason, string? Facts, string? StartsAt, string? EndsAt);

public sealed record AppealRequest(string? Statement);
