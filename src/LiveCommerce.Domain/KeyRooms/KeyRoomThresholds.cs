using System.Collections.Frozen;

namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// One platform's rule for which rooms are key rooms. A room meeting any one criterion is key.
/// <para>
/// The criteria are the law's: the 2021 Measures art. 11 tier rooms by compliance record, follows and visits,
/// transaction volume and amount; Order 117 art. 11 adds rooms with many followers, large GMV, repeat violations
/// and goods affecting consumers' life and health, and encourages a credit rating. Neither text gives a number
/// ("platform-defined"), so every numeric default here is a design choice, named as such, for the platform to
/// override.
/// </para>
/// </summary>
public sealed record KeyRoomThresholds
{
    /// <summary>The life-and-health categories of the contract's category table (Order 117 art. 11).</summary>
    public static readonly FrozenSet<string> DefaultLifeAndHealthCategories = FrozenSet.Create(
        StringComparer.Ordinal,
        "food", "prepackaged_food", "otc_drugs", "medical_device_class2", "medical_device_class3",
        "cosmetics", "special_cosmetics", "health_food");

    /// <summary>The floor for any live content: CAC 2016 live-streaming rules art. 16 (60 days).</summary>
    public const int MinimumRetentionDays = 60;

    public static KeyRoomThresholds Default { get; } = new();

    /// <summary>Followers at or above which a room is key. Design default: one million (a "head" room).</summary>
    public long Followers { get; init; } = 1_000_000;

    /// <summary>Peak concurrent viewers at or above which a room is key. Design default: 10,000.</summary>
    public long PeakConcurrentViewers { get; init; } = 10_000;

    /// <summary>30-day GMV in fen at or above which a room is key. Design default: ¥10,000,000.</summary>
    public long Gmv30dFen { get; init; } = 1_000_000_000;

    /// <summary>A rating at or below this grade makes a room key. Design default: C (so C and D).</summary>
    public CreditRating CreditRatingAtOrBelow { get; init; } = CreditRating.C;

    /// <summary>Selling any of these categories makes a room key. Default: the contract's food, drug, device and
    /// cosmetics categories plus health food.</summary>
    public IReadOnlySet<string> LifeAndHealthCategories { get; init; } = DefaultLifeAndHealthCategories;

    /// <summary>Violations at or above which a room is a repeat violator. Design default: 2 (a second violation
    /// is a repeat).</summary>
    public int RepeatViolations { get; init; } = 2;

    /// <summary>Retention of a standard room's live content: the 60-day floor (CAC 2016 art. 16).</summary>
    public int StandardRetentionDays { get; init; } = MinimumRetentionDays;

    /// <summary>
    /// Retention of a key room's live content. Art. 11 only says "extend"; the design default of three years
    /// (1,095 days) matches what Order 117 arts 16, 27 and 28 already require for replays and verification records.
    /// </summary>
    public int KeyRetentionDays { get; init; } = 1095;

    /// <summary>Problems that make these thresholds unusable; empty when they are fine.</summary>
    public IReadOnlyList<Reason> Validate()
    {
        var problems = new List<Reason>();
        void Positive(long value, string field)
        {
            if (value <= 0)
            {
                problems.Add(new Reason(KeyRoomReasonCodes.FieldInvalid, $"{field} must be positive, got {value}", field));
            }
        }

        Positive(Followers, "followers");
        Positive(PeakConcurrentViewers, "peakConcurrentViewers");
        Positive(Gmv30dFen, "gmv30dFen");
        Positive(RepeatViolations, "repeatViolations");
        if (StandardRetentionDays < MinimumRetentionDays)
        {
            problems.Add(new Reason(
                KeyRoomReasonCodes.FieldInvalid,
                $"standard retention must be at least {MinimumRetentionDays} days (CAC 2016 art. 16), got {StandardRetentionDays}",
                "standardRetentionDays"));
        }

        if (KeyRetentionDays <= StandardRetentionDays)
        {
            problems.Add(new Reason(
                KeyRoomReasonCodes.FieldInvalid,
                $"key-room retention must be longer than standard retention ({StandardRetentionDays} days), got {KeyRetentionDays}",
                "keyRetentionDays"));
        }

        return problems;
    }
}
