namespace LiveCommerce.Http.KeyRooms;

// Wire shapes of the contract's "Key rooms and inspection scheduling" and its extensions.

/// <summary>PUT /api/key-room-thresholds: every field optional; an absent one takes its default.</summary>
public sealed record KeyRoomThresholdsRequest(
    long? Followers,
    long? PeakConcurrentViewers,
    long? Gmv30dFen,
    string? CreditRatingAtOrBelow,
    IReadOnlyList<string>? LifeAndHealthCategories,
    int? RepeatViolations,
    int? StandardRetentionDays,
    int? KeyRetentionDays);

public sealed record KeyRoomEvaluationRequest(IReadOnlyList<RoomBody>? Rooms);

public sealed record RoomBody(
    string? RoomId,
    long? Followers,
    long? PeakConcurrentViewers,
    long? Gmv30dFen,
    string? CreditRating,
    IReadOnlyList<string>? Categories,
    int? RepeatViolations);

public sealed record InspectionScheduleRequest(
    string? From,
    string? To,
    int? SlotMinutes,
    IReadOnlyList<SessionBody>? Sessions,
    IReadOnlyList<InspectorBody>? Inspectors);

public sealed record SessionBody(string? SessionId, string? RoomId, string? Start, string? End, string? Tier, string? Category);

public sealed record InspectorBody(string? InspectorId, IReadOnlyList<ShiftBody>? Shifts, IReadOnlyList<string>? Skills, int? MaxConcurrentRooms);

public sealed record ShiftBody(string? Start, string? End);

/// <summary>PUT /api/inspection-days/{date}: the platform's sessions and inspectors for one Asia/Shanghai day.</summary>
public sealed record InspectionDayRequest(int? SlotMinutes, IReadOnlyList<SessionBody>? Sessions, IReadOnlyList<InspectorBody>? Inspectors);

/// <summary>POST /api/inspection-days/{date}/replan: changes to the stored day (removals first), all optional.</summary>
public sealed record ReplanRequest(
    IReadOnlyList<SessionBody>? AddSessions,
    IReadOnlyList<string>? RemoveSessionIds,
    IReadOnlyList<InspectorBody>? AddInspectors,
    IReadOnlyList<string>? RemoveInspectorIds);
