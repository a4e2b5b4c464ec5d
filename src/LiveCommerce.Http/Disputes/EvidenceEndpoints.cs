using LiveCommerce.Domain;
using LiveCommerce.Domain.Disputes;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Disputes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Http.Disputes;

/// <summary>
/// Evidence intake (extension of "Consumer dispute evidence"): platforms push the records a dispute may need, per
/// live session (recordings, interaction logs, the host's product claims, on-air corrections) and per order (page
/// snapshot, order, payment, logistics, returns, after-sales, customer service), and the facts their retention runs
/// from (the live's end, the order's completion). Content is stored once, with its SHA-256, and never replaced.
/// </summary>
public sealed class EvidenceEndpoints(EvidenceStore store, EvidenceIntake intake, TimeProvider clock, ILogger<EvidenceEndpoints> logger)
{
    /// <summary>One record's content at most; longer recordings are pushed as segments.</summary>
    public const long MaxRecordBytes = 64L * 1024 * 1024;

    public const string StartHeader = "Evidence-Start";
    public const string EndHeader = "Evidence-End";
    public const string DigestHeader = "Content-Digest";

    // A time the platform reports may run ahead of our clock by this much.
    private static readonly Duration ClockSkew = Duration.FromMinutes(5);

    public Task<IResult> PushToSession(HttpRequest request, string sessionId, string kind, string recordId) =>
        Push(request, EvidenceScope.LiveSession, sessionId, kind, recordId);

    public Task<IResult> PushToOrder(HttpRequest request, string orderId, string kind, string recordId) =>
        Push(request, EvidenceScope.Order, orderId, kind, recordId);

