using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.Identity;

/// <summary>Writes that must happen exactly once or never shorten what is kept, run in parallel through HTTP.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class ConcurrentWriteApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task Twenty_concurrent_first_checks_of_one_ID_under_two_names_bind_exactly_one_name()
    {
        using var client = fixture.ClientFor();
        var idNumber = TestIdentities.AdultPerson();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await client.PostAsJsonAsync($"api/hosts/h{i}/qualification-checks", new { name = i % 2 == 0 ? "张三" : "李四", idNumber });
            return (Name: i % 2 == 0 ? "张三" : "李四", Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        }));

        var approved = responses.Where(r => r.Body.GetProperty("decision").GetString() == "approved").ToList();
        var rejected = responses.Where(r => r.Body.GetProperty("decision").GetString() == "rejected").ToList();
        Assert.NotEmpty(approved);
        Assert.Single(approved.Select(r => r.Name).Distinct());
        Assert.Equal(20, approved.Count + rejected.Count);
        Assert.All(rejected, r =>
        {
            Assert.NotEqual(approved[0].Name, r.Name);
            Assert.Contains("NAME_MISMATCH", r.Body.GetProperty("reasons").EnumerateArray().Select(x => x.GetProperty("code").GetString()));
        });
    }

    [Fact]
    public async Task Two_concurrent_first_attempts_with_one_Idempotency_Key_do_the_work_once()
    {
        using var client = fixture.ClientFor();
        var platform = client.DefaultRequestHeaders.GetValues("X-Platform-Id").Single();
        var body = new { subjectType = "person", idNumber = TestIdentities.AdultPerson(), reason = "fraud" };
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/blacklist") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "bl-once");
            using var response = await client.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), RetryAfter: response.Headers.RetryAfter);
        }));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        Assert.Single(created.Select(r => r.Body).Distinct());
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            Assert.Contains("IDEMPOTENCY_REQUEST_IN_PROGRESS", r.Body, StringComparison.Ordinal);
            Assert.NotNull(r.RetryAfter);
        });
        Assert.Equal(1, await BlacklistEntriesAsync(platform));
    }

    [Fact]
    public async Task An_idempotency_record_expires_after_its_lifetime_and_frees_the_key()
    {
        await using var host = await LocalHostProcess.StartAsync(fixture.Azurite.ConnectionString, new Dictionary<string, string> { ["Idempotency:RecordLifetime"] = "00:00:02" });
        using var client = host.CreateClient(LocalHostFixture.NewPlatform());
        async Task<HttpResponseMessage> PostAsync(string reason)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/blacklist")
            {
                Content = JsonContent.Create(new { subjectType = "person", idNumber = TestIdentities.AdultPerson(), reason }),
            };
            request.Headers.Add("Idempotency-Key", "k-expiring");
            return await client.SendAsync(request);
        }

        (await PostAsync("first")).EnsureSuccessStatusCode();
        using var reused = await PostAsync("second");
        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var afterExpiry = await PostAsync("third");
        Assert.Equal(HttpStatusCode.Created, afterExpiry.StatusCode);
        Assert.Contains("third", await afterExpiry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_shorter_blacklisting_never_shortens_or_erases_an_earlier_one()
    {
        using var client = fixture.ClientFor();
        var platform = client.DefaultRequestHeaders.GetValues("X-Platform-Id").Single();
        var idNumber = TestIdentities.AdultPerson();
        (await client.PostAsJsonAsync("api/blacklist", new { subjectType = "person", idNumber, reason = "permanent ban" })).EnsureSuccessStatusCode();
        using var shorter = await client.PostAsJsonAsync("api/blacklist", new
        {
            subjectType = "person",
            idNumber,
            reason = "30-day suspension",
            expiresAt = DateTimeOffset.UtcNow.AddSeconds(3).ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
        });
        shorter.EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(4)); // the shorter entry has ended; the permanent one has not

        using var check = await client.PostAsJsonAsync("api/hosts/h1/qualification-checks", new { name = "张三", idNumber });
        var decision = await check.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rejected", decision.GetProperty("decision").GetString());
        Assert.Contains("BLACKLISTED", decision.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.Equal(2, await BlacklistEntriesAsync(platform));
    }

    private async Task<int> BlacklistEntriesAsync(string platform)
    {
        var table = new Azure.Data.Tables.TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient("subjects");
        var count = 0;
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            if (row.PartitionKey.StartsWith(platform + "|", StringComparison.Ordinal) && row.RowKey.StartsWith("blacklist|", StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }
}
