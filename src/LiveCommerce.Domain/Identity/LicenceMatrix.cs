using System.Collections.Frozen;

namespace LiveCommerce.Domain.Identity;

/// <summary>
/// Which licence each product category needs: the contract table "Categories and licences", from regulatory facts
/// §3.2 (Food Safety Law art. 35, Cosmetics Regulation arts 16-17, Medical Device Regulation arts 41-42, Drug
/// Administration Law art. 61, Internet Advertising Measures art. 6, e-cigarette measures).
/// </summary>
public sealed class LicenceMatrix
{
    private static readonly LicenceRequirement NotRequired = new LicenceRequirement.NotRequired();
    private static readonly LicenceRequirement Prohibited = new LicenceRequirement.Prohibited();

    /// <summary>The matrix of rule set <see cref="QualificationPolicy.RuleSetVersion"/>.</summary>
    public static LicenceMatrix Current { get; } = new(new Dictionary<ProductCategory, LicenceRequirement>
    {
        [ProductCategory.General] = NotRequired,
        [ProductCategory.Apparel] = NotRequired,
        [ProductCategory.Electronics] = NotRequired,
        [ProductCategory.Food] = AnyOf(LicenceType.FoodBusinessLicence),
        [ProductCategory.PrepackagedFood] = AnyOf(LicenceType.FoodBusinessLicence, LicenceType.PrepackagedFoodFiling),
        [ProductCategory.Cosmetics] = AnyOf(LicenceType.CosmeticsFiling),
        [ProductCategory.SpecialCosmetics] = AnyOf(LicenceType.SpecialCosmeticsRegistration),
        [ProductCategory.MedicalDeviceClass2] = AnyOf(LicenceType.MedicalDeviceFiling),
        [ProductCategory.MedicalDeviceClass3] = AnyOf(LicenceType.MedicalDeviceBusinessLicence),
        [ProductCategory.OtcDrugs] = AnyOf(LicenceType.DrugBusinessLicence),
        [ProductCategory.Publications] = AnyOf(LicenceType.PublicationBusinessLicence),
        [ProductCategory.PrescriptionDrugs] = Prohibited,
        [ProductCategory.SpecialDrugs] = Prohibited,
        [ProductCategory.Tobacco] = Prohibited,
        [ProductCategory.ECigarettes] = Prohibited,
    });

    private readonly FrozenDictionary<ProductCategory, LicenceRequirement> _requirements;

    /// <exception cref="ArgumentException">A category of <see cref="ProductCategory.All"/> has no row.</exception>
    public LicenceMatrix(IReadOnlyDictionary<ProductCategory, LicenceRequirement> requirements)
    {
        var missing = ProductCategory.All.Where(c => !requirements.ContainsKey(c)).Select(c => c.Id).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"No requirement for: {string.Join(", ", missing)}.", nameof(requirements));
        }

        _requirements = requirements.ToFrozenDictionary();
    }

    public LicenceRequirement RequirementFor(ProductCategory category) => _requirements[category];

    private static LicenceRequirement.AnyOf AnyOf(params LicenceType[] types) => new(types.ToFrozenSet());
}
