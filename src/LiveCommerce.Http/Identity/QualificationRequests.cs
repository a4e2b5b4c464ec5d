namespace LiveCommerce.Http.Identity;

// Wire shapes of the contract's "Merchants and hosts" section. Every member is nullable so that a missing field is
// a REQUIRED error from the validator, listed with all the others, rather than a serializer exception.

public sealed record MerchantCheckRequest(
    string? LegalName,
    string? CreditCode,
    PersonBody? LegalRepresentative,
    IReadOnlyList<string>? Categories,
    IReadOnlyList<LicenceBody>? Licences);

public sealed record PersonBody(string? Name, string? IdNumber);

public sealed record LicenceBody(string? Type, string? Number, string? ValidFrom, string? ValidTo);

public sealed record HostCheckRequest(
    string? Name,
    string? IdNumber,
    GuardianConsentBody? GuardianConsent,
    bool? IsPublicFigure,
    bool? IsOverseas,
    IReadOnlyList<ProfessionalFieldBody>? ProfessionalFields,
    VirtualAvatarBody? VirtualAvatar);

public sealed record GuardianConsentBody(string? GuardianName, string? GuardianIdNumber, string? DocumentRef);

public sealed record ProfessionalFieldBody(string? Field, string? CertificateNumber, string? ValidTo);

public sealed record VirtualAvatarBody(bool? PortraitOwnerConsent);

public sealed record BlacklistRequest(string? SubjectType, string? IdNumber, string? CreditCode, string? Reason, string? ExpiresAt);
