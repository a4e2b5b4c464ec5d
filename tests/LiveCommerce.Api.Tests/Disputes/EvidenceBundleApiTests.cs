using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using static LiveCommerce.Api.Tests.Disputes.EvidenceApi;

namespace LiveCommerce.Api.Tests.Disputes;

[Collection(LocalHostCollection.Name)]
public sealed class EvidenceBundleApiTests(LocalHostFixture fixture)
{
    private static readonly DateTimeOffset Purchase = DateTimeOffset.UtcNow.AddHours(-2);

    [Fact]
    public async Task A_bundle_holds_the_evidence_around_the_purchase_lists_what_is_missing_and_is_read_through_a_short_read_only_link()
    {
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        using var client = fixture.Host.CreateClient(platform);
        var pushed = await PushDisputeEvidenceAsync(client);

        using var started = await client.PostAsJsonAsync("api/disputes/d1/evidence-bundles?waitSeconds=30", Request());
        var bundle = await ReadAsync(started, HttpStatusCode.OK);
        Assert.Equal("ready", bundle.GetProperty("status").GetString());
        // 7 working days after the request day, on the official calendar.
        var requestedOn = NodaTime.LocalDate.FromDateTime(DateTime.UtcNow.AddHours(8));
        var respondBy = LiveCommerce.Domain.Disputes.ResponseDeadline.Compute(requestedOn, LiveCommerce.Domain.Filings.ChinaOfficialCalendar.Builtin);
        if (respondBy.IsPublished)
        {
            Assert.Equal(NodaTime.Text.LocalDatePattern.Iso.Format(respondBy.Value.RespondBy), bundle.GetProperty("respondBy").GetString());
        }

        // The replay clip is the segments overlapping 10 minutes before to 2 minutes after the purchase.
        var items = bundle.GetProperty("manifest").GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("name").GetString()!, i => (Kind: i.GetProperty("kind").GetString(), Sha256: i.GetProperty("sha256").GetString()));
        Assert.Equal(("replay_video", Sha256Hex(pushed["seg-1"])), items["data/replay/seg-1"]);
        Assert.Equal(("replay_video", Sha256Hex(pushed["seg-2"])), items["data/replay/seg-2"]);
        Assert.False(items.ContainsKey("data/replay/seg-far"));
        Assert.Equal("interaction_log", items["data/interactions/log-1"].Kind);
        Assert.Equal("product_claims", items["data/claims/claims-1"].Kind);
        Assert.Equal("correction", items["data/corrections/fix-1"].Kind);
        Assert.Equal("page_snapshot", items["data/order/page_snapshot/snap-1"].Kind);
        Assert.Equal(("payment", Sha256Hex(pushed["pay-1"])), items["data/order/payment/pay-1"]);
        Assert.Equal("merchant_identity", items["data/identities/merchant-m1.json"].Kind);
        Assert.Equal("host_identity", items["data/identities/host-h1.json"].Kind);
        Assert.Equal("dispute_request", items["data/dispute.json"].Kind);

        var missing = bundle.GetProperty("missing").EnumerateArray().Select(m => (m.GetProperty("kind").GetString(), m.GetProperty("reason").GetString())).ToList();
        Assert.Contains(("logistics", "not_found"), missing);
        Assert.Contains(("host_identity", "not_found"), missing); // h2 was never checked
        Assert.Contains(("pre_live_verification", "not_found"), missing);

