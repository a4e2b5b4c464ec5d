using LiveCommerce.Domain;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Idempotency;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Idempotency;

/// <summary>
/// A POST as its handler sees it: the caller (and so the tenant), the bound body, the body's SHA-256 (what tells a repeated request from
/// a different one), its Idempotency-Key if any (to derive ids that make a side effect happen once), and the request
/// itself for query values and the path.
/// </summary>
public sealed record PostRequest<T>(Caller Caller, T Body, string Fingerprint, IdempotencyKey? Key, HttpRequest Http)
{
    public PlatformId Platform => Caller.Platform;

    public CancellationToken Cancellation => Http.HttpContext.RequestAborted;
}

/// <summary>
/// The one road of a POST: admit the caller the pipeline resolved if it holds one of the route's roles, read the Idempotency-Key and the body, answer a known key with its
/// first response (or 422 for another body), run the handler, and keep a successful first response for replay.
/// The exceptions keep their idempotency record inside their resource's own transaction: the qualification check
/// (<see cref="Storage.Identity.QualificationStore"/>), to keep its hot path at two round trips, and the filing and its
/// receipt (<see cref="Storage.Filings.FilingStore"/>), one per event, so a retry after a crash replays rather than
/// meeting its own filing as FILING_EXISTS.
/// </summary>
public sealed class IdempotentPosts(IdempotencyLedger ledger)
{
    /// <summary>How long a second attempt waits for the first attempt's response before it is told to retry.</summary>
    private static readonly TimeSpan InProgressWait = TimeSpan.FromSeconds(5);

    public async Task<IResult> HandleAsync<T>(
        HttpRequest request,
        string[] roles,
        Func<PostRequest<T>, Task<IResult>> handle,
        int maxBodyBytes = JsonBody.DefaultMaxBytes)
        where T : class
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, roles) ||
            !IdempotencyKey.TryRead(request, out var key, out problem))
        {
            return problem;
        }

        var platform = caller.Platform;
        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<T>(request, maxBodyBytes, cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (key is null)
        {
            return await handle(new PostRequest<T>(caller, body.Value!, body.Fingerprint, key, request));
        }

        // Claim the key first: of two concurrent first attempts only one runs the work; the other waits for its
        // response a little, then is told to retry (409 IDEMPOTENCY_REQUEST_IN_PROGRESS with Retry-After).
        IdempotencyClaim claim;
        var waitUntil = DateTime.UtcNow + InProgressWait;
        while ((claim = await ledger.ClaimAsync(platform, key.Scope, key.Value, body.Fingerprint, cancellation)) is IdempotencyClaim.InProgress)
        {
            if (DateTime.UtcNow >= waitUntil)
            {
                request.HttpContext.Response.Headers.RetryAfter = "1";
                return Problem.Conflict("IDEMPOTENCY_REQUEST_IN_PROGRESS", $"A request with this {IdempotencyKey.Header} is still being handled; retry after 1 s to get its response.");
            }

            await Task.Delay(100, cancellation);
        }

        if (claim is IdempotencyClaim.Earlier earlier)
        {
            return IdempotencyKey.Answer(earlier.Outcome);
        }

        var tag = ((IdempotencyClaim.Claimed)claim).Tag;
        IResult result;
        try
        {
            result = await handle(new PostRequest<T>(caller, body.Value!, body.Fingerprint, key, request));
        }
        catch
        {
            await ledger.ReleaseAsync(platform, key.Scope, key.Value, tag, cancellation);
            throw;
        }

        if (result is JsonText { Response.Status: >= 200 and < 300 } first)
        {
            await ledger.CompleteAsync(platform, key.Scope, key.Value, body.Fingerprint, first.Response, tag, cancellation);
        }
        else
        {
            await ledger.ReleaseAsync(platform, key.Scope, key.Value, tag, cancellation);
        }

        return result;
    }
}
