using LiveCommerce.Domain;

namespace LiveCommerce.Workflows.Identity;

// What the pre-live check workflow passes to and from its activities. Everything here lands in workflow history:
// no raw ID numbers, no challenges, only ids, hashes and outcomes.

public sealed record PreLiveCheckInput(
    string Platform,
    string SessionId,
    string RoomId,
    string MerchantId,
    IReadOnlyList<string> HostIds,
    DateTimeOffset ScheduledStart,
    double MinimumLivenessScore,
    string? ListId = null,
    IReadOnlyList<PreLiveItem>? Items = null);

public sealed record PreLiveItem(string Sku, string Title, string? Description, string? Category, string? Brand);

/// <param name="RoomId">The session's room: a sanction on the room blocks it too (null in instances started before it was passed).</param>
public sealed record StandingsRequest(string Platform, string MerchantId, IReadOnlyList<string> HostIds, DateTimeOffset At, string? RoomId = null);

public sealed record IdentityChallengeRequest(string Platform, string SessionId, string HostId);

public sealed record IdentityChallengeIssued(string HostId, string ChallengeId, DateTimeOffset IssuedAt);

/// <summary>A provider's answer for one host, delivered as the external event <see cref="PreLiveCheckWorkflow.ResultEvent"/>.</summary>
public sealed record IdentityResult(string HostId, bool Matched, double LivenessScore, string ProviderReference, DateTimeOffset ReceivedAt);

public sealed record PreLiveHostStatus(string HostId, string Identity);

/// <summary>The workflow's output and custom status: the contract's GET body.</summary>
public sealed record PreLiveCheckResult(string Status, IReadOnlyList<PreLiveHostStatus> Hosts, IReadOnlyList<Reason> Reasons, DateTimeOffset? CompletedAt)
{
    public const string Pending = "pending";
    public const string Cleared = "cleared";
    public const string Blocked = "blocked";
}

public sealed record PreLiveOutcome(string Platform, string SessionId, PreLiveCheckResult Result);

public sealed record SessionScreeningRequest(string Platform, string SessionId, string MerchantId, string ListId, IReadOnlyList<PreLiveItem> Items);
