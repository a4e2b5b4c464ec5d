using LiveCommerce.Domain;
using LiveCommerce.Domain.Disputes;
using NodaTime;

namespace LiveCommerce.Storage.Disputes;

/// <summary>Why a timeline change was refused: it would move a retention anchor earlier, or rewrite a fact.</summary>
public sealed record TimelineConflict(string Field, string Message);

/// <summary>
/// Takes in pushed evidence: records (content never replaced; the same content again is a no-op) and the facts
/// their retention depends on. Retention anchors only ever move later, so nothing is kept shorter than once promised.
/// </summary>
public sealed class EvidenceIntake(EvidenceStore store, EvidenceRetention retention)
{
    public async Task<EvidenceUpload> PushAsync(
        EvidenceFolder folder,
        EvidenceRecordKind kind,
        string recordId,
        Stream content,
        string contentType,
        Instant? start,
        Instant? end,
        string? expectedSha256,
        long maxBytes,
        Instant now,
        CancellationToken cancellationToken)
    {
        var existing = await store.FindRecordAsync(folder, kind, recordId, cancellationToken);
        if (existing is not null)
        {
            return await CompareAsync(existing.Sha256, existing, content, expectedSha256, maxBytes, cancellationToken);
        }

        var blobName = folder.BlobName(kind, recordId);
        StoredContent stored;
        switch (await store.WriteContentAsync(blobName, content, contentType, expectedSha256, maxBytes, cancellationToken))
        {
            case ContentWrite.Written written:
                stored = written.Content;
                break;
            case ContentWrite.Existed { Content.Sha256: var storedSha, SentSha256: var sent } when storedSha != sent:
                return new EvidenceUpload.Conflict(storedSha, sent);
            case ContentWrite.Existed existed:
                stored = existed.Content; // an earlier attempt stored the content but not its row
                break;
            case ContentWrite.DigestMismatch mismatch:
                return new EvidenceUpload.DigestMismatch(mismatch.Sha256);
            case ContentWrite.TooLarge:
                return new EvidenceUpload.TooLarge();
            default:
                return new EvidenceUpload.Empty();
        }

        var record = new EvidenceRecord(kind, recordId, blobName, stored.Sha256, stored.Size, contentType, start, end, now, null);
        var rule = await retention.RuleForAsync(folder, cancellationToken);
        record = record with { RetainUntil = rule(record) };
        if (!await store.AddRecordAsync(folder, record, cancellationToken))
        {
            var winner = (await store.FindRecordAsync(folder, kind, recordId, cancellationToken))!;
            return winner.Sha256 == stored.Sha256 ? new EvidenceUpload.AlreadyStored(winner) : new EvidenceUpload.Conflict(winner.Sha256, stored.Sha256);
        }

        await store.HintAsync(folder, [record], cancellationToken);
        return new EvidenceUpload.Stored(record);
    }

    /// <summary>
    /// Sets what the request carries of a session's timeline. The end of the live may move later, never earlier;
    /// a key room stays one; the room and merchant are facts set once.
    /// </summary>
    public async Task<(SessionTimeline? Saved, TimelineConflict? Conflict)> UpdateSessionAsync(
        EvidenceFolder folder, string? roomId, string? merchantId, IReadOnlyList<string>? hostIds, Instant? endedAt, bool? isKeyRoom, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await store.FindSessionTimelineAsync(folder, cancellationToken) ?? SessionTimeline.Empty;
            var conflict =
                SetOnce("roomId", current.RoomId, roomId) ??
                SetOnce("merchantId", current.MerchantId, merchantId) ??
                (endedAt < current.EndedAt ? new TimelineConflict("endedAt", "The live's end may move later, never earlier: records are kept from it.") : null) ??
                (isKeyRoom == false && current.IsKeyRoom ? new TimelineConflict("tier", "A key room's records are kept longer; the tier cannot go back to standard.") : null);
            if (conflict is not null)
            {
                return (null, conflict);
            }

            var next = current with
            {
                RoomId = roomId ?? current.RoomId,
                MerchantId = merchantId ?? current.MerchantId,
                HostIds = hostIds ?? current.HostIds,
                EndedAt = endedAt ?? current.EndedAt,
                IsKeyRoom = isKeyRoom ?? current.IsKeyRoom,
            };
            if (!await store.SaveSessionTimelineAsync(folder, next, cancellationToken))
            {
                continue;
            }

            if (next.EndedAt != current.EndedAt || next.IsKeyRoom != current.IsKeyRoom)
            {
                await retention.RefreshAsync(folder, which: null, cancellationToken);
            }

            return (await store.FindSessionTimelineAsync(folder, cancellationToken), null);
        }

