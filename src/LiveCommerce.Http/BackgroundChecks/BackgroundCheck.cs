namespace LiveCommerce.Http.BackgroundChecks;

/// <summary>The work one background-check message asks for; <see cref="Kind"/> is the contract's <c>kind</c>.</summary>
public abstract record BackgroundCheck
{
    public const string MerchantReverificationKind = "merchant_reverification";
    public const string HostReverificationKind = "host_reverification";
    public const string LicenceExpirySweepKind = "licence_expiry_sweep";
    public const string ListingRescreenKind = "listing_rescreen";

    public static IReadOnlyList<string> Kinds { get; } =
        [MerchantReverificationKind, HostReverificationKind, LicenceExpirySweepKind, ListingRescreenKind];

    private protected BackgroundCheck()
    {
    }

    public abstract string Kind { get; }
}

/// <summary>Re-verify a merchant from what its latest decision relied on; the decision is stored as a new review record.</summary>
public sealed record MerchantReverification(string MerchantId) : BackgroundCheck
{
    public override string Kind => MerchantReverificationKind;
}

/// <summary>Re-verify a host from what its latest decision relied on.</summary>
public sealed record HostReverification(string HostId) : BackgroundCheck
{
    public override string Kind => HostReverificationKind;
}

/// <summary>Run the daily sweep for this platform now: enqueue a re-verification of every account due.</summary>
public sealed record LicenceExpirySweep : BackgroundCheck
{
    public override string Kind => LicenceExpirySweepKind;
}

/// <summary>Screen the platform's active listings against a negative list version (the latest when none is named).</summary>
public sealed record ListingRescreen(string ListId, int? ListVersion) : BackgroundCheck
{
    public override string Kind => ListingRescreenKind;
}
