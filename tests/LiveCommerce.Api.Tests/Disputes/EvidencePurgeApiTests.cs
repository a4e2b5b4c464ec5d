using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Blobs;
using LiveCommerce.Testing;
using static LiveCommerce.Api.Tests.Disputes.EvidenceApi;

namespace LiveCommerce.Api.Tests.Disputes;

[Collection(LocalHostCollection.Name)]
public sealed class EvidencePurgeApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task The_purge_deletes_what_has_expired_and_nothing_earlier()
    {
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        using var client = fixture.Host.CreateClient(platform);
        var ended = DateTimeOffset.UtcNow.AddDays(-70);
        var purchase = ended.AddMinutes(-30);

        // A standard room that ended 70 days ago: its unsold content is past its 60 days.
        await ReadAsync(await PushAsync(client, "api/live-sessions/old/evidence/recording/unsold", [1], ended.AddMinutes(-5), ended.AddMinutes(-4)), HttpStatusCode.Created);
        await ReadAsync(await PushAsync(client, "api/live-sessions/old/evidence/recording/sold", [2], purchase.AddMinutes(-1), purchase), HttpStatusCode.Created);
        await ReadAsync(await PushAsync(client, "api/live-sessions/old/evidence/correction/c1", [3], ended.AddMinutes(-10)), HttpStatusCode.Created);
        await PutJsonAsync(client, "api/live-sessions/old/evidence", new { endedAt = Time(ended) });
        // ... but one of its segments shows a sale that is still open (after-sales), and must stay.
        await PutJsonAsync(client, "api/orders/open/evidence", new { sessionId = "old", purchasedAt = Time(purchase) });
        // A key room that ended as long ago keeps its content 3 years.
        await ReadAsync(await PushAsync(client, "api/live-sessions/key/evidence/recording/seg", [4], ended.AddMinutes(-5), ended.AddMinutes(-4)), HttpStatusCode.Created);
        await PutJsonAsync(client, "api/live-sessions/key/evidence", new { endedAt = Time(ended), tier = "key" });
        // An order completed 70 days ago: 3 years from completion.
        await ReadAsync(await PushAsync(client, "api/orders/done/evidence/payment/p1", [5]), HttpStatusCode.Created);
        await PutJsonAsync(client, "api/orders/done/evidence", new { completedAt = Time(ended) });

        // Today's run (a host starting runs the purge).
        await RunPurgeAsync(platform, offset: "00:00:00");
        Assert.Equal("purged", (await RecordAsync(client, "api/live-sessions/old/evidence", "recording", "unsold")).GetProperty("status").GetString());
        Assert.False(await BlobExistsAsync($"{platform}/live-sessions/old/recording/unsold"));
        Assert.Equal("kept", (await RecordAsync(client, "api/live-sessions/old/evidence", "recording", "sold")).GetProperty("status").GetString());
        Assert.Equal("kept", (await RecordAsync(client, "api/live-sessions/old/evidence", "correction", "c1")).GetProperty("status").GetString());
        Assert.Equal("kept", (await RecordAsync(client, "api/live-sessions/key/evidence", "recording", "seg")).GetProperty("status").GetString());
        Assert.True(await BlobExistsAsync($"{platform}/orders/done/payment/p1"));

        // A dispute over a purchase shown only by the purged segment: the bundle says the replay is gone by retention.
        await EnsureCalendarAheadAsync(client);
        using var dispute = await client.PostAsJsonAsync("api/disputes/late/evidence-bundles?waitSeconds=30", new
        {
            orderId = "unregistered", purchasedAt = Time(ended.AddMinutes(-4.5)), sessionId = "old", roomId = "r1", sku = "sku-1", consumerClaim = "not as shown",
        });
        var bundle = await ReadAsync(dispute, HttpStatusCode.OK);
        Assert.Contains(
            bundle.GetProperty("missing").EnumerateArray(),
            m => m.GetProperty("kind").GetString() == "replay_video" && m.GetProperty("reason").GetString() == "retention_expired");

        // Three years later the key room, the correction and the completed order have run out; the open sale has not.
        var daysTo3YearsAfter = (int)(ended.AddYears(3).AddDays(2) - DateTimeOffset.UtcNow).TotalDays;
        await RunPurgeAsync(platform, offset: $"{daysTo3YearsAfter}.00:00:00");
        Assert.Equal("purged", (await RecordAsync(client, "api/live-sessions/key/evidence", "recording", "seg")).GetProperty("status").GetString());
        Assert.Equal("purged", (await RecordAsync(client, "api/live-sessions/old/evidence", "correction", "c1")).GetProperty("status").GetString());
        Assert.Equal("purged", (await RecordAsync(client, "api/orders/done/evidence", "payment", "p1")).GetProperty("status").GetString());
        Assert.Equal("kept", (await RecordAsync(client, "api/live-sessions/old/evidence", "recording", "sold")).GetProperty("status").GetString());
        Assert.True(await BlobExistsAsync($"{platform}/live-sessions/old/recording/sold"));
    }

    /// <summary>Starts a host on the same storage with its clock moved, and waits for its start-up purge to finish.</summary>
    private async Task RunPurgeAsync(string platform, string offset)
    {
        await using var host = await LocalHostProcess.StartAsync(fixture.Azurite.ConnectionString, LocalHostProcess.Shifted(offset));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!host.Output.Contains("Evidence purge:", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No purge run within 30 s:\n{host.Output}");
            await Task.Delay(100);
        }
    }

    private async Task<bool> BlobExistsAsync(string name) =>
        (await new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient("evidence").GetBlobClient(name).ExistsAsync()).Value;
}