        throw new InvalidOperationException($"The timeline of {folder.Partition} kept changing.");
    }

    /// <summary>
    /// Sets what the request carries of an order's timeline. The session, sku and purchase time are facts set once;
    /// completion may move later, never earlier. The session's records that show the purchase are then held for as
    /// long as the order's transaction information.
    /// </summary>
    public async Task<(OrderTimeline? Saved, TimelineConflict? Conflict)> UpdateOrderAsync(
        EvidenceFolder folder, string? sessionId, string? sku, Instant? purchasedAt, Instant? completedAt, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await store.FindOrderTimelineAsync(folder, cancellationToken) ?? OrderTimeline.Empty;
            var conflict =
                SetOnce("sessionId", current.SessionId, sessionId) ??
                SetOnce("sku", current.Sku, sku) ??
                (purchasedAt is not null && current.PurchasedAt is not null && purchasedAt != current.PurchasedAt ? new TimelineConflict("purchasedAt", "The purchase time is a fact; it cannot change.") : null) ??
                (completedAt < current.CompletedAt ? new TimelineConflict("completedAt", "Completion may move later, never earlier: transaction records are kept from it.") : null);
            if (conflict is not null)
            {
                return (null, conflict);
            }

            var next = current with
            {
                SessionId = sessionId ?? current.SessionId,
                Sku = sku ?? current.Sku,
                PurchasedAt = purchasedAt ?? current.PurchasedAt,
                CompletedAt = completedAt ?? current.CompletedAt,
            };
            if (!await store.SaveOrderTimelineAsync(folder, next, cancellationToken))
            {
                continue;
            }

            if (next.CompletedAt != current.CompletedAt)
            {
                await retention.RefreshAsync(folder, which: null, cancellationToken);
            }

            // Every time, so a retry after a failure here still holds the session's records.
            if (next is { SessionId: { } session, PurchasedAt: { } purchased })
            {
                var sessionFolder = EvidenceFolder.Session(folder.Platform, session);
                var completedOn = next.CompletedAt is { } completed ? ChinaTime.DateOf(completed) : (LocalDate?)null;
                await store.RecordSaleAsync(sessionFolder, folder.ScopeId, purchased, completedOn, cancellationToken);
                await retention.RefreshAsync(sessionFolder, r => r.Kind.IsLiveContent && ReplayWindow.Shows(r.Span, purchased), cancellationToken);
            }

            return (await store.FindOrderTimelineAsync(folder, cancellationToken), null);
        }

        throw new InvalidOperationException($"The timeline of {folder.Partition} kept changing.");
    }

    private static async Task<EvidenceUpload> CompareAsync(
        string storedSha256, EvidenceRecord existing, Stream content, string? expectedSha256, long maxBytes, CancellationToken cancellationToken)
    {
        var sent = await EvidenceStore.HashAsync(content, maxBytes, cancellationToken);
        if (sent is null)
        {
            return new EvidenceUpload.TooLarge();
        }

        if (expectedSha256 is not null && expectedSha256 != sent.Sha256)
        {
            return new EvidenceUpload.DigestMismatch(sent.Sha256);
        }

        return sent.Sha256 == storedSha256 ? new EvidenceUpload.AlreadyStored(existing) : new EvidenceUpload.Conflict(storedSha256, sent.Sha256);
    }

    private static TimelineConflict? SetOnce(string field, string? current, string? requested) =>
        requested is not null && current is not null && requested != current
            ? new TimelineConflict(field, $"'{field}' is already '{current}'; it cannot change.")
            : null;
}
