namespace LiveCommerce.Http.Tipping;

// Wire shapes of the contract's "Tipping" section. Every member is nullable so that a missing field is a REQUIRED
// error from the validator, listed with all the others.

public sealed record TippingUserRequest(bool? RealNameVerified, string? IdNumber);

public sealed record TippingPolicyRequest(long? PerTipLimitFen, long? DailyLimitFen, long? MonthlyLimitFen, decimal? ReminderRatio, int? SettlementDelayHours);

public sealed record TipAuthorizationRequest(string? TipId, string? UserId, string? HostId, string? RoomId, long? AmountFen);

public sealed record TipConfirmationRequest(string? Method, string? ConfirmedAt);
