namespace LiveCommerce.Domain.Identity;

/// <summary>Where a host's dynamic identity verification for one live session stands (contract ids in <see cref="Id"/>).</summary>
public enum HostIdentity
{
    Pending,
    Verified,
    Failed,
    TimedOut,
}

public static class HostIdentityIds
{
    public static string Id(this HostIdentity identity) => identity switch
    {
        HostIdentity.Verified => "verified",
        HostIdentity.Failed => "failed",
        HostIdentity.TimedOut => "timed_out",
        _ => "pending",
    };
}
