namespace LiveCommerce.Domain.Identity;

/// <summary>
/// A host appearing as a virtual or AI-generated person (Order 117 art. 37). Using a real person's likeness needs
/// that person's consent.
/// </summary>
public sealed record VirtualAvatar(bool PortraitOwnerConsent);
