using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.Audit;

[Collection(LocalHostCollection.Name)]
public sealed class AuditLogApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task Each_change_appends_one_chained_entry_and_refused_or_replayed_requests_append_none()
    {
        var platform = LocalHostFixture.NewPlatform();
        using var client = fixture.ClientAs(platform, "officer-li", "compliance.admin");
        (await AuditApi.PutThresholdsAsync(client, 400_000)).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("api/calendars/cn/2027", new { holidays = new[] { "2027-01-01" }, makeUpWorkdays = Array.Empty<string>() })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("api/webhook-endpoints/ops", new { url = "http://127.0.0.1:9/hook", events = new[] { "pre_live.blocked" } })).EnsureSuccessStatusCode();

        // Refused (400) and a replay of an Idempotency-Key change nothing, so they are not logged.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync("api/key-room-thresholds", new { followers = -1 })).StatusCode);
        var creditCode = TestIdentities.CreditCode();
        var blacklist = new { subjectType = "entity", creditCode, reason = "fraud" };
        for (var i = 0; i < 2; i++)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "api/blacklist") { Content = JsonContent.Create(blacklist) };
            post.Headers.Add("Idempotency-Key", "bl-1");
            (await client.SendAsync(post)).EnsureSuccessStatusCode();
        }

        var entries = await client.EntriesAsync();
        Assert.Equal(4, entries.Count);
        Assert.Equal([1L, 2L, 3L, 4L], entries.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal("PUT /key-room-thresholds", entries[0].GetProperty("action").GetString());
        Assert.Equal("/api/key-room-thresholds", entries[0].GetProperty("target").GetString());
        Assert.Equal("PUT /calendars/cn/{year}", entries[1].GetProperty("action").GetString());
        Assert.Equal("webhook_endpoint.created", entries[2].GetProperty("action").GetString());
        Assert.Equal("blacklist_entry.added", entries[3].GetProperty("action").GetString());
        Assert.Contains(creditCode, entries[3].GetProperty("summary").GetString());
        Assert.Equal("officer-li", entries[0].GetProperty("actor").GetProperty("sub").GetString());
        Assert.Equal(["compliance.admin"], entries[0].GetProperty("actor").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // The chain, recomputed here from the served fields (RFC 8785 canonical JSON without 'hash').
        var prev = new string('0', 64);
        foreach (var entry in entries)
        {
            Assert.Equal(prev, entry.GetProperty("prevHash").GetString());
            Assert.Equal(Sha256(Canonical(entry)), entry.GetProperty("hash").GetString());
            prev = entry.GetProperty("hash").GetString()!;
        }

        var verification = await client.GetJsonAsync("api/audit-log/verification");
        Assert.True(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(4, verification.GetProperty("entries").GetInt64());
        Assert.Equal(prev, verification.GetProperty("headHash").GetString());
        Assert.False(verification.TryGetProperty("firstBrokenSeq", out _));
    }

    [Fact]
    public async Task Pages_by_after_and_limit_and_filters_by_time()
    {
        using var client = fixture.ClientFor(LocalHostFixture.NewPlatform(), "compliance.admin");
        for (var i = 0; i < 5; i++)
        {
            (await AuditApi.PutThresholdsAsync(client, 400_000 + i)).EnsureSuccessStatusCode();
        }

        var first = await client.GetJsonAsync("api/audit-log?limit=2");
        Assert.Equal(2, first.GetProperty("entries").GetArrayLength());
        Assert.True(first.GetProperty("hasMore").GetBoolean());
        var next = first.GetProperty("nextAfter").GetInt64();
        var rest = await client.GetJsonAsync($"api/audit-log?after={next}&limit=10");
        Assert.Equal([3L, 4L, 5L], rest.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.False(rest.GetProperty("hasMore").GetBoolean());

        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        Assert.Empty((await client.GetJsonAsync($"api/audit-log?from={future}")).GetProperty("entries").EnumerateArray());
        Assert.Equal(5, (await client.GetJsonAsync($"api/audit-log?to={future}")).GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task Parallel_changes_never_fork_the_chain()
    {
        using var client = fixture.ClientFor(LocalHostFixture.NewPlatform(), "compliance.admin");
        var puts = Enumerable.Range(0, 24).Select(i => AuditApi.PutThresholdsAsync(client, 300_000 + i));
        foreach (var response in await Task.WhenAll(puts))
        {
            response.EnsureSuccessStatusCode();
        }

        var entries = await client.EntriesAsync("?limit=100");
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), entries.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(24, entries.Select(e => e.GetProperty("prevHash").GetString()).Distinct().Count());
        Assert.True((await client.GetJsonAsync("api/audit-log/verification")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task An_entry_edited_in_storage_is_named_by_the_verification()
    {
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        using var client = fixture.ClientFor(platform, "compliance.admin");
        for (var i = 0; i < 4; i++)
        {
            (await AuditApi.PutThresholdsAsync(client, 500_000 + i)).EnsureSuccessStatusCode();
        }

        // Someone with storage access rewrites entry 2's summary (and even recomputes nothing): the chain says so.
        var table = new TableClient(fixture.Azurite.ConnectionString, "auditlog");
        var row = (await table.GetEntityAsync<TableEntity>(platform, "e|000000000002")).Value;
        row["Summary"] = "nothing happened here";
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var verification = await client.GetJsonAsync("api/audit-log/verification");
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(2, verification.GetProperty("firstBrokenSeq").GetInt64());
        Assert.Equal(4, verification.GetProperty("entries").GetInt64());
    }

    [Fact]
    public async Task An_entry_removed_from_storage_is_named_by_the_verification()
    {
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        using var client = fixture.ClientFor(platform, "compliance.admin");
        for (var i = 0; i < 3; i++)
        {
            (await AuditApi.PutThresholdsAsync(client, 500_000 + i)).EnsureSuccessStatusCode();
        }

        var table = new TableClient(fixture.Azurite.ConnectionString, "auditlog");
        await table.DeleteEntityAsync(platform, "e|000000000003");
        var verification = await client.GetJsonAsync("api/audit-log/verification");
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(3, verification.GetProperty("firstBrokenSeq").GetInt64());
    }

    [Theory]
    [InlineData("?after=-1", "after")]
    [InlineData("?after=abc", "after")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=100000", "limit")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to")]
    [InlineData("?after=1&after=2", "after")]
    public async Task Bad_queries_are_problems(string query, string field)
    {
        using var client = fixture.ClientFor(LocalHostFixture.NewPlatform(), "compliance.admin");
        var problem = await (await client.GetAsync("api/audit-log" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }

    [Fact]
    public async Task Only_compliance_staff_read_the_log()
    {
        var platform = LocalHostFixture.NewPlatform();
        using var system = fixture.ClientFor(platform, "platform.api");
        await (await system.GetAsync("api/audit-log")).AssertProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN_ROLE");
        await (await system.GetAsync("api/audit-log/verification")).AssertProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN_ROLE");
        using var reviewer = fixture.ClientFor(platform, "compliance.reviewer");
        Assert.Empty(await reviewer.EntriesAsync());
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/audit-log")).StatusCode);
    }

    [Fact]
    public async Task A_platform_never_sees_another_platforms_log()
    {
        using var a = fixture.ClientFor(LocalHostFixture.NewPlatform(), "compliance.admin");
        using var b = fixture.ClientFor(LocalHostFixture.NewPlatform(), "compliance.admin");
        (await AuditApi.PutThresholdsAsync(a, 450_000)).EnsureSuccessStatusCode();
        Assert.Empty(await b.EntriesAsync());
        Assert.Equal(0, (await b.GetJsonAsync("api/audit-log/verification")).GetProperty("entries").GetInt64());
    }

    internal static string Canonical(JsonElement entry)
    {
        static string Q(string? s) => JsonSerializer.Serialize(s, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var actor = entry.GetProperty("actor");
        var roles = actor.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal);
        var recovered = entry.TryGetProperty("recovered", out var r) && r.GetBoolean() ? ",\"recovered\":true" : "";
        return "{\"action\":" + Q(entry.GetProperty("action").GetString())
            + ",\"actor\":{\"roles\":[" + string.Join(",", roles.Select(Q)) + "],\"sub\":" + Q(actor.GetProperty("sub").GetString()) + "}"
            + ",\"at\":" + Q(entry.GetProperty("at").GetString())
            + ",\"prevHash\":" + Q(entry.GetProperty("prevHash").GetString())
            + recovered
            + ",\"seq\":" + entry.GetProperty("seq").GetInt64()
            + ",\"summary\":" + Q(entry.GetProperty("summary").GetString())
            + ",\"target\":" + Q(entry.GetProperty("target").GetString()) + "}";
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
