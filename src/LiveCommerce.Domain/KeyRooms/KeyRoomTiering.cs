using System.Globalization;

namespace LiveCommerce.Domain.KeyRooms;

/// <summary>A room's tier with every criterion that decided it and how long its live content is kept.</summary>
public sealed record TierResult(string RoomId, Tier Tier, IReadOnlyList<Reason> Reasons, int RetentionDays);

/// <summary>
/// Decides whether a room is a key room (2021 Measures art. 11; Order 117 art. 11): key as soon as any criterion of
/// the platform's <see cref="KeyRoomThresholds"/> is met. Every criterion met is listed, so the record shows all
/// grounds, not just the first.
/// </summary>
public static class KeyRoomTiering
{
    private static readonly CultureInfo Figures = CultureInfo.InvariantCulture;

    public static TierResult Evaluate(RoomProfile room, KeyRoomThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(thresholds);
        var reasons = new List<Reason>();

        if (room.Followers >= thresholds.Followers)
        {
            reasons.Add(new Reason(
                KeyRoomReasonCodes.FollowersAtOrAboveThreshold,
                $"{Count(room.Followers)} followers ≥ {Count(thresholds.Followers)}",
                "followers"));
        }

        if (room.PeakConcurrentViewers >= thresholds.PeakConcurrentViewers)
        {
            reasons.Add(new Reason(
                KeyRoomReasonCodes.PeakViewersAtOrAboveThreshold,
                $"{Count(room.PeakConcurrentViewers)} peak concurrent viewers ≥ {Count(thresholds.PeakConcurrentViewers)}",
                "peakConcurrentViewers"));
        }

        if (room.Gmv30dFen >= thresholds.Gmv30dFen)
        {
            reasons.Add(new Reason(
                KeyRoomReasonCodes.GmvAtOrAboveThreshold,
                $"30-day GMV {Yuan(room.Gmv30dFen)} ≥ {Yuan(thresholds.Gmv30dFen)}",
                "gmv30dFen"));
        }

        if (room.CreditRating is { } rating && rating.IsAtOrBelow(thresholds.CreditRatingAtOrBelow))
        {
            reasons.Add(new Reason(
                KeyRoomReasonCodes.CreditRatingAtOrBelowThreshold,
                $"credit rating {rating} at or below {thresholds.CreditRatingAtOrBelow}",
                "creditRating"));
        }

        var lifeAndHealth = room.Categories
            .Where(thresholds.LifeAndHealthCategories.Contains)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (lifeAndHealth.Count > 0)
        {
            reasons.Add(new Reason(
                KeyRoomReasonCodes.LifeAndHealthCategory,
                $"sells life-and-health categories: {string.Join(", ", lifeAndHealth)}",
                "categories"));
        }

        if (room.RepeatViolations >= thresholds.RepeatViolations)
        {
            reasons.Add(new Reason(
                KeyRoomReasonCodes.RepeatViolationsAtOrAboveThreshold,
                $"{Count(room.RepeatViolations)} violations ≥ {Count(thresholds.RepeatViolations)}",
                "repeatViolations"));
        }

        if (reasons.Count > 0)
        {
            return new TierResult(room.RoomId, Tier.Key, reasons, thresholds.KeyRetentionDays);
        }

        reasons.Add(new Reason(KeyRoomReasonCodes.NoKeyRoomCriterionMet, "no key-room criterion met"));
        return new TierResult(room.RoomId, Tier.Standard, reasons, thresholds.StandardRetentionDays);
    }

    private static string Count(long value) => value.ToString("N0", Figures);

    private static string Yuan(long fen) => "¥" + (fen / 100m).ToString("N2", Figures);
}
