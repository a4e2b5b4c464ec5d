using LiveCommerce.Domain;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Http.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Http.Identity;

/// <summary>
/// <c>POST /api/blacklist</c>: blacklists a person or an entity by the keyed hash of its identifier, so the entry
/// follows it to every merchant and host account on the platform. Only the masked identifier is stored.
/// </summary>
public sealed class BlacklistEndpoints(
    QualificationStore store,
    IdempotentPosts posts,
    SubjectHasher hasher,
    TimeProvider clock,
    ILogger<BlacklistEndpoints> logger)
{
    public Task<IResult> Add(HttpRequest request) => posts.HandleAsync<BlacklistRequest>(request, PlatformRoles.PlatformOrAdmin, AddAsync);

    private async Task<IResult> AddAsync(PostRequest<BlacklistRequest> post)
    {
        var (platform, b, cancellation) = (post.Platform, post.Body, post.Cancellation);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var v = new RequestValidator();
        var reason = v.RequiredString(b.Reason, "reason", 500);
        var expiresAt = v.Time(b.ExpiresAt, "expiresAt", required: false);
        if (expiresAt is { } expiry && expiry <= now)
        {
            v.Add("expiresAt", "OUT_OF_RANGE", "'expiresAt' must lie in the future.");
        }

        string? subjectHash = null, masked = null;
        switch (b.SubjectType)
        {
            case "person":
                if (b.IdNumber is null)
                {
                    v.Add("idNumber", "REQUIRED", "'idNumber' is required for a person.");
                }
                else if (ResidentIdNumber.TryParse(b.IdNumber, ChinaTime.DateOf(now), out var id, out var error))
                {
                    (subjectHash, masked) = (hasher.Hash(id), id.Masked);
                }
                else
                {
                    v.Add("idNumber", ReasonCodes.IdNumberInvalid, error);
                }

                break;
            case "entity":
                if (b.CreditCode is null)
                {
                    v.Add("creditCode", "REQUIRED", "'creditCode' is required for an entity.");
                }
                else if (CreditCode.TryParse(b.CreditCode, out var code, out var error))
                {
                    (subjectHash, masked) = (hasher.Hash(code), code.Value);
                }
                else
                {
                    v.Add("creditCode", ReasonCodes.CreditCodeInvalid, error);
                }

                break;
            case null:
                v.Add("subjectType", "REQUIRED", "'subjectType' is required.");
                break;
            default:
                v.Add("subjectType", "INVALID_VALUE", $"'{b.SubjectType}' is not one of: person, entity.");
                break;
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var entry = new BlacklistEntry("bl_" + Guid.CreateVersion7().ToString("N"), reason, now, expiresAt);
        await store.BlacklistAsync(platform, subjectHash!, b.SubjectType!, masked!, entry, post.Caller.Subject, cancellation);
        logger.LogInformation("Blacklisted {SubjectType} {Masked} on {Platform} as {BlacklistId}", b.SubjectType, masked, platform.Value, entry.BlacklistId);

        return JsonText.Of(201, new
        {
            blacklistId = entry.BlacklistId,
            subjectType = b.SubjectType,
            subject = masked,
            reason,
            blacklistedAt = ApiTime.Format(entry.BlacklistedAt),
            expiresAt = ApiTime.Format(entry.ExpiresAt),
            decidedBy = post.Caller.Subject,
        });
    }
}
