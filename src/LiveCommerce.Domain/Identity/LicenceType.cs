using System.Diagnostics.CodeAnalysis;

namespace LiveCommerce.Domain.Identity;

/// <summary>
/// A kind of administrative licence or filing of the contract ("Categories and licences"). A closed set: the only
/// instances are the static fields, so reference equality is value equality.
/// </summary>
public sealed class LicenceType
{
    public static readonly LicenceType FoodBusinessLicence = new("food_business_licence");
    public static readonly LicenceType PrepackagedFoodFiling = new("prepackaged_food_filing");
    public static readonly LicenceType CosmeticsFiling = new("cosmetics_filing");
    public static readonly LicenceType SpecialCosmeticsRegistration = new("special_cosmetics_registration");
    public static readonly LicenceType MedicalDeviceFiling = new("medical_device_filing");
    public static readonly LicenceType MedicalDeviceBusinessLicence = new("medical_device_business_licence");
    public static readonly LicenceType DrugBusinessLicence = new("drug_business_licence");
    public static readonly LicenceType PublicationBusinessLicence = new("publication_business_licence");

    public static IReadOnlyList<LicenceType> All { get; } =
    [
        FoodBusinessLicence, PrepackagedFoodFiling, CosmeticsFiling, SpecialCosmeticsRegistration,
        MedicalDeviceFiling, MedicalDeviceBusinessLicence, DrugBusinessLicence, PublicationBusinessLicence,
    ];

    public static IReadOnlyList<string> AllIds { get; } = [.. All.Select(t => t.Id)];

    private static readonly Dictionary<string, LicenceType> ById = All.ToDictionary(t => t.Id, StringComparer.Ordinal);

    private LicenceType(string id) => Id = id;

    /// <summary>The contract's snake_case id.</summary>
    public string Id { get; }

    public override string ToString() => Id;

    /// <summary>Exact, case-sensitive match on the contract id: an unknown id is the caller's 400.</summary>
    public static bool TryParse(string? id, [NotNullWhen(true)] out LicenceType? type) =>
        ById.TryGetValue(id ?? string.Empty, out type);
}
