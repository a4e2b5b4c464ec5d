using System.Text.Json;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Ratings;
using LiveCommerce.Domain.Sanctions;
using LiveCommerce.Http.Cases;
using LiveCommerce.Http.Json;
using LiveCommerce.Storage.Policies;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Ratings;

public sealed record RatingPolicyRequest(int? WindowDays, IReadOnlyList<RatingThresholdBody?>? Thresholds);

public sealed record RatingThresholdBody(int? Violations, string? Measure);

/// <summary>
/// Rating files (NRTA 2020 notice: repeat offenders; Order 117 art. 11): <c>GET /api/{hosts|merchants|rooms}/{id}/rating-file</c>
/// and the platform's versioned policy, <c>PUT/GET /api/rating-policy</c>. Suggestions only: no route here imposes anything.
/// </summary>
public sealed class RatingEndpoints(RatingFiles files, PlatformPolicies policies, PlatformPolicyStore store, TimeProvider clock)
{
    public Task<IResult> HostFile(HttpRequest request, string hostId) => FileAsync(request, SanctionSubject.Host(hostId));

    public Task<IResult> MerchantFile(HttpRequest request, string merchantId) => FileAsync(request, SanctionSubject.Merchant(merchantId));

    public Task<IResult> RoomFile(HttpRequest request, string roomId) => FileAsync(request, SanctionSubject.Room(roomId));

    public async Task<IResult> GetPolicy(HttpRequest request)
    {
        if (!StaffAccess.TryAuthorize(request, out var actor, out var problem, StaffAccess.Anyone))
        {
            return problem;
        }

        var (policy, version) = await policies.RatingPolicyAsync(actor.Platform, request.HttpContext.RequestAborted);
        return PolicyBody(policy, version);
    }

    public async Task<IResult> PutPolicy(HttpRequest request)
    {
        if (!StaffAccess.TryAuthorize(request, out var actor, out var problem, StaffAccess.AdminOnly))
        {
            return problem;
        }

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<RatingPolicyRequest>(request, 64 * 1024, cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var v = new RequestValidator();
        var window = (int)v.Range(body.Value!.WindowDays, "windowDays", 1, RatingPolicy.MaxWindowDays);
        var items = v.RequiredList(body.Value.Thresholds, "thresholds", RatingPolicy.MaxThresholds);
        var thresholds = new List<RatingThreshold>();
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"thresholds[{i}]";
            if (items[i] is not { } t)
            {
                v.Add(field, "REQUIRED", $"'{field}' must be an object.");
                continue;
            }

            var count = (int)v.Range(t.Violations, field + ".violations", 1, 10_000);
            if (t.Measure is null)
            {
                v.Add(field + ".measure", "REQUIRED", $"'{field}.measure' is required.");
            }
            else if (!SanctionLadder.TryParse(t.Measure, out var measure))
            {
                v.Add(field + ".measure", "INVALID_VALUE", $"'{t.Measure}' is not one of: {string.Join(", ", SanctionLadder.Ids)}.");
            }
            else
            {
                thresholds.Add(new RatingThreshold(count, measure));
            }
        }

        if (!v.HasErrors && RatingPolicy.Problem(window, thresholds) is { } rule)
        {
            v.Add("thresholds", "INVALID_VALUE", rule);
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var json = JsonSerializer.Serialize(
            new PlatformPolicies.RatingPolicyDocument(window, [.. thresholds.Select(t => new PlatformPolicies.ThresholdDocument(t.Violations, SanctionLadder.Of(t.Measure).Id))]),
            ApiJson.Options);
        var saved = await VersionedPolicies.SaveAsync(store, actor, PlatformPolicies.Rating, json, NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow()), cancellation);
        return saved is null ? VersionedPolicies.Changed() : PolicyBody(new RatingPolicy(saved.Version, window, thresholds), saved);
    }

    private async Task<IResult> FileAsync(HttpRequest request, SanctionSubject subject)
    {
        if (!StaffAccess.TryAuthorize(request, out var actor, out var problem, StaffAccess.Anyone))
        {
            return problem;
        }

        var v = new RequestValidator();
        v.Key(subject.Id, subject.Field);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var file = await files.GetAsync(actor.Platform, subject, NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow()), request.HttpContext.RequestAborted);
        return JsonText.Of(200, RatingFiles.BodyOf(subject, file));
    }

    private static IResult PolicyBody(RatingPolicy policy, PolicyVersion? version) => JsonText.Of(200, new Dictionary<string, object?>
    {
        ["version"] = policy.Version,
        ["default"] = version is null,
        ["windowDays"] = policy.WindowDays,
        ["thresholds"] = policy.Thresholds.Select(t => new { violations = t.Violations, measure = SanctionLadder.Of(t.Measure).Id }).ToList(),
        ["setAt"] = ApiTime.Format(version?.SetAt),
        ["setBy"] = version?.SetBy,
        ["note"] = version is null ? "Design defaults of this service, not numbers from a regulation; set the platform's own with PUT." : null,
    }.Where(p => p.Value is not null).ToDictionary());
}
