using System.Diagnostics.CodeAnalysis;

namespace LiveCommerce.Domain.Identity;

/// <summary>
/// A product category of the contract ("Categories and licences"). A closed set: the only instances are the static
/// fields, so reference equality is value equality.
/// </summary>
public sealed class ProductCategory
{
    public static readonly ProductCategory General = new("general");
    public static readonly ProductCategory Apparel = new("apparel");
    public static readonly ProductCategory Electronics = new("electronics");
    public static readonly ProductCategory Food = new("food");
    public static readonly ProductCategory PrepackagedFood = new("prepackaged_food");
    public static readonly ProductCategory Cosmetics = new("cosmetics");
    public static readonly ProductCategory SpecialCosmetics = new("special_cosmetics");
    public static readonly ProductCategory MedicalDeviceClass2 = new("medical_device_class2");
    public static readonly ProductCategory MedicalDeviceClass3 = new("medical_device_class3");
    public static readonly ProductCategory OtcDrugs = new("otc_drugs");
    public static readonly ProductCategory Publications = new("publications");
    public static readonly ProductCategory PrescriptionDrugs = new("prescription_drugs");
    public static readonly ProductCategory SpecialDrugs = new("special_drugs");
    public static readonly ProductCategory Tobacco = new("tobacco");
    public static readonly ProductCategory ECigarettes = new("e_cigarettes");

    public static IReadOnlyList<ProductCategory> All { get; } =
    [
        General, Apparel, Electronics, Food, PrepackagedFood, Cosmetics, SpecialCosmetics, MedicalDeviceClass2,
        MedicalDeviceClass3, OtcDrugs, Publications, PrescriptionDrugs, SpecialDrugs, Tobacco, ECigarettes,
    ];

    public static IReadOnlyList<string> AllIds { get; } = [.. All.Select(c => c.Id)];

    private static readonly Dictionary<string, ProductCategory> ById =
        All.ToDictionary(c => c.Id, StringComparer.Ordinal);

    private ProductCategory(string id) => Id = id;

    /// <summary>The contract's snake_case id.</summary>
    public string Id { get; }

    public override string ToString() => Id;

    /// <summary>Exact, case-sensitive match on the contract id: an unknown id is the caller's 400.</summary>
    public static bool TryParse(string? id, [NotNullWhen(true)] out ProductCategory? category) =>
        ById.TryGetValue(id ?? string.Empty, out category);
}
