using LiveCommerce.Domain.Identity;

namespace LiveCommerce.Domain.Tests.Identity;

public class LicenceMatrixTests
{
    [Theory]
    [InlineData("general")]
    [InlineData("apparel")]
    [InlineData("electronics")]
    public void Ordinary_goods_need_nothing_beyond_the_business_licence(string category)
    {
        Assert.IsType<LicenceRequirement.NotRequired>(RequirementFor(category));
    }

    [Theory]
    [InlineData("food", "food_business_licence")]
    [InlineData("prepackaged_food", "food_business_licence prepackaged_food_filing")]
    [InlineData("cosmetics", "cosmetics_filing")]
    [InlineData("special_cosmetics", "special_cosmetics_registration")]
    [InlineData("medical_device_class2", "medical_device_filing")]
    [InlineData("medical_device_class3", "medical_device_business_licence")]
    [InlineData("otc_drugs", "drug_business_licence")]
    [InlineData("publications", "publication_business_licence")]
    public void Licensed_categories_accept_exactly_the_contracts_licence_types(string category, string accepted)
    {
        var requirement = Assert.IsType<LicenceRequirement.AnyOf>(RequirementFor(category));

        Assert.Equal(accepted.Split(' '), requirement.Types.Select(t => t.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("prescription_drugs")]
    [InlineData("special_drugs")]
    [InlineData("tobacco")]
    [InlineData("e_cigarettes")]
    public void Some_categories_cannot_be_sold_live_at_all(string category)
    {
        Assert.IsType<LicenceRequirement.Prohibited>(RequirementFor(category));
    }

    [Fact]
    public void A_matrix_must_cover_every_category()
    {
        LicenceRequirement nothing = new LicenceRequirement.NotRequired();
        var partial = ProductCategory.All.Skip(1).ToDictionary(c => c, _ => nothing);

        var error = Assert.Throws<ArgumentException>(() => new LicenceMatrix(partial));
        Assert.Contains("general", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_round_trip_and_match_exactly()
    {
        Assert.All(ProductCategory.AllIds, id => Assert.True(ProductCategory.TryParse(id, out var c) && c.Id == id));
        Assert.All(LicenceType.AllIds, id => Assert.True(LicenceType.TryParse(id, out var t) && t.Id == id));
        Assert.False(ProductCategory.TryParse("Food", out _));
        Assert.False(ProductCategory.TryParse(null, out _));
        Assert.False(LicenceType.TryParse("food-business-licence", out _));
        Assert.Equal(15, ProductCategory.AllIds.Count);
        Assert.Equal(8, LicenceType.AllIds.Count);
    }

    [Fact]
    public void A_licence_counts_from_its_first_to_its_last_day_inclusive()
    {
        var licence = Applications.FoodLicence(validFrom: new(2026, 1, 1), validTo: new(2026, 12, 31));

        Assert.False(licence.IsValidOn(new(2025, 12, 31)));
        Assert.True(licence.IsValidOn(new(2026, 1, 1)));
        Assert.True(licence.IsValidOn(new(2026, 12, 31)));
        Assert.False(licence.IsValidOn(new(2027, 1, 1)));
        Assert.Equal(Applications.Shanghai(2027, 1, 1), licence.ExpiresAt);
    }

    private static LicenceRequirement RequirementFor(string id) =>
        ProductCategory.TryParse(id, out var category)
            ? LicenceMatrix.Current.RequirementFor(category)
            : throw new ArgumentException($"No category {id}.", nameof(id));
}
