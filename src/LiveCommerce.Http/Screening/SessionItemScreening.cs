using System.Text.Json;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Screening;
using LiveCommerce.Http.Json;
using LiveCommerce.Storage;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Storage.Screening;
using LiveCommerce.Workflows.Identity;
using NodaTime;

namespace LiveCommerce.Http.Screening;

/// <summary>
/// The pre-live check's screening: the same engine, list versions and licence rules as
/// <c>POST /api/product-screenings</c>, with the decisions kept create-only in the evidence container under
/// <c>{platform}/live-sessions/{sessionId}/pre-live/screening.json</c> (the intake layout) for the session's verification record.
/// </summary>
public sealed class SessionItemScreening(
    NegativeListStore lists,
    NegativeListMatchers matchers,
    AccountStandings standings,
    StorageClients storage,
    TimeProvider clock) : ISessionItemScreening
{
    public const string ItemProhibited = "ITEM_PROHIBITED";
    public const string ItemRestricted = "ITEM_RESTRICTED";

    public async Task<IReadOnlyList<Reason>> ScreenAsync(SessionScreeningRequest request, CancellationToken cancellationToken)
    {
        if (!PlatformId.TryParse(request.Platform, out var platform))
        {
            throw new ArgumentException("Not a platform id.", nameof(request));
        }

        var version = await lists.FindVersionAsync(platform, request.ListId, null, cancellationToken);
        if (version is null)
        {
            return [new Reason("LIST_NOT_FOUND", $"No negative list '{request.ListId}' to screen the session's items against.", "listId")];
        }

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var standing = await standings.GetAsync(platform, SubjectKind.Merchant, request.MerchantId, now, cancellationToken);
        var items = request.Items.Select(i => new ScreeningItem(i.Sku, i.Title, i.Description, i.Category, i.Brand)).ToList();
        var verdicts = ProductScreening.Screen(await matchers.GetAsync(platform, version, cancellationToken), items, StoredLicences.HoldingOn(standing, ChinaTime.DateOf(now)), version.Rules);

        var record = JsonSerializer.SerializeToUtf8Bytes(new
        {
            sessionId = request.SessionId,
            listId = version.ListId,
            listVersion = version.Version,
            screenedAt = ApiTime.Format(now),
            results = verdicts.Select(r => new { sku = r.Sku, verdict = ScreeningEndpoints.VerdictId(r.Verdict), matches = r.Matches.Select(ScreeningEndpoints.MatchBody) }),
        }, ApiJson.Options);
        // A re-run of the activity finds the blob there: the record of the first run stands.
        await storage.Container(StorageNames.EvidenceContainer)
            .GetBlobClient($"{platform.Value}/live-sessions/{request.SessionId}/pre-live/screening.json")
            .UploadIfAbsentAsync(new BinaryData(record), cancellationToken);

        return [.. verdicts.Select((v, i) => (Verdict: v, Index: i))
            .Where(x => x.Verdict.Verdict is ScreeningVerdict.Prohibited or ScreeningVerdict.Restricted)
            .Select(x => x.Verdict.Verdict == ScreeningVerdict.Prohibited
                ? new Reason(ItemProhibited, $"Item '{x.Verdict.Sku}' matches prohibited terms: {string.Join(", ", x.Verdict.Matches.Select(m => m.Term).Distinct())}.", $"items[{x.Index}]")
                : new Reason(ItemRestricted, $"Item '{x.Verdict.Sku}' needs a licence the merchant does not hold: {string.Join(", ", x.Verdict.Matches.Select(m => m.Term).Distinct())}.", $"items[{x.Index}]"))];
    }
}
