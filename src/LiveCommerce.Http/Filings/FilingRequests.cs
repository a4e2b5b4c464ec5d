using System.Text.Json;

namespace LiveCommerce.Http.Filings;

// Wire shapes of the contract's "Themed event filings" section. Every member is nullable so that a missing field is
// a REQUIRED error from the validator, listed with all the others, rather than a serializer exception.

public sealed record CalendarYearRequest(IReadOnlyList<string?>? Holidays, IReadOnlyList<string?>? MakeUpWorkdays);

public sealed record FilingRequest(
    string? Name,
    string? StartsAt,
    IReadOnlyList<GuestBody?>? Guests,
    IReadOnlyList<string?>? HostIds,
    JsonElement? Content,
    JsonElement? Settings);

public sealed record GuestBody(string? Name, bool? IsPublicFigure, bool? IsOverseas);

public sealed record ReceiptRequest(string? ReceiptNumber, string? SubmittedAt);
