namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// Reason codes of key-room tiering and inspection scheduling. Like <see cref="ReasonCodes"/>, they are part of the
/// public contract and never change meaning.
/// </summary>
public static class KeyRoomReasonCodes
{
    public const string FollowersAtOrAboveThreshold = "FOLLOWERS_AT_OR_ABOVE_THRESHOLD";
    public const string PeakViewersAtOrAboveThreshold = "PEAK_VIEWERS_AT_OR_ABOVE_THRESHOLD";
    public const string GmvAtOrAboveThreshold = "GMV_AT_OR_ABOVE_THRESHOLD";
    public const string CreditRatingAtOrBelowThreshold = "CREDIT_RATING_AT_OR_BELOW_THRESHOLD";
    public const string LifeAndHealthCategory = "LIFE_AND_HEALTH_CATEGORY";
    public const string RepeatViolationsAtOrAboveThreshold = "REPEAT_VIOLATIONS_AT_OR_ABOVE_THRESHOLD";
    public const string NoKeyRoomCriterionMet = "NO_KEY_ROOM_CRITERION_MET";

    public const string CreditRatingInvalid = "CREDIT_RATING_INVALID";

    /// <summary>No inspector has the session's category among their skills.</summary>
    public const string NoSkilledInspector = "NO_SKILLED_INSPECTOR";

    /// <summary>Skilled inspectors exist, but none has a single shift that spans the whole session.</summary>
    public const string NoShiftCoversSession = "NO_SHIFT_COVERS_SESSION";

    /// <summary>Skilled inspectors on shift exist, but all are at their concurrent-room limit.</summary>
    public const string NoCapacity = "NO_CAPACITY";

    /// <summary>A request field is missing or out of range (the HTTP layer turns these into a 400).</summary>
    public const string FieldInvalid = "FIELD_INVALID";
}
