using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveCommerce.Http.Identity.Providers;

namespace LiveCommerce.Testing;

/// <summary>
/// Plays the identity provider `simulated` against a local host: reads a host's challenge from the pre-live status
/// and posts a result signed as the contract says (the same signing code as tools/sign-identity-result).
/// </summary>
public static class SimulatedProvider
{
    /// <summary>The simulated provider's secret of the test hosts (IdentityProviders:simulated:SigningSecret).</summary>
    public const string TestSecret = "test-only-simulated-provider-secret-0123456789";

    public const string Route = "api/identity-providers/simulated/results";

    /// <summary>Polls the session's pre-live status until the host's challenge is issued, and returns its id.</summary>
    public static async Task<string> ChallengeIdAsync(HttpClient platformClient, string sessionId, string hostId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var status = await platformClient.GetFromJsonAsync<JsonElement>($"api/live-sessions/{sessionId}/pre-live-checks");
            foreach (var host in status.GetProperty("hosts").EnumerateArray())
            {
                if (host.GetProperty("hostId").GetString() == hostId && host.TryGetProperty("challengeId", out var id))
                {
                    return id.GetString()!;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No challenge for host {hostId} of session {sessionId}: {status}");
            }

            await Task.Delay(50);
        }
    }

    public static byte[] Body(string challengeId, string outcome = "match", double livenessScore = 0.97, string? providerReference = null, DateTimeOffset? verifiedAt = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            challengeId,
            outcome,
            livenessScore,
            providerReference = providerReference ?? "sim-" + challengeId,
            verifiedAt = (verifiedAt ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"),
        });

    /// <summary>Posts <paramref name="body"/> signed at <paramref name="signedAt"/> (now by default) with <paramref name="secret"/>.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string secret = TestSecret, DateTimeOffset? signedAt = null, string route = Route)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(ProviderSignature.Header, ProviderSignature.Sign(secret, (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(), body));
        return client.SendAsync(request);
    }

    /// <summary>The host's challenge answered: waits for it to be issued, then posts a signed result.</summary>
    public static async Task<HttpResponseMessage> AnswerAsync(HttpClient platformClient, string sessionId, string hostId, string outcome = "match", double livenessScore = 0.97)
    {
        var challengeId = await ChallengeIdAsync(platformClient, sessionId, hostId);
        return await PostAsync(platformClient, Body(challengeId, outcome, livenessScore, "sim-" + hostId));
    }
}
