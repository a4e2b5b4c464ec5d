namespace LiveCommerce.Domain.Identity;

/// <summary>What a merchant must hold to sell a category live: one row of <see cref="LicenceMatrix"/>.</summary>
public abstract record LicenceRequirement
{
    private LicenceRequirement()
    {
    }

    /// <summary>Nothing beyond the business licence the credit code stands for.</summary>
    public sealed record NotRequired : LicenceRequirement;

    /// <summary>Any one current licence of these types.</summary>
    public sealed record AnyOf(IReadOnlySet<LicenceType> Types) : LicenceRequirement
    {
        public bool IsSatisfiedBy(LicenceType type) => Types.Contains(type);
    }

    /// <summary>The category cannot be sold live at all, whatever the merchant holds.</summary>
    public sealed record Prohibited : LicenceRequirement;
}
