using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using NodaTime;

namespace LiveCommerce.Http.Identity.Providers;

/// <summary>The body a provider posts (contract "Identity-provider results").</summary>
public sealed record ProviderResultRequest(string? ChallengeId, string? Outcome, double? LivenessScore, string? ProviderReference, string? VerifiedAt);

/// <summary>
/// <c>POST /api/identity-providers/{provider}/results</c>: a provider's signed answer to one challenge. No bearer
/// token: the signature is the credential. The answer is bound to the challenge's provider, platform, session and
/// host, kept once (create-only), and then raised to the session's workflow; a replay of the same body answers the
/// first result again and re-raises the event if the first delivery did not finish (the workflow ignores a second).
/// </summary>
public sealed class IdentityProviderEndpoints(IdentityProviders providers, IdentityChallengeStore challenges, LiveSessionStore sessions, TimeProvider clock)
{
    public const int MaxBodyBytes = 16 * 1024;

    public async Task<IResult> PostResult(HttpRequest request, string provider, IWorkflowClient workflows)
    {
        if (!providers.TryGet(provider, out var adapter, out var secret))
        {
            return Problem.NotFound("PROVIDER_NOT_FOUND", $"No identity provider '{provider}' is trusted here.");
        }

        var cancellation = request.HttpContext.RequestAborted;
        var (bytes, problem) = await JsonBody.ReadBytesAsync(request, MaxBodyBytes, cancellation);
        if (problem is not null)
        {
            return problem;
        }

        var now = clock.GetUtcNow();
        var verdict = ProviderSignature.Verify(request.Headers[ProviderSignature.Header].ToString(), secret, bytes, now);
        if (verdict != SignatureVerdict.Valid)
        {
            request.HttpContext.Response.Headers[HeaderNames.WWWAuthenticate] = $"Signature header=\"{ProviderSignature.Header}\"";
            return verdict == SignatureVerdict.Stale
                ? Problem.Unauthorized($"{ProviderSignature.Header}'s t is more than {ProviderSignature.MaxSkew.TotalSeconds:0} s from now; sign the request again.", "SIGNATURE_STALE")
                : Problem.Unauthorized($"{ProviderSignature.Header} must be t=<unix seconds>,v1=<hex HMAC-SHA256 over \"{{t}}.{{body}}\"> with the provider's secret.", "SIGNATURE_INVALID");
        }

        var body = JsonBody.Parse<ProviderResultRequest>(bytes!);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        var v = new RequestValidator();
        var challengeId = v.Key(b.ChallengeId, "challengeId");
        bool? matched = b.Outcome switch { "match" => true, "no_match" => false, _ => null };
        if (b.Outcome is null)
        {
            v.Add("outcome", "REQUIRED", "'outcome' is required.");
        }
        else if (matched is null)
        {
            v.Add("outcome", "INVALID_VALUE", $"'{b.Outcome}' is not one of: match, no_match.");
        }

        if (b.LivenessScore is null)
        {
            v.Add("livenessScore", "REQUIRED", "'livenessScore' is required.");
        }
        else if (b.LivenessScore is < 0 or > 1 || double.IsNaN(b.LivenessScore.Value))
        {
            v.Add("livenessScore", "OUT_OF_RANGE", "'livenessScore' must be between 0 and 1.");
        }

        var reference = v.RequiredString(b.ProviderReference, "providerReference", 200);
        var verifiedAt = v.Time(b.VerifiedAt, "verifiedAt", required: true);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var (challenge, answer) = await challenges.FindAsync(challengeId, cancellation);
        if (challenge is null || !string.Equals(challenge.Provider, adapter.Name, StringComparison.OrdinalIgnoreCase))
        {
            return Problem.NotFound("CHALLENGE_NOT_FOUND", $"Provider '{adapter.Name}' has no challenge '{challengeId}'.");
        }

        if (answer is null)
        {
            if (now > challenge.ExpiresAt)
            {
                return Problem.Of(410, "CHALLENGE_EXPIRED", "Gone.", $"Challenge '{challengeId}' expired when its session was due to start; the result was not used.");
            }

            var first = new ChallengeAnswer(body.Fingerprint, matched!.Value, b.LivenessScore!.Value, reference, verifiedAt!.Value.ToDateTimeOffset(), now, Delivered: false);
            (_, answer) = await challenges.RecordAnswerAsync(challengeId, first, cancellation);
        }

        if (answer.BodyHash != body.Fingerprint)
        {
            return Problem.Conflict("CHALLENGE_ALREADY_ANSWERED", $"Challenge '{challengeId}' was already answered; the first answer stands.");
        }

        if (!answer.Delivered)
        {
            // Stored first, then copied into the session's verification record (create-only), raised, and marked: a
            // crash anywhere here is repaired by the provider's retry, and the workflow ignores a second event.
            var result = new IdentityResult(challenge.HostId, answer.Matched, answer.LivenessScore, answer.ProviderReference, answer.ReceivedAt);
            if (Domain.PlatformId.TryParse(challenge.Platform, out var platform))
            {
                await sessions.RecordResultAsync(platform, challenge.SessionId, result, cancellation);
            }

            await workflows.RaiseEventAsync(
                PreLiveCheckWorkflow.InstanceIdFor(challenge.Platform, challenge.SessionId),
                PreLiveCheckWorkflow.ResultEvent(challenge.HostId),
                result,
                cancellation);
            await challenges.MarkDeliveredAsync(challengeId, cancellation);
        }

        return JsonText.Of(200, new
        {
            challengeId,
            outcome = answer.Matched ? "match" : "no_match",
            livenessScore = answer.LivenessScore,
            providerReference = answer.ProviderReference,
            verifiedAt = ApiTime.Format(Instant.FromDateTimeOffset(answer.VerifiedAt)),
            receivedAt = ApiTime.Format(Instant.FromDateTimeOffset(answer.ReceivedAt)),
        });
    }
}
