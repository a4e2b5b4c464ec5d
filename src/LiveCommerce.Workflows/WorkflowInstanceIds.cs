using LiveCommerce.Domain;

namespace LiveCommerce.Workflows;

/// <summary>
/// Every instance a platform starts has the id <c>{kind}:{platform}:{subject}</c> (PreLiveCheckWorkflow.InstanceIdFor
/// and the others), so ownership is read from the id itself; service instances (<c>schedule:…</c>) belong to no platform.
/// </summary>
public static class WorkflowInstanceIds
{
    /// <summary>True when <paramref name="instanceId"/> is one of <paramref name="platform"/>'s instances.</summary>
    public static bool BelongsTo(string instanceId, PlatformId platform)
    {
        var parts = instanceId.Split(':', 3);
        return parts.Length == 3 && parts[0] != "schedule" && parts[1] == platform.Value && parts[2].Length > 0;
    }
}
