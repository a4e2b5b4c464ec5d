namespace LiveCommerce.Domain.Identity;

/// <summary>
/// What a live-stream marketer (host) submits before their first live (Order 117 art. 8). The ID number is raw: an
/// invalid one is a reason to reject, not a malformed request.
/// </summary>
public sealed record HostApplication(
    string Name,
    string IdNumber,
    GuardianConsent? GuardianConsent,
    bool IsPublicFigure,
    bool IsOverseas,
    IReadOnlyList<ProfessionalCredential> ProfessionalFields,
    VirtualAvatar? VirtualAvatar);
