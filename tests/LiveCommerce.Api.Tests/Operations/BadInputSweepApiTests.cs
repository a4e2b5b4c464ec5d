using System.Net.Http.Headers;
using System.Text;
using LiveCommerce.Api.Tests.Authentication;
using LiveCommerce.Http.Authentication;
using LiveCommerce.Http.Tenancy;

namespace LiveCommerce.Api.Tests.Operations;

/// <summary>
/// Every documented write route, fed malformed, missing, wrongly typed and oversize bodies and bad tokens: never a
/// 5xx (a problem is always the answer).
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class BadInputSweepApiTests(LocalHostFixture fixture)
{
    private static readonly string[] Bodies =
    [
        "", "{", "[]", "\"text\"", "42", "null", "{}", "{\"a\":", "{\"rooms\":\"x\",\"items\":{},\"hostIds\":7,\"name\":[]}",
        "{\"idNumber\":null,\"subjectType\":1,\"scheduledStart\":\"yesterday\",\"challengeId\":{}}", "\u0000\u0001",
    ];

    [Fact]
    public async Task No_write_route_answers_5xx_to_bad_bodies_or_bad_tokens()
    {
        var platform = LocalHostFixture.NewPlatform();
        using var client = fixture.ClientFor(platform, PlatformRoles.PlatformApi, PlatformRoles.ComplianceAdmin);
        var writes = (await AuthenticationApiTests.OperationsAsync(client)).Where(o => o.Method is "POST" or "PUT").ToList();
        Assert.True(writes.Count >= 20, $"only {writes.Count} write operations documented");

        var oversize = "{\"name\":\"" + new string('x', 3 * 1024 * 1024) + "\"}";
        var expired = DevelopmentTokens.Mint(fixture.Host.SigningKey, platform, [PlatformRoles.PlatformApi], "s", lifetime: TimeSpan.FromMinutes(1), now: DateTimeOffset.UtcNow.AddDays(-1));
        var unsigned = string.Join('.', expired.Split('.')[..2]) + ".";
        var tokens = new[] { "garbage", "a.b.c", expired, unsigned, new string('e', 10_000) };

        var fiveHundreds = new List<string>();
        foreach (var (method, path) in writes)
        {
            foreach (var (body, contentType) in Bodies.Select(b => (b, "application/json")).Append((oversize, "application/json")).Append(("<x/>", "text/xml")))
            {
                using var request = AuthenticationApiTests.Request(method, path);
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode >= 500)
                {
                    fiveHundreds.Add($"{method} {path} body[{body.Length}] {contentType}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }

            foreach (var token in tokens)
            {
                using var anonymous = fixture.Host.CreateClient();
                using var request = AuthenticationApiTests.Request(method, path);
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
                using var response = await anonymous.SendAsync(request);
                if ((int)response.StatusCode >= 500)
                {
                    fiveHundreds.Add($"{method} {path} token[{token.Length}]: {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(fiveHundreds);
    }
}
