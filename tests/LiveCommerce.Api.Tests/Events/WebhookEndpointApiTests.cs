using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Api.Tests.Audit;

namespace LiveCommerce.Api.Tests.Events;

[Collection(LocalHostCollection.Name)]
public sealed class WebhookEndpointApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task The_secret_is_shown_once_and_a_rotation_keeps_the_old_one_signing_for_the_overlap()
    {
        using var client = fixture.ClientFor(LocalHostFixture.NewPlatform(), "compliance.admin");
        var created = await client.PutAsJsonAsync("api/webhook-endpoints/ops", new { url = "http://127.0.0.1:9/hook", events = new[] { "pre_live.blocked", "pre_live.cleared" } });
        var body = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("ops", body.GetProperty("endpointId").GetString());
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(["pre_live.blocked", "pre_live.cleared"], body.GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        var updated = await (await client.PutAsJsonAsync("api/webhook-endpoints/ops", new { url = "http://127.0.0.1:9/other", events = new[] { "filing.late" } })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.False(updated.TryGetProperty("secret", out _));
        Assert.Equal("http://127.0.0.1:9/other", updated.GetProperty("url").GetString());

        var read = await client.GetJsonAsync("api/webhook-endpoints/ops");
        Assert.False(read.TryGetProperty("secret", out _));
        Assert.Single((await client.GetJsonAsync("api/webhook-endpoints")).GetProperty("endpoints").EnumerateArray());

        var rotation = await client.PostAsJsonAsync("api/webhook-endpoints/ops/secret-rotations", new { overlapHours = 2 });
        var rotated = await rotation.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        Assert.NotEqual(secret, rotated.GetProperty("secret").GetString());
        var until = rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset();
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(110), TimeSpan.FromMinutes(121));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("api/webhook-endpoints/ops")).StatusCode);
        await (await client.GetAsync("api/webhook-endpoints/ops")).AssertProblemAsync(HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");

        var actions = (await client.EntriesAsync()).Select(e => e.GetProperty("action").GetString());
        Assert.Equal(["webhook_endpoint.created", "webhook_endpoint.updated", "webhook_endpoint.secret_rotated", "webhook_endpoint.deleted"], actions);
    }

    [Theory]
    [InlineData("https://10.1.2.3/hook", "WEBHOOK_URL_FORBIDDEN_ADDRESS")]
    [InlineData("https://192.168.0.10/hook", "WEBHOOK_URL_FORBIDDEN_ADDRESS")]
    [InlineData("https://172.20.0.1/hook", "WEBHOOK_URL_FORBIDDEN_ADDRESS")]
    [InlineData("https://169.254.169.254/latest/meta-data", "WEBHOOK_URL_FORBIDDEN_ADDRESS")]
    [InlineData("https://[fd00:ec2::254]/", "WEBHOOK_URL_FORBIDDEN_ADDRESS")]
    [InlineData("https://[::ffff:10.0.0.1]/", "WEBHOOK_URL_FORBIDDEN_ADDRESS")]
    [InlineData("https://100.64.1.1/", "WEBHOOK_URL_FORBIDDEN_ADDRESS")]
    [InlineData("https://0.0.0.0/", "WEBHOOK_URL_FORBIDDEN_ADDRESS")]
    [InlineData("http://192.0.2.10/hook", "WEBHOOK_URL_NOT_HTTPS")]
    [InlineData("ftp://127.0.0.1/hook", "WEBHOOK_URL_NOT_HTTPS")]
    [InlineData("not a url", "INVALID_FORMAT")]
    [InlineData("https://user:pw@127.0.0.1/", "INVALID_FORMAT")]
    [InlineData("https://no-such-host.invalid/", "WEBHOOK_URL_UNRESOLVABLE")]
    public async Task Private_link_local_and_metadata_addresses_are_refused_at_registration(string url, string code)
    {
        using var client = fixture.ClientFor(LocalHostFixture.NewPlatform(), "compliance.admin");
        var problem = await (await client.PutAsJsonAsync("api/webhook-endpoints/ops", new { url, events = new[] { "filing.late" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("url", code);
        Assert.Empty(await client.EntriesAsync());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_never_a_5xx()
    {
        using var client = fixture.ClientFor(LocalHostFixture.NewPlatform(), "compliance.admin");
        (string Method, string Path, string? Json)[] cases =
        [
            ("PUT", "api/webhook-endpoints/ops", "{"),
            ("PUT", "api/webhook-endpoints/ops", "[]"),
            ("PUT", "api/webhook-endpoints/ops", "{}"),
            ("PUT", "api/webhook-endpoints/ops", "{\"url\":5,\"events\":\"x\"}"),
            ("PUT", "api/webhook-endpoints/ops", "{\"url\":\"http://127.0.0.1:9/\",\"events\":[]}"),
            ("PUT", "api/webhook-endpoints/ops", "{\"url\":\"http://127.0.0.1:9/\",\"events\":[\"nope\",null]}"),
            ("PUT", "api/webhook-endpoints/ops", "{\"url\":\"http://127.0.0.1:9/" + new string('a', 3000) + "\",\"events\":[\"filing.late\"]}"),
            ("PUT", "api/webhook-endpoints/bad%7Cid", "{\"url\":\"http://127.0.0.1:9/\",\"events\":[\"filing.late\"]}"),
            ("PUT", "api/webhook-endpoints/" + new string('x', 65), "{\"url\":\"http://127.0.0.1:9/\",\"events\":[\"filing.late\"]}"),
            ("POST", "api/webhook-endpoints/nope/secret-rotations", "{}"),
            ("POST", "api/webhook-endpoints/ops/secret-rotations", "{\"overlapHours\":-1}"),
            ("POST", "api/webhook-endpoints/ops/secret-rotations", "{\"overlapHours\":\"x\"}"),
            ("DELETE", "api/webhook-endpoints/nope", null),
            ("GET", "api/webhook-endpoints/nope/deliveries", null),
            ("GET", "api/webhook-endpoints/ops/deliveries?limit=0", null),
            ("GET", "api/webhook-endpoints/ops/deliveries?eventId=a%7Cb", null),
            ("GET", "api/event-feed?after=evt_unknown", null),
            ("GET", "api/event-feed?after=a%7Cb", null),
            ("GET", "api/event-feed?limit=x", null),
            ("GET", "api/audit-log?after=99999999999999999999999", null),
        ];
        foreach (var (method, path, json) in cases)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (json is not null)
            {
                request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{method} {path} {json}: {status} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(await client.EntriesAsync());
    }

    [Fact]
    public async Task Reviewers_may_not_manage_endpoints()
    {
        using var reviewer = fixture.ClientFor(LocalHostFixture.NewPlatform(), "compliance.reviewer");
        await (await reviewer.PutAsJsonAsync("api/webhook-endpoints/ops", new { url = "http://127.0.0.1:9/hook", events = new[] { "filing.late" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN_ROLE");
        await (await reviewer.GetAsync("api/webhook-endpoints")).AssertProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN_ROLE");
        Assert.Empty(await reviewer.EntriesAsync());
    }

    [Fact]
    public async Task A_platform_never_sees_another_platforms_endpoints()
    {
        using var a = fixture.ClientFor(LocalHostFixture.NewPlatform(), "compliance.admin");
        using var b = fixture.ClientFor(LocalHostFixture.NewPlatform(), "compliance.admin");
        (await a.PutAsJsonAsync("api/webhook-endpoints/ops", new { url = "http://127.0.0.1:9/hook", events = new[] { "filing.late" } })).EnsureSuccessStatusCode();
        await (await b.GetAsync("api/webhook-endpoints/ops")).AssertProblemAsync(HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
        await (await b.GetAsync("api/webhook-endpoints/ops/deliveries")).AssertProblemAsync(HttpStatusCode.NotFound, "WEBHOOK_ENDPOINT_NOT_FOUND");
        Assert.Empty((await b.GetJsonAsync("api/webhook-endpoints")).GetProperty("endpoints").EnumerateArray());
    }
}
