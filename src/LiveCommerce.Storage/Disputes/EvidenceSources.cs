using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Disputes;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Workflows.Disputes;
using NodaTime;

namespace LiveCommerce.Storage.Disputes;

/// <summary>
/// What each source holds for a dispute. Stored evidence is referenced (blob and the SHA-256 recorded at intake),
/// never copied here; documents (decisions, the pre-live record) are made from the stored review records, whose
/// identifiers are already masked. A kind the bundle must have but cannot is listed as missing, with why.
/// </summary>
public sealed class EvidenceSources(EvidenceStore evidence, QualificationStore qualification, LiveSessionStore sessions, StorageClients storage) : IEvidenceSources
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public Task<EvidenceGathered> GatherAsync(GatherRequest request, CancellationToken cancellationToken)
    {
        if (!PlatformId.TryParse(request.Dispute.Platform, out var platform))
        {
            throw new ArgumentException("Not a platform id.", nameof(request));
        }

        var dispute = request.Dispute;
        var session = EvidenceFolder.Session(platform, dispute.SessionId);
        var order = EvidenceFolder.Order(platform, dispute.OrderId);
        var purchasedAt = Instant.FromDateTimeOffset(dispute.PurchasedAt);
        return request.Source switch
        {
            // The replay clip: every segment overlapping the purchase's replay window.
            EvidenceSource.Replay => FromRecordsAsync(session, cancellationToken, (EvidenceRecordKind.Recording, "replay_video", "replay", Required: true, InWindow: true)),
            EvidenceSource.Interactions => FromRecordsAsync(session, cancellationToken, (EvidenceRecordKind.InteractionLog, "interaction_log", "interactions", Required: true, InWindow: true)),
            EvidenceSource.Claims => ClaimsAsync(session, order, purchasedAt, cancellationToken),
            EvidenceSource.Transactions => FromRecordsAsync(
                order,
                cancellationToken,
                (EvidenceRecordKind.Order, "order", "order/order", Required: true, InWindow: false),
                (EvidenceRecordKind.Payment, "payment", "order/payment", Required: true, InWindow: false),
                (EvidenceRecordKind.Logistics, "logistics", "order/logistics", Required: true, InWindow: false),
                (EvidenceRecordKind.Return, "return", "order/return", Required: false, InWindow: false),
                (EvidenceRecordKind.AfterSales, "after_sales", "order/after_sales", Required: false, InWindow: false),
                (EvidenceRecordKind.CustomerService, "customer_service", "order/customer_service", Required: false, InWindow: false)),
            EvidenceSource.Identities => IdentitiesAsync(platform, session, dispute.SessionId, cancellationToken),
            EvidenceSource.PreLive => PreLiveAsync(platform, dispute.SessionId, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Source, null),
        };

        Task<EvidenceGathered> FromRecordsAsync(EvidenceFolder folder, CancellationToken token, params (EvidenceRecordKind Kind, string Id, string Path, bool Required, bool InWindow)[] wanted) =>
            GatherRecordsAsync(folder, purchasedAt, wanted, token);
    }

    private async Task<EvidenceGathered> ClaimsAsync(EvidenceFolder session, EvidenceFolder order, Instant purchasedAt, CancellationToken cancellationToken)
    {
        var claims = await GatherRecordsAsync(session, purchasedAt, [(EvidenceRecordKind.ProductClaims, "product_claims", "claims", true, true), (EvidenceRecordKind.Correction, "correction", "corrections", false, false)], cancellationToken);
        var snapshot = await GatherRecordsAsync(order, purchasedAt, [(EvidenceRecordKind.PageSnapshot, "page_snapshot", "order/page_snapshot", true, false)], cancellationToken);
        return new EvidenceGathered([.. claims.Items, .. snapshot.Items], [.. claims.Missing, .. snapshot.Missing]);
    }

    private async Task<EvidenceGathered> GatherRecordsAsync(
        EvidenceFolder folder, Instant purchasedAt, (EvidenceRecordKind Kind, string Id, string Path, bool Required, bool InWindow)[] wanted, CancellationToken cancellationToken)
    {
        var records = await evidence.ListRecordsAsync(folder, cancellationToken);
        var items = new List<BundleItem>();
        var missing = new List<MissingItem>();
        foreach (var (kind, id, path, required, inWindow) in wanted)
        {
            var relevant = records
                .Where(r => r.Kind == kind && (!inWindow || ReplayWindow.Shows(r.Span, purchasedAt)))
                .OrderBy(r => r.Start)
                .ThenBy(r => r.RecordId, StringComparer.Ordinal)
                .ToList();
            items.AddRange(relevant.Where(r => r.PurgedAt is null).Select(r => new BundleItem(id, $"{path}/{r.RecordId}", r.BlobName, r.Sha256)));
            if (relevant.Any(r => r.PurgedAt is not null))
            {
                var purged = relevant.Where(r => r.PurgedAt is not null).Select(r => r.RecordId);
                missing.Add(new MissingItem(id, MissingItem.RetentionExpired, $"Purged after their retention: {string.Join(", ", purged)}."));
            }
            else if (required && relevant.Count == 0)
            {
                missing.Add(new MissingItem(id, MissingItem.NotFound, inWindow ? "Nothing was pushed for the replay window around the purchase." : "Nothing was pushed."));
            }
        }

        return new EvidenceGathered(items, missing);
    }

    /// <summary>The latest qualification decision of the merchant and of each host, as stored (identifiers masked).</summary>
    private async Task<EvidenceGathered> IdentitiesAsync(PlatformId platform, EvidenceFolder session, string sessionId, CancellationToken cancellationToken)
    {
        var timeline = await evidence.FindSessionTimelineAsync(session, cancellationToken);
        var preLive = await sessions.FindSessionAsync(platform, sessionId, cancellationToken);
        var merchantId = timeline?.MerchantId ?? preLive?.MerchantId;
        var hostIds = timeline?.HostIds is { Count: > 0 } fromTimeline ? fromTimeline : preLive?.HostIds ?? [];

        var items = new List<BundleItem>();
        var missing = new List<MissingItem>();
        if (merchantId is null)
        {
            missing.Add(new MissingItem("merchant_identity", MissingItem.NotFound, "The session names no merchant."));
        }
        else
        {
            await AddDecisionAsync(SubjectKind.Merchant, "merchant_identity", merchantId, $"identities/merchant-{merchantId}.json");
        }

        if (hostIds.Count == 0)
        {
            missing.Add(new MissingItem("host_identity", MissingItem.NotFound, "The session names no host."));
        }

        foreach (var hostId in hostIds)
        {
            await AddDecisionAsync(SubjectKind.Host, "host_identity", hostId, $"identities/host-{hostId}.json");
        }

        return new EvidenceGathered(items, missing);

        async Task AddDecisionAsync(SubjectKind kind, string id, string accountId, string path)
        {
            var standing = await qualification.FindStandingAsync(platform, kind, accountId, cancellationToken);
            var decision = standing is null ? null : await qualification.FindCheckBodyAsync(platform, kind, accountId, standing.CheckId, cancellationToken);
            if (decision is null)
            {
                missing.Add(new MissingItem(id, MissingItem.NotFound, $"No qualification decision for {(kind == SubjectKind.Merchant ? "merchant" : "host")} '{accountId}'."));
                return;
            }

            var document = new JsonObject
            {
                ["role"] = kind == SubjectKind.Merchant ? "merchant" : "host",
                ["accountId"] = accountId,
                ["decision"] = JsonNode.Parse(decision),
            };
            items.Add(new BundleItem(id, path, Document: document.ToJsonString(Json)));
        }
    }

    /// <summary>The pre-live verification record of the session and its items' screening decisions.</summary>
    private async Task<EvidenceGathered> PreLiveAsync(PlatformId platform, string sessionId, CancellationToken cancellationToken)
    {
        var session = await sessions.FindSessionAsync(platform, sessionId, cancellationToken);
        if (session is null)
        {
            return new EvidenceGathered([], [new MissingItem("pre_live_verification", MissingItem.NotFound, "No pre-live check was run for the session.")]);
        }

        var outcome = await sessions.FindOutcomeAsync(platform, sessionId, cancellationToken);
        var document = new JsonObject
        {
            ["sessionId"] = session.SessionId,
            ["roomId"] = session.RoomId,
            ["merchantId"] = session.MerchantId,
            ["hostIds"] = new JsonArray([.. session.HostIds.Select(h => JsonValue.Create(h))]),
            ["scheduledStart"] = session.ScheduledStart.ToString("O"),
            ["outcome"] = outcome is null ? null : JsonNode.Parse(outcome),
        };
        var items = new List<BundleItem> { new("pre_live_verification", "pre-live/verification.json", Document: document.ToJsonString(Json)) };

        // Written by the pre-live check's screening (SessionItemScreening), create-only.
        var screening = $"{platform.Value}/live-sessions/{sessionId}/pre-live/screening.json";
        if (await storage.Container(StorageNames.EvidenceContainer).GetBlobClient(screening).ExistsAsync(cancellationToken))
        {
            items.Add(new BundleItem("screening_decisions", "pre-live/screening.json", screening));
        }

        return new EvidenceGathered(items, outcome is null ? [new MissingItem("pre_live_verification", MissingItem.NotFound, "The pre-live check has no outcome yet.")] : []);
    }
}
