namespace LiveCommerce.Http.Tenancy;

/// <summary>The roles a caller's token carries (claim <c>roles</c>); each route says which of them it admits.</summary>
public static class PlatformRoles
{
    /// <summary>A platform's own systems.</summary>
    public const string PlatformApi = "platform.api";

    /// <summary>A platform's compliance staff who review and decide cases.</summary>
    public const string ComplianceReviewer = "compliance.reviewer";

    /// <summary>A platform's compliance staff who also change the platform's settings and lists.</summary>
    public const string ComplianceAdmin = "compliance.admin";

    /// <summary>Every role: the reads any of a platform's callers may make.</summary>
    public static readonly string[] Any = [PlatformApi, ComplianceReviewer, ComplianceAdmin];

    /// <summary>A platform's settings and lists (thresholds, negative lists, calendars, the blacklist): its systems or an admin.</summary>
    public static readonly string[] PlatformOrAdmin = [PlatformApi, ComplianceAdmin];
}
