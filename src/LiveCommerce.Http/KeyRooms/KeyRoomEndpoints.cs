using LiveCommerce.Domain;
using LiveCommerce.Domain.KeyRooms;
using LiveCommerce.Http.Identity;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Idempotency;
using LiveCommerce.Storage.KeyRooms;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace LiveCommerce.Http.KeyRooms;

/// <summary>
/// The contract's key-room evaluations, against the calling platform's thresholds (extension: stored per platform
/// with <c>PUT /api/key-room-thresholds</c>; the documented defaults until a platform stores its own).
/// </summary>
public sealed class KeyRoomEndpoints(KeyRoomThresholdStore thresholds, IdempotentPosts posts, TimeProvider clock)
{
    public const int MaxRooms = 10_000;
    public const int MaxCategories = 100;
    private const int MaxBodyBytes = 8 * 1024 * 1024;
    private static readonly string[] Grades = ["A", "B", "C", "D"];

    public async Task<IResult> PutThresholds(HttpRequest request)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformOrAdmin))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<KeyRoomThresholdsRequest>(request, cancellationToken: cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        var v = new RequestValidator();
        var defaults = KeyRoomThresholds.Default;
        var rating = defaults.CreditRatingAtOrBelow;
        if (b.CreditRatingAtOrBelow is not null && !CreditRating.TryParse(b.CreditRatingAtOrBelow, out rating, out _))
        {
            v.Add("creditRatingAtOrBelow", "INVALID_VALUE", $"'{b.CreditRatingAtOrBelow}' is not one of: {string.Join(", ", Grades)}.");
        }

        var categories = b.LifeAndHealthCategories is null
            ? defaults.LifeAndHealthCategories
            : ReadCategories(b.LifeAndHealthCategories, "lifeAndHealthCategories", v).ToHashSet(StringComparer.Ordinal);
        var wanted = new KeyRoomThresholds
        {
            Followers = b.Followers ?? defaults.Followers,
            PeakConcurrentViewers = b.PeakConcurrentViewers ?? defaults.PeakConcurrentViewers,
            Gmv30dFen = b.Gmv30dFen ?? defaults.Gmv30dFen,
            CreditRatingAtOrBelow = rating,
            LifeAndHealthCategories = categories,
            RepeatViolations = b.RepeatViolations ?? defaults.RepeatViolations,
            StandardRetentionDays = b.StandardRetentionDays ?? defaults.StandardRetentionDays,
            KeyRetentionDays = b.KeyRetentionDays ?? defaults.KeyRetentionDays,
        };
        foreach (var reason in wanted.Validate())
        {
            v.Add(reason.Field ?? "$", "OUT_OF_RANGE", reason.Message);
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var stored = await thresholds.ReplaceAsync(platform, wanted, clock.GetUtcNow(), cancellation);
        return JsonText.Of(200, ThresholdsBody(stored.Thresholds, stored.Version, stored.UpdatedAt));
    }

    public async Task<IResult> GetThresholds(HttpRequest request)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        var stored = await thresholds.FindAsync(platform, request.HttpContext.RequestAborted);
        return JsonText.Of(200, stored is null
            ? ThresholdsBody(KeyRoomThresholds.Default, 0, null)
            : ThresholdsBody(stored.Thresholds, stored.Version, stored.UpdatedAt));
    }

    public Task<IResult> Evaluate(HttpRequest request) => posts.HandleAsync<KeyRoomEvaluationRequest>(request, [PlatformRoles.PlatformApi], EvaluateAsync, MaxBodyBytes);

    private async Task<IResult> EvaluateAsync(PostRequest<KeyRoomEvaluationRequest> post)
    {
        var (platform, b, cancellation) = (post.Platform, post.Body, post.Cancellation);
        if (b.Rooms is { Count: > MaxRooms } rooms)
        {
            return Problem.PayloadTooLarge($"An evaluation takes at most {MaxRooms:N0} rooms; this one has {rooms.Count:N0}. Split it.");
        }

        var v = new RequestValidator();
        var profiles = ReadRooms(v.RequiredList(b.Rooms, "rooms", MaxRooms), v);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var stored = await thresholds.FindAsync(platform, cancellation);
        var rule = stored?.Thresholds ?? KeyRoomThresholds.Default;
        return JsonText.Of(200, new
        {
            results = profiles.Select(room => KeyRoomTiering.Evaluate(room, rule)).Select(r => new
            {
                roomId = r.RoomId,
                tier = r.Tier == Tier.Key ? "key" : "standard",
                reasons = r.Reasons.Select(ReasonBody.Of),
                retentionDays = r.RetentionDays,
            }),
            thresholdsVersion = stored?.Version ?? 0,
            evaluatedAt = ApiTime.Format(Instant.FromDateTimeOffset(clock.GetUtcNow())),
        });
    }

    private static List<RoomProfile> ReadRooms(IReadOnlyList<RoomBody> bodies, RequestValidator v)
    {
        var profiles = new List<RoomProfile>(bodies.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < bodies.Count; i++)
        {
            var at = $"rooms[{i}]";
            if (bodies[i] is not { } room)
            {
                v.Add(at, "REQUIRED", $"'{at}' must be an object.");
                continue;
            }

            var roomId = v.RequiredString(room.RoomId, at + ".roomId", InspectionRequestReader.MaxIdLength);
            if (roomId.Length > 0 && !seen.Add(roomId))
            {
                v.Add(at + ".roomId", "DUPLICATE", $"Room '{roomId}' is listed twice.");
            }

            CreditRating? rating = null;
            if (room.CreditRating is not null)
            {
                if (CreditRating.TryParse(room.CreditRating, out var parsed, out _))
                {
                    rating = parsed;
                }
                else
                {
                    v.Add(at + ".creditRating", "INVALID_VALUE", $"'{room.CreditRating}' is not one of: {string.Join(", ", Grades)}.");
                }
            }

            profiles.Add(new RoomProfile(
                roomId,
                v.Range(room.Followers, at + ".followers", 0, long.MaxValue),
                v.Range(room.PeakConcurrentViewers, at + ".peakConcurrentViewers", 0, long.MaxValue),
                v.Range(room.Gmv30dFen, at + ".gmv30dFen", 0, long.MaxValue),
                rating,
                ReadCategories(v.RequiredList(room.Categories, at + ".categories", MaxCategories, allowEmpty: true), at + ".categories", v),
                (int)v.Range(room.RepeatViolations ?? 0, at + ".repeatViolations", 0, int.MaxValue)));
        }

        return profiles;
    }

    private static List<string> ReadCategories(IReadOnlyList<string> values, string field, RequestValidator v)
    {
        if (values.Count > MaxCategories)
        {
            v.Add(field, "TOO_MANY_ITEMS", $"'{field}' may have at most {MaxCategories} items.");
            return [];
        }

        return [.. values.Select((c, j) => v.RequiredString(c, $"{field}[{j}]", InspectionRequestReader.MaxIdLength))];
    }

    private static object ThresholdsBody(KeyRoomThresholds t, int version, DateTimeOffset? updatedAt) => new
    {
        version,
        isDefault = version == 0,
        updatedAt = updatedAt is { } at ? ApiTime.Format(Instant.FromDateTimeOffset(at)) : null,
        followers = t.Followers,
        peakConcurrentViewers = t.PeakConcurrentViewers,
        gmv30dFen = t.Gmv30dFen,
        creditRatingAtOrBelow = t.CreditRatingAtOrBelow.ToString(),
        lifeAndHealthCategories = t.LifeAndHealthCategories.Order(StringComparer.Ordinal),
        repeatViolations = t.RepeatViolations,
        standardRetentionDays = t.StandardRetentionDays,
        keyRetentionDays = t.KeyRetentionDays,
    };
}
