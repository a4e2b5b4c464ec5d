using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using static LiveCommerce.Api.Tests.Disputes.EvidenceApi;

namespace LiveCommerce.Api.Tests.Disputes;

[Collection(LocalHostCollection.Name)]
public sealed class EvidenceApiTests(LocalHostFixture fixture)
{
    private static readonly DateTimeOffset SegmentStart = DateTimeOffset.UtcNow.AddHours(-3);

    [Fact]
    public async Task A_record_is_stored_once_with_its_sha256_and_never_replaced()
    {
        using var client = fixture.ClientFor();
        var content = RandomNumberGenerator.GetBytes(5 * 1024 * 1024 + 17); // more than one 4 MiB block
        var path = "api/live-sessions/s1/evidence/recording/seg-0001";

        using var first = await PushAsync(client, path, content, SegmentStart, SegmentStart.AddSeconds(10));
        var stored = await ReadAsync(first, HttpStatusCode.Created);
        Assert.Equal(Sha256Hex(content), stored.GetProperty("sha256").GetString());
        Assert.Equal(content.Length, stored.GetProperty("size").GetInt64());
        Assert.Equal("video/mp2t", stored.GetProperty("contentType").GetString());
        Assert.Equal("kept", stored.GetProperty("status").GetString());
        Assert.Null(RetainUntil(stored)); // the live has not ended: its period has not started

        using var again = await PushAsync(client, path, content, SegmentStart, SegmentStart.AddSeconds(10));
        Assert.Equal(stored.ToString(), (await ReadAsync(again, HttpStatusCode.OK)).ToString());

        var other = (byte[])content.Clone();
        other[^1] ^= 1;
        using var changed = await PushAsync(client, path, other, SegmentStart, SegmentStart.AddSeconds(10));
        await changed.AssertProblemAsync(HttpStatusCode.Conflict, "EVIDENCE_RECORD_EXISTS");

        var platform = client.DefaultRequestHeaders.GetValues("X-Platform-Id").Single();
        var blob = new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient("evidence").GetBlobClient($"{platform}/live-sessions/s1/recording/seg-0001");
        Assert.Equal(content, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task A_content_digest_is_checked_before_anything_is_stored()
    {
        using var client = fixture.ClientFor();
        var content = "{\"orderId\":\"o1\",\"amountFen\":19900}"u8.ToArray();

        using var wrong = await PushAsync(client, "api/orders/o1/evidence/order/snapshot-1", content, digest: DigestOf("{}"u8.ToArray()), contentType: "application/json");
        await wrong.AssertProblemAsync(HttpStatusCode.BadRequest, "DIGEST_MISMATCH");
        await (await client.GetAsync("api/orders/o1/evidence")).AssertProblemAsync(HttpStatusCode.NotFound, "EVIDENCE_NOT_FOUND");

        using var right = await PushAsync(client, "api/orders/o1/evidence/order/snapshot-1", content, digest: DigestOf(content), contentType: "application/json");
        Assert.Equal(Sha256Hex(content), (await ReadAsync(right, HttpStatusCode.Created)).GetProperty("sha256").GetString());

        using var malformed = await PushAsync(client, "api/orders/o1/evidence/payment/p1", content, digest: "sha-256=abc");
        (await malformed.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("Content-Digest", "INVALID_FORMAT");
    }

    [Fact]
    public async Task Every_invalid_part_of_a_push_is_named()
    {
        using var client = fixture.ClientFor();
        var content = new byte[] { 1, 2, 3 };

        using var unknownKind = await PushAsync(client, "api/live-sessions/s1/evidence/payment/p1", content);
        (await unknownKind.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("kind", "INVALID_VALUE");

        using var noSpan = await PushAsync(client, "api/live-sessions/s1/evidence/interaction_log/log-1", content);
        var problem = await noSpan.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("Evidence-Start", "REQUIRED");
        problem.AssertFieldError("Evidence-End", "REQUIRED");

        using var backwards = await PushAsync(client, "api/live-sessions/s1/evidence/recording/seg-1", content, SegmentStart, SegmentStart.AddSeconds(-1));
        (await backwards.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("Evidence-End", "OUT_OF_RANGE");

        using var badId = await PushAsync(client, "api/orders/o.1/evidence/payment/p1", content);
        (await badId.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("orderId", "INVALID_FORMAT");

        using var empty = await PushAsync(client, "api/orders/o1/evidence/payment/p1", []);
        (await empty.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("body", "REQUIRED");
        await (await client.GetAsync("api/orders/o1/evidence")).AssertProblemAsync(HttpStatusCode.NotFound, "EVIDENCE_NOT_FOUND");
    }

    [Fact]
    public async Task Retention_runs_from_the_end_of_the_live_and_from_each_sale_the_content_shows()
    {
        using var client = fixture.ClientFor();
        var ended = SegmentStart.AddHours(1);
        var purchase = SegmentStart.AddMinutes(30);
        await ReadAsync(await PushAsync(client, "api/live-sessions/s2/evidence/recording/pitch", [1], purchase.AddMinutes(-8), purchase.AddMinutes(-7)), HttpStatusCode.Created);
        await ReadAsync(await PushAsync(client, "api/live-sessions/s2/evidence/recording/later", [2], purchase.AddMinutes(20), purchase.AddMinutes(21)), HttpStatusCode.Created);
        await ReadAsync(await PushAsync(client, "api/live-sessions/s2/evidence/correction/c1", [3], purchase.AddMinutes(5)), HttpStatusCode.Created);
        await ReadAsync(await PushAsync(client, "api/orders/o2/evidence/payment/p1", [4]), HttpStatusCode.Created);

        // The live ends: live content is kept 60 days, corrections 3 years.
        var session = await PutJsonAsync(client, "api/live-sessions/s2/evidence", new { roomId = "r1", merchantId = "m1", hostIds = new[] { "h1" }, endedAt = Time(ended) });
        Assert.Equal("standard", session.GetProperty("tier").GetString());
        Assert.Equal(ShanghaiDate(ended, plusDays: 60), RetainUntil(await RecordAsync(client, "api/live-sessions/s2/evidence", "recording", "pitch")));
        Assert.Equal(ShanghaiDate(ended, plusYears: 3), RetainUntil(await RecordAsync(client, "api/live-sessions/s2/evidence", "correction", "c1")));

        // An order bought during the pitch holds it while the order is open, then 3 years from completion.
        await PutJsonAsync(client, "api/orders/o2/evidence", new { sessionId = "s2", sku = "sku-1", purchasedAt = Time(purchase) });
        Assert.Null(RetainUntil(await RecordAsync(client, "api/live-sessions/s2/evidence", "recording", "pitch")));
        Assert.Null(RetainUntil(await RecordAsync(client, "api/orders/o2/evidence", "payment", "p1")));

        var completed = DateTimeOffset.UtcNow;
        await PutJsonAsync(client, "api/orders/o2/evidence", new { completedAt = Time(completed) });
        Assert.Equal(ShanghaiDate(completed, plusYears: 3), RetainUntil(await RecordAsync(client, "api/live-sessions/s2/evidence", "recording", "pitch")));
        Assert.Equal(ShanghaiDate(ended, plusDays: 60), RetainUntil(await RecordAsync(client, "api/live-sessions/s2/evidence", "recording", "later")));
        Assert.Equal(ShanghaiDate(completed, plusYears: 3), RetainUntil(await RecordAsync(client, "api/orders/o2/evidence", "payment", "p1")));

        // A key room keeps its live content 3 years.
        await PutJsonAsync(client, "api/live-sessions/s2/evidence", new { tier = "key" });
        Assert.Equal(ShanghaiDate(ended, plusYears: 3), RetainUntil(await RecordAsync(client, "api/live-sessions/s2/evidence", "recording", "later")));
    }

    [Fact]
    public async Task Anchors_never_move_earlier_and_facts_never_change()
    {
        using var client = fixture.ClientFor();
        var ended = DateTimeOffset.UtcNow.AddHours(-1);
        await PutJsonAsync(client, "api/live-sessions/s3/evidence", new { roomId = "r1", endedAt = Time(ended), tier = "key" });

        async Task ConflictAsync(string path, object body, string field)
        {
            using var response = await client.PutAsJsonAsync(path, body);
            var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "EVIDENCE_TIMELINE_CONFLICT");
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }

        await ConflictAsync("api/live-sessions/s3/evidence", new { endedAt = Time(ended.AddMinutes(-1)) }, "endedAt");
        await ConflictAsync("api/live-sessions/s3/evidence", new { tier = "standard" }, "tier");
        await ConflictAsync("api/live-sessions/s3/evidence", new { roomId = "r2" }, "roomId");
        Assert.Equal(Time(ended.AddMinutes(5)), (await PutJsonAsync(client, "api/live-sessions/s3/evidence", new { endedAt = Time(ended.AddMinutes(5)) })).GetProperty("endedAt").GetString());

        await PutJsonAsync(client, "api/orders/o3/evidence", new { sessionId = "s3", purchasedAt = Time(ended.AddMinutes(-30)), completedAt = Time(ended) });
        await ConflictAsync("api/orders/o3/evidence", new { completedAt = Time(ended.AddDays(-1).AddHours(23)) }, "completedAt");
        await ConflictAsync("api/orders/o3/evidence", new { sessionId = "s4" }, "sessionId");

        using var future = await client.PutAsJsonAsync("api/orders/o3/evidence", new { completedAt = Time(DateTimeOffset.UtcNow.AddDays(1)) });
        (await future.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("completedAt", "OUT_OF_RANGE");
        using var tier = await client.PutAsJsonAsync("api/live-sessions/s3/evidence", new { tier = "vip" });
        (await tier.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("tier", "INVALID_VALUE");
    }

    [Fact]
    public async Task Another_platforms_evidence_is_not_found()
    {
        using var owner = fixture.ClientFor();
        using var stranger = fixture.ClientFor();
        await ReadAsync(await PushAsync(owner, "api/orders/o4/evidence/logistics/l1", [1, 2]), HttpStatusCode.Created);

        await (await stranger.GetAsync("api/orders/o4/evidence")).AssertProblemAsync(HttpStatusCode.NotFound, "EVIDENCE_NOT_FOUND");
        // The stranger's own record of the same ids is its own.
        await ReadAsync(await PushAsync(stranger, "api/orders/o4/evidence/logistics/l1", [9]), HttpStatusCode.Created);
    }
}
