namespace LiveCommerce.Domain.Identity;

/// <summary>
/// A parent's or guardian's consent for a host aged 16 or 17 (Minors Protection Law art. 76). Every part may be
/// missing in the request: a missing part is a finding, not a malformed request.
/// </summary>
public sealed record GuardianConsent(string? GuardianName, string? GuardianIdNumber, string? DocumentRef);
