using LiveCommerce.Domain;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Storage.Idempotency;
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
    IdempotencyLedger ledger,
    SubjectHasher hasher,
    TimeProvider clock,
    ILogger<BlacklistEndpoints> logger)
{
    public async Task<IResult> Add(HttpRequest request)
    {
        if (!TenantResolver.TryResolve(request, out var platform, out var problem) ||
            !IdempotencyKey.TryRead(request, out var key, out problem))
        {
            return problem;
        }

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<BlacklistRequest>(request, cancellationToken: cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (key is not null && await ledger.FindAsync(platform, key.Scope, key.Value, body.Fingerprint, cancellation) is { } earlier)
        {
            return IdempotencyKey.Answer(earlier);
        }

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var v = new RequestValidator();
        var b = body.Value!;
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
        await store.BlacklistAsync(platform, subjectHash!, b.SubjectType!, masked!, entry, cancellation);
        logger.LogInformation("Blacklisted {SubjectType} {Masked} on {Platform} as {BlacklistId}", b.SubjectType, masked, platform.Value, entry.BlacklistId);

        var response = JsonText.Of(201, new
        {
            blacklistId = entry.BlacklistId,
            subjectType = b.SubjectType,
            subject = masked,
            reason,
            blacklistedAt = ApiTime.Format(entry.BlacklistedAt),
            expiresAt = ApiTime.Format(entry.ExpiresAt),
        });
        if (key is not null && await ledger.RecordAsync(platform, key.Scope, key.Value, body.Fingerprint, response.Response, cancellation) is { } winner)
        {
            return IdempotencyKey.Answer(winner);
        }

        return response;
    }
}
