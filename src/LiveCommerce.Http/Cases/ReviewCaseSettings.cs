using System.Text.Json;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Cases;
using LiveCommerce.Domain.Ratings;
using LiveCommerce.Domain.Sanctions;
using LiveCommerce.Http.Json;
using LiveCommerce.Storage.Policies;

namespace LiveCommerce.Http.Cases;

/// <summary>
/// The platform policies cases and rating files read, each versioned in <see cref="PlatformPolicyStore"/>: the
/// review-case settings (working days until a case is due) and the rating policy. Until a platform sets one, the
/// documented defaults apply (version 0).
/// </summary>
public sealed class PlatformPolicies(PlatformPolicyStore store)
{
    public const string CaseSettings = "review-case-settings";
    public const string Rating = "rating-policy";

    public async Task<int> DueWorkingDaysAsync(PlatformId platform, CancellationToken cancellationToken) =>
        await store.FindLatestAsync(platform, CaseSettings, cancellationToken) is { } set
            ? JsonSerializer.Deserialize<CaseSettingsDocument>(set.Json, ApiJson.Options)!.DueWorkingDays
            : CaseDeadline.DefaultWorkingDays;

    public async Task<(RatingPolicy Policy, PolicyVersion? Version)> RatingPolicyAsync(PlatformId platform, CancellationToken cancellationToken)
    {
        if (await store.FindLatestAsync(platform, Rating, cancellationToken) is not { } set)
        {
            return (RatingPolicy.Default, null);
        }

        var doc = JsonSerializer.Deserialize<RatingPolicyDocument>(set.Json, ApiJson.Options)!;
        return (new RatingPolicy(set.Version, doc.WindowDays, [.. doc.Thresholds.Select(t => new RatingThreshold(t.Violations, Parse(t.Measure)))]), set);
    }

    private static SanctionMeasure Parse(string id) =>
        SanctionLadder.TryParse(id, out var measure) ? measure : throw new InvalidOperationException($"Stored rating policy names unknown measure '{id}'.");

    internal sealed record CaseSettingsDocument(int DueWorkingDays);

    internal sealed record RatingPolicyDocument(int WindowDays, IReadOnlyList<ThresholdDocument> Thresholds);

    internal sealed record ThresholdDocument(int Violations, string Measure);
}
