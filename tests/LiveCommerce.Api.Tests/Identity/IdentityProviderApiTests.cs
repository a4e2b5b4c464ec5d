using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.Identity;

/// <summary>The contract's "Identity-provider results": signed, bound to one challenge, answered once.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class IdentityProviderApiTests(LocalHostFixture fixture)
{
    private async Task<(HttpClient Client, string ChallengeId)> StartAsync(string session, string host = "h1", TimeSpan? startsIn = null)
    {
        var client = fixture.ClientFor();
        await PreLiveApiTests.QualifyAsync(client, "m1", host);
        (await client.PostAsJsonAsync($"api/live-sessions/{session}/pre-live-checks", PreLiveApiTests.Session("m1", [host], DateTimeOffset.UtcNow + (startsIn ?? TimeSpan.FromMinutes(30))))).EnsureSuccessStatusCode();
        return (client, await SimulatedProvider.ChallengeIdAsync(client, session, host));
    }

    [Fact]
    public async Task The_status_shows_each_hosts_challenge_and_provider_and_a_signed_result_clears_the_session()
    {
        var (client, challengeId) = await StartAsync("ip-1");
        using (client)
        {
            var status = await client.GetFromJsonAsync<JsonElement>("api/live-sessions/ip-1/pre-live-checks");
            var host = Assert.Single(status.GetProperty("hosts").EnumerateArray());
            Assert.Equal(challengeId, host.GetProperty("challengeId").GetString());
            Assert.Equal("simulated", host.GetProperty("provider").GetString());

            using var anonymous = fixture.Host.CreateClient();
            using var answered = await SimulatedProvider.PostAsync(anonymous, SimulatedProvider.Body(challengeId));
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            var body = await answered.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("match", body.GetProperty("outcome").GetString());
            Assert.Equal("cleared", (await PreLiveApiTests.FinalAsync(client, "ip-1")).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Every_signature_failure_is_401_and_changes_nothing()
    {
        var (client, challengeId) = await StartAsync("ip-2");
        using (client)
        {
            using var anonymous = fixture.Host.CreateClient();
            var body = SimulatedProvider.Body(challengeId);

            using var unsigned = await anonymous.PostAsync(SimulatedProvider.Route, new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
            await unsigned.AssertProblemAsync(HttpStatusCode.Unauthorized, "SIGNATURE_INVALID");
            Assert.Equal("Signature", Assert.Single(unsigned.Headers.WwwAuthenticate).Scheme);

            using var wrongSecret = await SimulatedProvider.PostAsync(anonymous, body, secret: "another-secret-of-sufficient-length");
            await wrongSecret.AssertProblemAsync(HttpStatusCode.Unauthorized, "SIGNATURE_INVALID");

            // Signed over one body, sent with another (the outcome flipped).
            var request = new HttpRequestMessage(HttpMethod.Post, SimulatedProvider.Route) { Content = new ByteArrayContent(SimulatedProvider.Body(challengeId, "no_match")) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Signature", Http.Identity.Providers.ProviderSignature.Sign(SimulatedProvider.TestSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
            using var tampered = await anonymous.SendAsync(request);
            await tampered.AssertProblemAsync(HttpStatusCode.Unauthorized, "SIGNATURE_INVALID");

            using var stale = await SimulatedProvider.PostAsync(anonymous, body, signedAt: DateTimeOffset.UtcNow.AddSeconds(-301));
            await stale.AssertProblemAsync(HttpStatusCode.Unauthorized, "SIGNATURE_STALE");
            using var early = await SimulatedProvider.PostAsync(anonymous, body, signedAt: DateTimeOffset.UtcNow.AddSeconds(301));
            await early.AssertProblemAsync(HttpStatusCode.Unauthorized, "SIGNATURE_STALE");

            // A platform's bearer token is not a provider's credential.
            using var platformOnly = await client.PostAsync(SimulatedProvider.Route, new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
            await platformOnly.AssertProblemAsync(HttpStatusCode.Unauthorized, "SIGNATURE_INVALID");

            var status = await client.GetFromJsonAsync<JsonElement>("api/live-sessions/ip-2/pre-live-checks");
            Assert.Equal("pending", status.GetProperty("status").GetString());
            Assert.Equal("pending", status.GetProperty("hosts")[0].GetProperty("identity").GetString());
        }
    }

    [Fact]
    public async Task A_replay_answers_the_first_result_another_answer_is_409_and_unknown_challenges_or_providers_are_404()
    {
        var (client, challengeId) = await StartAsync("ip-3");
        using (client)
        {
            using var anonymous = fixture.Host.CreateClient();
            var body = SimulatedProvider.Body(challengeId, "no_match", 0.99);
            using var first = await SimulatedProvider.PostAsync(anonymous, body);
            var firstBody = await first.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

            using var replay = await SimulatedProvider.PostAsync(anonymous, body);
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());

            using var other = await SimulatedProvider.PostAsync(anonymous, SimulatedProvider.Body(challengeId, "match"));
            await other.AssertProblemAsync(HttpStatusCode.Conflict, "CHALLENGE_ALREADY_ANSWERED");

            using var unknown = await SimulatedProvider.PostAsync(anonymous, SimulatedProvider.Body("ch_0000000000000000000000000000dead"));
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "CHALLENGE_NOT_FOUND");
            using var noProvider = await SimulatedProvider.PostAsync(anonymous, body, route: "api/identity-providers/acme/results");
            await noProvider.AssertProblemAsync(HttpStatusCode.NotFound, "PROVIDER_NOT_FOUND");

            var status = await PreLiveApiTests.FinalAsync(client, "ip-3");
            Assert.Equal("failed", status.GetProperty("hosts")[0].GetProperty("identity").GetString());
        }
    }

    [Fact]
    public async Task A_result_counts_only_for_the_host_and_session_its_challenge_binds()
    {
        var (mine, myChallenge) = await StartAsync("ip-4", "h1");
        var (theirs, theirChallenge) = await StartAsync("ip-4", "h1");
        using (mine)
        using (theirs)
        {
            Assert.NotEqual(myChallenge, theirChallenge);
            using var anonymous = fixture.Host.CreateClient();
            (await SimulatedProvider.PostAsync(anonymous, SimulatedProvider.Body(theirChallenge))).EnsureSuccessStatusCode();

            Assert.Equal("cleared", (await PreLiveApiTests.FinalAsync(theirs, "ip-4")).GetProperty("status").GetString());
            var status = await mine.GetFromJsonAsync<JsonElement>("api/live-sessions/ip-4/pre-live-checks");
            Assert.Equal("pending", status.GetProperty("hosts")[0].GetProperty("identity").GetString());
        }
    }

    [Fact]
    public async Task A_challenge_past_its_sessions_start_is_410()
    {
        var (client, challengeId) = await StartAsync("ip-5", startsIn: TimeSpan.FromSeconds(8));
        var latestStart = DateTimeOffset.UtcNow.AddSeconds(8); // the start was set 8 s after a moment before this one
        using (client)
        {
            var status = await PreLiveApiTests.FinalAsync(client, "ip-5"); // timed out at the start
            Assert.Equal("timed_out", status.GetProperty("hosts")[0].GetProperty("identity").GetString());

            // The check may settle a moment before the start; the challenge expires at the start itself.
            var wait = latestStart.AddSeconds(1) - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            using var anonymous = fixture.Host.CreateClient();
            using var late = await SimulatedProvider.PostAsync(anonymous, SimulatedProvider.Body(challengeId));
            await late.AssertProblemAsync(HttpStatusCode.Gone, "CHALLENGE_EXPIRED");
        }
    }

    [Fact]
    public async Task A_result_stored_before_a_crash_is_raised_again_by_the_providers_retry()
    {
        var (client, challengeId) = await StartAsync("ip-6");
        using (client)
        {
            // What a crash between storing the answer and raising the workflow's event leaves behind.
            var body = SimulatedProvider.Body(challengeId);
            var table = new TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient("identitychallenges");
            await table.AddEntityAsync(new TableEntity(challengeId, "answer|" + challengeId)
            {
                ["BodyHash"] = Convert.ToHexStringLower(SHA256.HashData(body)),
                ["Matched"] = true,
                ["LivenessScore"] = 0.97,
                ["ProviderReference"] = "sim-" + challengeId,
                ["VerifiedAt"] = DateTimeOffset.UtcNow,
                ["ReceivedAt"] = DateTimeOffset.UtcNow,
                ["Delivered"] = false,
            });

            using var anonymous = fixture.Host.CreateClient();
            using var retry = await SimulatedProvider.PostAsync(anonymous, body);
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal("cleared", (await PreLiveApiTests.FinalAsync(client, "ip-6")).GetProperty("status").GetString());
            Assert.True((await table.GetEntityAsync<TableEntity>(challengeId, "answer|" + challengeId)).Value.GetBoolean("Delivered"));
        }
    }

    [Fact]
    public async Task The_platforms_v1_result_route_is_withdrawn()
    {
        using var client = fixture.ClientFor();
        using var response = await client.PostAsJsonAsync("api/live-sessions/s1/identity-results", new { hostId = "h1", outcome = "match", livenessScore = 0.99, providerReference = "x" });
        var problem = await response.AssertProblemAsync(HttpStatusCode.Gone, "ROUTE_WITHDRAWN");
        Assert.Contains("identity-providers", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
