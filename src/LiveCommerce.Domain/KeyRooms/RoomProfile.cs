namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// What the platform knows about a live room when it decides the room's tier.
/// </summary>
/// <param name="Gmv30dFen">Gross merchandise value of the last 30 days, in fen.</param>
/// <param name="CreditRating">The operator's rating; null for a room the platform has not rated yet.</param>
/// <param name="Categories">Category ids of the goods the room sells (the contract's stable ids).</param>
/// <param name="RepeatViolations">Violations recorded against the room in the platform's look-back window.</param>
public sealed record RoomProfile(
    string RoomId,
    long Followers,
    long PeakConcurrentViewers,
    long Gmv30dFen,
    CreditRating? CreditRating,
    IReadOnlyList<string> Categories,
    int RepeatViolations = 0);