        // No link on a read; one minted on request: read-only, valid 15 minutes, no credentials needed; the bytes are
        // the bag the manifest describes.
        Assert.False(bundle.TryGetProperty("bundleUrl", out _));
        var minted = await ReadAsync(await client.PostAsJsonAsync("api/disputes/d1/evidence-bundles/links", new { reason = "consumer complaint 42" }), HttpStatusCode.Created);
        var link = new Uri(minted.GetProperty("bundleUrl").GetString()!);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        Assert.Equal("r", query["sp"]);
        var expires = DateTimeOffset.Parse(query["se"]!);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.5));
        using var anonymous = new HttpClient();
        var zip = await anonymous.GetByteArrayAsync(link);
        Assert.Equal(bundle.GetProperty("manifest").GetProperty("bundleSha256").GetString(), Sha256Hex(zip));
        using (var write = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Put, link) { Content = new ByteArrayContent([1]), Headers = { { "x-ms-blob-type", "BlockBlob" } } }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        }

        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal(pushed["seg-1"], ReadEntry(archive, "data/replay/seg-1"));
        Assert.StartsWith("BagIt-Version: 1.0", Encoding.UTF8.GetString(ReadEntry(archive, "bagit.txt")), StringComparison.Ordinal);
        var manifestLines = Encoding.UTF8.GetString(ReadEntry(archive, "manifest-sha256.txt")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(items.Count, manifestLines.Length);
        Assert.All(manifestLines, line => Assert.Equal(items[line[66..]].Sha256, line[..64]));
        Assert.Contains("External-Identifier: d1", Encoding.UTF8.GetString(ReadEntry(archive, "bag-info.txt")), StringComparison.Ordinal);
        Assert.DoesNotContain(TestIdentities.Issued, id => Encoding.UTF8.GetString(zip).Contains(id, StringComparison.OrdinalIgnoreCase));

        // Reads add nothing to the chain of custody; it says who asked, what was included, and the one link minted.
        await ReadAsync(await client.GetAsync("api/disputes/d1/evidence-bundles"), HttpStatusCode.OK);
        await ReadAsync(await client.GetAsync("api/disputes/d1/evidence-bundles/verification"), HttpStatusCode.OK);
        var custody = await ReadAsync(await client.GetAsync("api/disputes/d1/evidence-bundles/custody"), HttpStatusCode.OK);
        var events = custody.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal(["requested", "assembled", "link_issued"], events);
        Assert.True(custody.GetProperty("chain").GetProperty("valid").GetBoolean());
        Assert.Equal("consumer complaint 42", custody.GetProperty("entries")[2].GetProperty("reason").GetString());
        Assert.Equal(LiveCommerce.Testing.LocalHostProcess.DefaultSubject, custody.GetProperty("entries")[2].GetProperty("by").GetProperty("subject").GetString());
        var assembled = custody.GetProperty("entries")[1];
        Assert.Equal(items.Count, assembled.GetProperty("included").GetArrayLength());
        Assert.Equal("ops-7", custody.GetProperty("entries")[0].GetProperty("by").GetProperty("requestedBy").GetString());
    }

    [Fact]
    public async Task The_verifier_recomputes_every_hash_and_names_the_item_that_changed()
    {
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        using var client = fixture.Host.CreateClient(platform);
        await PushDisputeEvidenceAsync(client);
        var bundle = await ReadAsync(await client.PostAsJsonAsync("api/disputes/d2/evidence-bundles?waitSeconds=30", Request()), HttpStatusCode.OK);

        var intact = await ReadAsync(await client.GetAsync("api/disputes/d2/evidence-bundles/verification"), HttpStatusCode.OK);
        Assert.True(intact.GetProperty("valid").GetBoolean());
        Assert.All(intact.GetProperty("items").EnumerateArray(), i => Assert.Equal("ok", i.GetProperty("status").GetString()));

        // Someone with storage access swaps one segment inside the bundle and rewrites the bag's own manifest to match.
        var minted = await ReadAsync(await client.PostAsJsonAsync("api/disputes/d2/evidence-bundles/links", new { }), HttpStatusCode.Created);
        var blob = new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient("bundles")
            .GetBlobClient(new Uri(minted.GetProperty("bundleUrl").GetString()!).AbsolutePath.Split("/bundles/")[1]);
        var recorded = bundle.GetProperty("manifest").GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("name").GetString() == "data/replay/seg-2").GetProperty("sha256").GetString()!;
        var tampered = new MemoryStream();
        (await blob.DownloadContentAsync()).Value.Content.ToStream().CopyTo(tampered);
        using (var archive = new ZipArchive(tampered, ZipArchiveMode.Update, leaveOpen: true))
        {
            var forged = "forged"u8.ToArray();
            Replace(archive, "data/replay/seg-2", forged);
            var manifest = Encoding.UTF8.GetString(ReadEntry(archive, "manifest-sha256.txt"))
                .Replace(recorded, Sha256Hex(forged), StringComparison.Ordinal);
            Replace(archive, "manifest-sha256.txt", Encoding.UTF8.GetBytes(manifest));
        }

        tampered.Position = 0;
        await blob.UploadAsync(tampered, overwrite: true);

        var report = await ReadAsync(await client.GetAsync("api/disputes/d2/evidence-bundles/verification"), HttpStatusCode.OK);
        Assert.False(report.GetProperty("valid").GetBoolean());
        Assert.Equal("changed", report.GetProperty("bundleSha256").GetProperty("status").GetString());
        var changed = report.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("status").GetString() != "ok").Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Equal(["data/replay/seg-2", "manifest-sha256.txt:data/replay/seg-2"], changed);
    }

    [Fact]
    public async Task An_edited_custody_entry_breaks_the_chain_and_the_verifier_says_where()
    {
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        using var client = fixture.Host.CreateClient(platform);
        await PushDisputeEvidenceAsync(client);
        await ReadAsync(await client.PostAsJsonAsync("api/disputes/d5/evidence-bundles?waitSeconds=30", Request()), HttpStatusCode.OK);
        await ReadAsync(await client.PostAsJsonAsync("api/disputes/d5/evidence-bundles/links", new { reason = "first" }), HttpStatusCode.Created);
        Assert.True((await ReadAsync(await client.GetAsync("api/disputes/d5/evidence-bundles/verification"), HttpStatusCode.OK)).GetProperty("valid").GetBoolean());

        // Someone with storage access rewrites who asked for the bundle, in place.
        var blob = new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient("bundles").GetBlobClient($"{platform}/d5/custody.jsonl");
        var text = (await blob.DownloadContentAsync()).Value.Content.ToString();
        await blob.DeleteAsync();
        var forged = new Azure.Storage.Blobs.Specialized.AppendBlobClient(fixture.Azurite.ConnectionString, "bundles", $"{platform}/d5/custody.jsonl");
        await forged.CreateAsync();
        await forged.AppendBlockAsync(new MemoryStream(Encoding.UTF8.GetBytes(text.Replace("ops-7", "someone-else", StringComparison.Ordinal))));

        var custody = await ReadAsync(await client.GetAsync("api/disputes/d5/evidence-bundles/custody"), HttpStatusCode.OK);
        Assert.False(custody.GetProperty("chain").GetProperty("valid").GetBoolean());
        Assert.Equal(1, custody.GetProperty("chain").GetProperty("brokenAt").GetInt32());
        var report = await ReadAsync(await client.GetAsync("api/disputes/d5/evidence-bundles/verification"), HttpStatusCode.OK);
        Assert.False(report.GetProperty("valid").GetBoolean());
        Assert.False(report.GetProperty("custody").GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_link_replayed_after_it_expired_is_minted_afresh()
    {
        await using var host = await LiveCommerce.Testing.LocalHostProcess.StartAsync(
            fixture.Azurite.ConnectionString, new Dictionary<string, string> { ["Disputes:LinkValidity"] = "00:00:03" });
        using var client = host.CreateClient("p-" + Guid.NewGuid().ToString("N")[..12]);
        await PushDisputeEvidenceAsync(client);
        await ReadAsync(await client.PostAsJsonAsync("api/disputes/d6/evidence-bundles?waitSeconds=30", Request()), HttpStatusCode.OK);
        async Task<(HttpResponseMessage Response, JsonElement Body)> MintAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/disputes/d6/evidence-bundles/links") { Content = JsonContent.Create(new { reason = "r" }) };
            request.Headers.Add("Idempotency-Key", "link-1");
            var response = await client.SendAsync(request);
            return (response, await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        var (first, firstBody) = await MintAsync();
        var (replay, replayBody) = await MintAsync();
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(firstBody.GetProperty("bundleUrl").GetString(), replayBody.GetProperty("bundleUrl").GetString());

        await Task.Delay(TimeSpan.FromSeconds(4));
        var (fresh, freshBody) = await MintAsync();
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.False(fresh.Headers.Contains("Idempotent-Replayed"));
        Assert.True(DateTimeOffset.Parse(freshBody.GetProperty("bundleUrlExpiresAt").GetString()!) > DateTimeOffset.UtcNow);
        first.Dispose();
        replay.Dispose();
        fresh.Dispose();
    }

    [Fact]
    public async Task The_request_is_validated_kept_once_per_dispute_and_private_to_its_platform()
    {
        using var client = fixture.ClientFor();
        using var empty = await client.PostAsJsonAsync("api/disputes/d3/evidence-bundles", new { });
        var problem = await empty.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        foreach (var field in new[] { "orderId", "purchasedAt", "sessionId", "roomId", "sku", "consumerClaim" })
        {
            problem.AssertFieldError(field, "REQUIRED");
        }

        using var wait = await client.PostAsJsonAsync("api/disputes/d3/evidence-bundles?waitSeconds=31", Request());
        (await wait.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("waitSeconds", "OUT_OF_RANGE");

        await EnsureCalendarAheadAsync(client);
        using var first = await client.PostAsJsonAsync("api/disputes/d3/evidence-bundles", Request());
        Assert.True(first.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK);
        if (first.StatusCode == HttpStatusCode.Accepted)
        {
            Assert.Equal("/api/disputes/d3/evidence-bundles", first.Headers.Location?.ToString());
        }

        using var other = await client.PostAsJsonAsync("api/disputes/d3/evidence-bundles", Request() with { sku = "another" });
        await other.AssertProblemAsync(HttpStatusCode.Conflict, "BUNDLE_EXISTS");

        using var stranger = fixture.ClientFor();
        await (await stranger.GetAsync("api/disputes/d3/evidence-bundles")).AssertProblemAsync(HttpStatusCode.NotFound, "BUNDLE_NOT_FOUND");
        await (await stranger.GetAsync("api/disputes/d3/evidence-bundles/verification")).AssertProblemAsync(HttpStatusCode.NotFound, "BUNDLE_NOT_FOUND");
    }

    private static BundleRequest Request() => new("o1", Time(Purchase), "s1", "r1", "sku-9", "The host said it was 100% silk; it is polyester.", "ops-7");

    private sealed record BundleRequest(string orderId, string purchasedAt, string sessionId, string roomId, string sku, string consumerClaim, string requestedBy);

    /// <summary>A session with segments around the purchase and far from it, logs, claims, a correction, and the order's records.</summary>
    private static async Task<Dictionary<string, byte[]>> PushDisputeEvidenceAsync(HttpClient client)
    {
        var pushed = new Dictionary<string, byte[]>
        {
            ["seg-1"] = RandomNumberGenerator.GetBytes(300_000),
            ["seg-2"] = RandomNumberGenerator.GetBytes(200_000),
            ["seg-far"] = RandomNumberGenerator.GetBytes(1000),
            ["log-1"] = Encoding.UTF8.GetBytes("""[{"at":"20:31:02","user":"u-hash-1","text":"真丝吗?"}]"""),
            ["claims-1"] = Encoding.UTF8.GetBytes("""{"transcript":"100% 真丝"}"""),
            ["fix-1"] = Encoding.UTF8.GetBytes("""{"text":"更正: 面料为涤纶"}"""),
            ["snap-1"] = Encoding.UTF8.GetBytes("<html>商品详情</html>"),
            ["order-1"] = Encoding.UTF8.GetBytes("""{"orderId":"o1"}"""),
            ["pay-1"] = Encoding.UTF8.GetBytes("""{"amountFen":29900}"""),
        };

        async Task PushAsync(string path, string id, DateTimeOffset? start = null, DateTimeOffset? end = null) =>
            await ReadAsync(await EvidenceApi.PushAsync(client, $"{path}/{id}", pushed[id], start, end), HttpStatusCode.Created);

        await PushAsync("api/live-sessions/s1/evidence/recording", "seg-1", Purchase.AddMinutes(-9), Purchase.AddMinutes(-6));
        await PushAsync("api/live-sessions/s1/evidence/recording", "seg-2", Purchase.AddMinutes(-1), Purchase.AddMinutes(1));
        await PushAsync("api/live-sessions/s1/evidence/recording", "seg-far", Purchase.AddMinutes(40), Purchase.AddMinutes(41));
        await PushAsync("api/live-sessions/s1/evidence/interaction_log", "log-1", Purchase.AddMinutes(-5), Purchase);
        await PushAsync("api/live-sessions/s1/evidence/product_claims", "claims-1");
        await PushAsync("api/live-sessions/s1/evidence/correction", "fix-1", Purchase.AddMinutes(-2));
        await PushAsync("api/orders/o1/evidence/page_snapshot", "snap-1", Purchase);
        await PushAsync("api/orders/o1/evidence/order", "order-1");
        await PushAsync("api/orders/o1/evidence/payment", "pay-1");
        await EnsureCalendarAheadAsync(client);
        await PutJsonAsync(client, "api/live-sessions/s1/evidence", new { roomId = "r1", merchantId = "m1", hostIds = new[] { "h1", "h2" } });
        await PutJsonAsync(client, "api/orders/o1/evidence", new { sessionId = "s1", sku = "sku-9", purchasedAt = Time(Purchase) });

        (await client.PostAsJsonAsync("api/hosts/h1/qualification-checks", new { name = "主播一", idNumber = TestIdentities.AdultPerson() })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("api/merchants/m1/qualification-checks", new
        {
            legalName = "杭州丝绸有限公司",
            creditCode = TestIdentities.CreditCode(),
            legalRepresentative = new { name = "法人", idNumber = TestIdentities.AdultPerson() },
            categories = new[] { "apparel" },
        })).EnsureSuccessStatusCode();
        return pushed;
    }

    private static byte[] ReadEntry(ZipArchive archive, string name)
    {
        using var content = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        content.CopyTo(copy);
        return copy.ToArray();
    }

    private static void Replace(ZipArchive archive, string name, byte[] content)
    {
        archive.GetEntry(name)!.Delete();
        using var target = archive.CreateEntry(name).Open();
        target.Write(content);
    }
}
