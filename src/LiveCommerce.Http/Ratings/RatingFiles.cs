using LiveCommerce.Domain;
using LiveCommerce.Domain.Ratings;
using LiveCommerce.Domain.Sanctions;
using LiveCommerce.Http.Cases;
using LiveCommerce.Http.Json;
using LiveCommerce.Storage.Sanctions;
using NodaTime;

namespace LiveCommerce.Http.Ratings;

/// <summary>A host's, merchant's or room's rating file now: its violations in the platform's window and the suggestion.</summary>
public sealed class RatingFiles(SanctionStore sanctions, PlatformPolicies policies)
{
    public async Task<RatingFile> GetAsync(PlatformId platform, SanctionSubject subject, Instant at, CancellationToken cancellationToken)
    {
        var violations = sanctions.ViolationsAsync(platform, subject, cancellationToken);
        var policy = policies.RatingPolicyAsync(platform, cancellationToken);
        return RatingFile.Of(await violations, (await policy).Policy, at);
    }

    /// <summary>The contract's body of a rating file; the suggestion is only ever a suggestion.</summary>
    public static Dictionary<string, object?> BodyOf(SanctionSubject subject, RatingFile file) => new()
    {
        [subject.Field] = subject.Id,
        ["asOf"] = ApiTime.Format(file.At),
        ["windowDays"] = file.Policy.WindowDays,
        ["windowStart"] = ApiTime.Format(file.WindowStart),
        ["policyVersion"] = file.Policy.Version,
        ["violationCount"] = file.InWindow.Count,
        ["violations"] = file.InWindow.Select(v => new
        {
            kind = v.Kind == ViolationKind.Sanction ? "sanction" : "case_rejected",
            at = ApiTime.Format(v.At),
            reference = v.Reference,
        }).ToList(),
        ["suggestedMeasure"] = file.SuggestedMeasure is { } m ? SanctionLadder.Of(m).Id : null,
        ["suggestionOnly"] = true,
    };
}
