namespace LiveCommerce.Domain.Identity;

/// <summary>
/// What a room operator (merchant) submits for qualification (Order 117 art. 8; E-Commerce Law art. 27). The credit
/// code is raw: an invalid one is a reason to reject, not a malformed request.
/// </summary>
public sealed record MerchantApplication(
    string LegalName,
    string CreditCode,
    Person LegalRepresentative,
    IReadOnlyList<ProductCategory> Categories,
    IReadOnlyList<Licence> Licences);
