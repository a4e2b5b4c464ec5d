using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveCommerce.Http.Authentication;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.Authentication;

/// <summary>The contract's "Authentication" through HTTP: tokens, the platform claim, X-Platform-Id and roles.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class AuthenticationApiTests(LocalHostFixture fixture)
{
    /// <summary>Routes whose credential is not a bearer token.</summary>
    private static readonly string[] Anonymous = ["/api/health", "/api/openapi.json", "/api/identity-providers/{provider}/results"];

    [Fact]
    public async Task Every_documented_operation_but_the_anonymous_ones_answers_401_without_a_token()
    {
        using var anonymous = fixture.Host.CreateClient();
        var operations = await OperationsAsync(anonymous);
        Assert.True(operations.Count >= 30, $"only {operations.Count} operations documented");

        var wrong = new List<string>();
        foreach (var (method, path) in operations.Where(o => !Anonymous.Contains(o.Path)))
        {
            using var response = await anonymous.SendAsync(Request(method, path));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Unauthorized ||
                response.Headers.WwwAuthenticate.All(h => h.Scheme != "Bearer") ||
                !body.Contains("\"UNAUTHENTICATED\"", StringComparison.Ordinal))
            {
                wrong.Add($"{method} {path}: {(int)response.StatusCode} {body}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Expired_badly_signed_wrong_audience_and_malformed_tokens_are_401_with_the_reason_in_WWW_Authenticate()
    {
        var platform = LocalHostFixture.NewPlatform();
        var otherKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray());
        var expired = DevelopmentTokens.Mint(fixture.Host.SigningKey, platform, [PlatformRoles.PlatformApi], "s", lifetime: TimeSpan.FromMinutes(5), now: DateTimeOffset.UtcNow.AddHours(-1));
        var badlySigned = DevelopmentTokens.Mint(otherKey, platform, [PlatformRoles.PlatformApi], "s");
        var valid = fixture.Host.MintToken(platform);
        var tampered = valid[..valid.LastIndexOf('.')] + "." + new string('A', 43);
        var wrongAudience = WithPayload(valid, "\"aud\":\"livecommerce\"", "\"aud\":\"someone-else\"");

        foreach (var (token, description) in new[]
        {
            (expired, "expired"), (badlySigned, "signature"), (tampered, "signature"), (wrongAudience, "signature"), ("not-a-jwt", "invalid"),
        })
        {
            using var client = fixture.Host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.GetAsync("api/key-room-thresholds");
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
            var challenge = Assert.Single(response.Headers.WwwAuthenticate);
            Assert.Equal("Bearer", challenge.Scheme);
            Assert.Contains("invalid_token", challenge.Parameter, StringComparison.Ordinal);
            Assert.Contains(description, challenge.Parameter, StringComparison.OrdinalIgnoreCase);
        }

        // The audience check on its own: a token signed with the right key for another audience.
        using var audienceClient = fixture.Host.CreateClient();
        audienceClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MintForAudience(fixture.Host.SigningKey, platform, "someone-else"));
        using var audience = await audienceClient.GetAsync("api/key-room-thresholds");
        await audience.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Contains("audience", Assert.Single(audience.Headers.WwwAuthenticate).Parameter, StringComparison.OrdinalIgnoreCase);

        using var ok = fixture.Host.CreateClient(platform);
        (await ok.GetAsync("api/key-room-thresholds")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task X_Platform_Id_must_equal_the_tokens_platform()
    {
        var platform = LocalHostFixture.NewPlatform();
        using var client = fixture.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Host.MintToken(platform));

        using var without = await client.GetAsync("api/key-room-thresholds");
        without.EnsureSuccessStatusCode();

        client.DefaultRequestHeaders.Add(CallerPipeline.PlatformHeader, "another-platform");
        using var mismatch = await client.PostAsJsonAsync("api/blacklist", new { subjectType = "person", idNumber = TestIdentities.AdultPerson(), reason = "x" });
        await mismatch.AssertProblemAsync(HttpStatusCode.Forbidden, "PLATFORM_MISMATCH");
        using var read = await client.GetAsync("api/key-room-thresholds");
        await read.AssertProblemAsync(HttpStatusCode.Forbidden, "PLATFORM_MISMATCH");
    }

    [Fact]
    public async Task A_route_answers_FORBIDDEN_ROLE_to_a_role_it_does_not_admit()
    {
        var platform = LocalHostFixture.NewPlatform();
        using var reviewer = fixture.ClientFor(platform, PlatformRoles.ComplianceReviewer);
        using var check = await reviewer.PostAsJsonAsync("api/hosts/h1/qualification-checks", new { name = "张三", idNumber = TestIdentities.AdultPerson() });
        var problem = await check.AssertProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN_ROLE");
        Assert.Contains(PlatformRoles.PlatformApi, problem.GetProperty("requiredRoles").EnumerateArray().Select(r => r.GetString()));

        using var thresholds = await reviewer.PutAsJsonAsync("api/key-room-thresholds", new { followers = 100 });
        await thresholds.AssertProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN_ROLE");

        using var noRoles = fixture.ClientFor(platform, "something.else");
        using var read = await noRoles.GetAsync("api/key-room-thresholds");
        await read.AssertProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN_ROLE");

        // Reads admit every role; settings admit an admin (roles as an array: two of them).
        (await reviewer.GetAsync("api/key-room-thresholds")).EnsureSuccessStatusCode();
        using var admin = fixture.ClientFor(platform, PlatformRoles.ComplianceAdmin, PlatformRoles.ComplianceReviewer);
        (await admin.PutAsJsonAsync("api/key-room-thresholds", new { followers = 100 })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_valid_token_of_another_platform_sees_404_for_this_platforms_resources()
    {
        using var mine = fixture.ClientFor();
        using var theirs = fixture.ClientFor();
        using var check = await mine.PostAsJsonAsync("api/hosts/h1/qualification-checks", new { name = "张三", idNumber = TestIdentities.AdultPerson() });
        var checkId = (await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checkId").GetString();
        (await mine.GetAsync($"api/hosts/h1/qualification-checks/{checkId}")).EnsureSuccessStatusCode();

        using var foreign = await theirs.GetAsync($"api/hosts/h1/qualification-checks/{checkId}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("never_checked", (await theirs.GetFromJsonAsync<JsonElement>("api/hosts/h1/qualification")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_burst_over_the_platforms_limit_gets_429_with_Retry_After_and_other_platforms_go_on()
    {
        await using var limited = await LocalHostProcess.StartAsync(
            fixture.Azurite.ConnectionString,
            new Dictionary<string, string> { ["RateLimits:PermitsPerSecond"] = "1", ["RateLimits:Burst"] = "5" });
        using var client = limited.CreateClient(LocalHostFixture.NewPlatform());
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("api/key-room-thresholds")));
        try
        {
            Assert.InRange(responses.Count(r => r.IsSuccessStatusCode), 5, 8);
            var throttled = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
            Assert.True(throttled.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));

            using var other = limited.CreateClient(LocalHostFixture.NewPlatform());
            (await other.GetAsync("api/key-room-thresholds")).EnsureSuccessStatusCode();
            using var health = limited.CreateClient();
            (await health.GetAsync("api/health")).EnsureSuccessStatusCode();
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task The_production_app_refuses_to_start_with_a_development_key()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalHostProcess.StartAsync(
            fixture.Azurite.ConnectionString,
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }));
        Assert.Contains("Auth:DevelopmentSigningKey", failure.Message, StringComparison.Ordinal);
    }

    internal static async Task<List<(string Method, string Path)>> OperationsAsync(HttpClient client)
    {
        var document = await client.GetFromJsonAsync<JsonElement>("api/openapi.json");
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name is "get" or "put" or "post" or "delete" or "patch").Select(o => (o.Name.ToUpperInvariant(), p.Name)))
            .ToList();
    }

    internal static HttpRequestMessage Request(string method, string path)
    {
        var concrete = string.Concat(path.Split('{', '}').Select((part, i) => i % 2 == 1 ? "x1" : part)).TrimStart('/');
        var request = new HttpRequestMessage(new HttpMethod(method), concrete);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static string WithPayload(string token, string from, string to)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url(parts[1])).Replace(from, to, StringComparison.Ordinal);
        parts[1] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Join('.', parts);
    }

    private static byte[] Base64Url(string s)
    {
        var padded = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    private static string MintForAudience(string key, string platform, string audience)
    {
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        return handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = DevelopmentTokens.Issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["platform"] = platform, ["sub"] = "s", ["roles"] = PlatformRoles.PlatformApi },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(DevelopmentTokens.SecurityKey(key), "HS256"),
        });
    }
}
