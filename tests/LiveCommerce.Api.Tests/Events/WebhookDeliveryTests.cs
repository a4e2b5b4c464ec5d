using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Api.Tests.Audit;
using LiveCommerce.Api.Tests.Identity;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.Events;

/// <summary>Signed deliveries to a real HTTP receiver in the test process, through the durable delivery workflow.</summary>
public sealed class WebhookDeliveryTests
{
    private static async Task<string> RegisterAsync(HttpClient admin, WebhookReceiver receiver, string endpointId = "ops")
    {
        var created = await (await admin.PutAsJsonAsync($"api/webhook-endpoints/{endpointId}", new { url = receiver.Url, events = new[] { "qualification.decided" } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        receiver.Secrets.Add(secret);
        return secret;
    }

    [Fact]
    public async Task Two_failed_deliveries_then_a_host_restart_then_the_third_succeeds()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var receiver = new WebhookReceiver { Respond = (_, attempt) => attempt <= 2 ? 503 : 204 };
        var platform = LocalHostFixture.NewPlatform();
        var settings = new Dictionary<string, string> { ["Webhooks:FirstRetrySeconds"] = "4" };

        var first = await LocalHostProcess.StartAsync(azurite.ConnectionString, settings);
        using (var admin = first.CreateClient(platform, "compliance.admin"))
        using (var system = first.CreateClient(platform))
        {
            await RegisterAsync(admin, receiver);
            await PreLiveApiTests.QualifyAsync(system, "m1");

            // Attempt 1 at once, attempt 2 four seconds later: both answered 503.
            var failed = await receiver.WaitForAsync(r => r.Count(x => x.AnsweredStatus == 503) >= 2, TimeSpan.FromMinutes(3));
            Assert.Equal(2, failed.Count(x => x.AnsweredStatus == 503));
        }

        // The third attempt waits on a 12 s durable timer: the process dies meanwhile, and another one takes over.
        await first.KillAsync();
        await using var second = await LocalHostProcess.StartAsync(azurite.ConnectionString, settings);
        var all = await receiver.WaitForAsync(r => r.Any(x => x.AnsweredStatus == 204), TimeSpan.FromMinutes(4));

        Assert.Equal([1, 2, 3], all.Select(x => x.Attempt));
        Assert.All(all, x => Assert.True(x.SignatureValid, "every attempt is signed with the endpoint's secret"));
        Assert.Single(all.Select(x => x.EventId).Distinct());
        var body = all[^1].Body;
        Assert.Equal("qualification.decided", body.GetProperty("type").GetString());
        Assert.Equal(platform, body.GetProperty("platform").GetString());
        Assert.Equal("m1", body.GetProperty("data").GetProperty("merchantId").GetString());

        using var reader = second.CreateClient(platform, "compliance.admin");
        var log = await WaitForLogAsync(reader, "ops", 3);
        Assert.Equal(["delivered", "failed", "failed"], log.Select(d => d.GetProperty("outcome").GetString()));
        Assert.Equal([3, 2, 1], log.Select(d => d.GetProperty("attempt").GetInt32()));
        Assert.Equal(503, log[^1].GetProperty("statusCode").GetInt32());
        Assert.True(log[^1].GetProperty("retryFollows").GetBoolean());
        await first.DisposeAsync();
    }

    [Fact]
    public async Task After_a_rotation_deliveries_carry_both_signatures_until_the_overlap_ends()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(azurite.ConnectionString);
        await using var oldReceiver = new WebhookReceiver();
        var platform = LocalHostFixture.NewPlatform();
        using var admin = host.CreateClient(platform, "compliance.admin");
        using var system = host.CreateClient(platform);
        await RegisterAsync(admin, oldReceiver);
        var rotated = await (await admin.PostAsJsonAsync("api/webhook-endpoints/ops/secret-rotations", new { overlapHours = 1 }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

        // The receiver still holds only the old secret: it accepts; a receiver holding only the new one would too.
        await PreLiveApiTests.QualifyAsync(system, "m1");
        var received = await oldReceiver.WaitForAsync(r => r.Count > 0, TimeSpan.FromMinutes(2));
        Assert.True(Assert.Single(received).SignatureValid);
        oldReceiver.Secrets.Clear();
        oldReceiver.Secrets.Add(rotated.GetProperty("secret").GetString()!);
        await PreLiveApiTests.QualifyAsync(system, "m2");
        received = await oldReceiver.WaitForAsync(r => r.Count > 1, TimeSpan.FromMinutes(2));
        Assert.All(received, r => Assert.True(r.SignatureValid));
    }

    private static async Task<List<JsonElement>> WaitForLogAsync(HttpClient client, string endpointId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var log = (await client.GetJsonAsync($"api/webhook-endpoints/{endpointId}/deliveries")).GetProperty("deliveries").EnumerateArray().ToList();
            if (log.Count >= count || DateTime.UtcNow > deadline)
            {
                return log;
            }

            await Task.Delay(250);
        }
    }
}
