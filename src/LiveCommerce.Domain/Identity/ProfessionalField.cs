namespace LiveCommerce.Domain.Identity;

/// <summary>
/// A field in which live content needs a practising qualification filed with the platform (网络主播行为规范).
/// Contract ids are the lower-case names.
/// </summary>
public enum ProfessionalField
{
    Medical,
    Financial,
    Legal,
    Education,
}