    public async Task<IResult> UpdateSession(HttpRequest request, string sessionId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformApi))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<SessionEvidenceRequest>(request, cancellationToken: cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var v = new RequestValidator();
        v.Key(sessionId, "sessionId");
        var b = body.Value!;
        var roomId = b.RoomId is null ? null : v.Key(b.RoomId, "roomId");
        var merchantId = b.MerchantId is null ? null : v.Key(b.MerchantId, "merchantId");
        List<string>? hostIds = null;
        if (b.HostIds is not null)
        {
            hostIds = [.. v.OptionalList(b.HostIds, "hostIds", 50).Select((h, i) => v.Key(h, $"hostIds[{i}]"))];
        }

        var endedAt = NotInFuture(v.Time(b.EndedAt, "endedAt", required: false), "endedAt", v);
        bool? isKeyRoom = b.Tier switch
        {
            null => null,
            "key" => true,
            "standard" => false,
            _ => Invalid(v, "tier", $"'{b.Tier}' is not one of: key, standard."),
        };
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var folder = EvidenceFolder.Session(platform, sessionId);
        var (saved, conflict) = await intake.UpdateSessionAsync(folder, roomId, merchantId, hostIds, endedAt, isKeyRoom, cancellation);
        return conflict is not null
            ? TimelineConflict(conflict)
            : JsonText.Of(200, SessionBody(sessionId, saved!, records: null));
    }

    public async Task<IResult> UpdateOrder(HttpRequest request, string orderId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformApi))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<OrderEvidenceRequest>(request, cancellationToken: cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var v = new RequestValidator();
        v.Key(orderId, "orderId");
        var b = body.Value!;
        var sessionId = b.SessionId is null ? null : v.Key(b.SessionId, "sessionId");
        var sku = v.OptionalString(b.Sku, "sku", 100);
        var purchasedAt = NotInFuture(v.Time(b.PurchasedAt, "purchasedAt", required: false), "purchasedAt", v);
        var completedAt = NotInFuture(v.Time(b.CompletedAt, "completedAt", required: false), "completedAt", v);
        if (completedAt < purchasedAt)
        {
            v.Add("completedAt", "OUT_OF_RANGE", "'completedAt' is before 'purchasedAt'.");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var folder = EvidenceFolder.Order(platform, orderId);
        var (saved, conflict) = await intake.UpdateOrderAsync(folder, sessionId, sku, purchasedAt, completedAt, cancellation);
        return conflict is not null
            ? TimelineConflict(conflict)
            : JsonText.Of(200, OrderBody(orderId, saved!, records: null));
    }

    public async Task<IResult> GetSession(HttpRequest request, string sessionId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        if (!PlatformId.IsWellFormedKey(sessionId, 64))
        {
            return NotFound("live session", sessionId);
        }

        var folder = EvidenceFolder.Session(platform, sessionId);
        var timeline = await store.FindSessionTimelineAsync(folder, cancellation);
        var records = await store.ListRecordsAsync(folder, cancellation);
        return timeline is null && records.Count == 0
            ? NotFound("live session", sessionId)
            : JsonText.Of(200, SessionBody(sessionId, timeline ?? SessionTimeline.Empty, records));
    }

    public async Task<IResult> GetOrder(HttpRequest request, string orderId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        if (!PlatformId.IsWellFormedKey(orderId, 64))
        {
            return NotFound("order", orderId);
        }

        var folder = EvidenceFolder.Order(platform, orderId);
        var timeline = await store.FindOrderTimelineAsync(folder, cancellation);
        var records = await store.ListRecordsAsync(folder, cancellation);
        return timeline is null && records.Count == 0
            ? NotFound("order", orderId)
            : JsonText.Of(200, OrderBody(orderId, timeline ?? OrderTimeline.Empty, records));
    }

    private async Task<IResult> Push(HttpRequest request, EvidenceScope scope, string scopeId, string kindId, string recordId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformApi))
        {
            return problem;
        }

        var platform = caller.Platform;

        var v = new RequestValidator();
        v.Key(scopeId, scope == EvidenceScope.LiveSession ? "sessionId" : "orderId");
        v.Key(recordId, "recordId");
        if (!EvidenceRecordKind.TryParse(kindId, scope, out var kind))
        {
            v.Add("kind", "INVALID_VALUE", $"'{kindId}' is not one of: {string.Join(", ", EvidenceRecordKind.IdsOf(scope))}.");
        }

        var contentType = v.OptionalString(request.ContentType, "Content-Type", 200) ?? "application/octet-stream";
        var start = v.Time(Header(request, StartHeader), StartHeader, required: kind?.NeedsSpan == true);
        var end = v.Time(Header(request, EndHeader), EndHeader, required: kind?.NeedsSpan == true);
        if (end is not null && start is null && kind?.NeedsSpan != true)
        {
            v.Add(StartHeader, "REQUIRED", $"{EndHeader} needs {StartHeader}.");
        }
        else if (end < start)
        {
            v.Add(EndHeader, "OUT_OF_RANGE", $"{EndHeader} is before {StartHeader}.");
        }

        var expectedSha256 = ContentDigest.Sha256Of(Header(request, DigestHeader), v);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        if (request.ContentLength > MaxRecordBytes)
        {
            return TooLarge();
        }

        var cancellation = request.HttpContext.RequestAborted;
        var folder = new EvidenceFolder(platform, scope, scopeId);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var upload = await intake.PushAsync(folder, kind!, recordId, request.Body, contentType, start, end, expectedSha256, MaxRecordBytes, now, cancellation);
        switch (upload)
        {
            case EvidenceUpload.Stored stored:
                logger.LogInformation(
                    "Evidence {Kind} {RecordId} of {Folder} stored: {Size} bytes, sha256 {Sha256}",
                    kind!.Id, recordId, folder.Partition, stored.Record.Size, stored.Record.Sha256);
                return JsonText.Of(201, RecordBody(stored.Record), request.Path.Value);
            case EvidenceUpload.AlreadyStored same:
                return JsonText.Of(200, RecordBody(same.Record));
            case EvidenceUpload.Conflict conflict:
                return Problem.Conflict(
                    "EVIDENCE_RECORD_EXISTS",
                    $"Record '{recordId}' is stored with other content (sha256 {conflict.StoredSha256}, this body {conflict.SentSha256}). Evidence is never replaced; push a correction under a new recordId.");
            case EvidenceUpload.DigestMismatch mismatch:
                return Problem.BadRequest(
                    "DIGEST_MISMATCH",
                    $"The body's SHA-256 is {mismatch.Sha256}, not what {DigestHeader} says; nothing was stored.",
                    [new FieldError(DigestHeader, "DIGEST_MISMATCH", "The body does not match the digest.")]);
            case EvidenceUpload.TooLarge:
                return TooLarge();
            default:
                return Problem.Validation([new FieldError("body", "REQUIRED", "The record has no content.")]);
        }
    }

    private static object RecordBody(EvidenceRecord r) => new
    {
        kind = r.Kind.Id,
        recordId = r.RecordId,
        sha256 = r.Sha256,
        size = r.Size,
        contentType = r.ContentType,
        start = ApiTime.Format(r.Start),
        end = ApiTime.Format(r.End),
        receivedAt = ApiTime.Format(r.ReceivedAt),
        retainUntil = r.RetainUntil is { } until ? ApiTime.Format(until) : null,
        status = r.PurgedAt is null ? "kept" : "purged",
        purgedAt = ApiTime.Format(r.PurgedAt),
    };

    private static object SessionBody(string sessionId, SessionTimeline t, IReadOnlyList<EvidenceRecord>? records) => new
    {
        sessionId,
        roomId = t.RoomId,
        merchantId = t.MerchantId,
        hostIds = t.HostIds,
        endedAt = ApiTime.Format(t.EndedAt),
        tier = t.IsKeyRoom ? "key" : "standard",
        records = records?.Select(RecordBody),
    };

    private static object OrderBody(string orderId, OrderTimeline t, IReadOnlyList<EvidenceRecord>? records) => new
    {
        orderId,
        sessionId = t.SessionId,
        sku = t.Sku,
        purchasedAt = ApiTime.Format(t.PurchasedAt),
        completedAt = ApiTime.Format(t.CompletedAt),
        records = records?.Select(RecordBody),
    };

    private Instant? NotInFuture(Instant? value, string field, RequestValidator v)
    {
        if (value > Instant.FromDateTimeOffset(clock.GetUtcNow()) + ClockSkew)
        {
            v.Add(field, "OUT_OF_RANGE", $"'{field}' lies in the future.");
        }

        return value;
    }

    private static bool? Invalid(RequestValidator v, string field, string message)
    {
        v.Add(field, "INVALID_VALUE", message);
        return null;
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    private static Problem TimelineConflict(TimelineConflict conflict) =>
        Problem.Conflict("EVIDENCE_TIMELINE_CONFLICT", conflict.Message).With("field", conflict.Field);

    private static Problem TooLarge() =>
        Problem.PayloadTooLarge($"A record may be at most {MaxRecordBytes:N0} bytes; push longer recordings as segments.");

    private static Problem NotFound(string what, string id) =>
        Problem.NotFound("EVIDENCE_NOT_FOUND", $"No evidence for {what} '{id}'.");
}
