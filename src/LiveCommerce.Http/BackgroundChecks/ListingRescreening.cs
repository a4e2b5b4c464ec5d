using System.Text.Json;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Screening;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Screening;
using LiveCommerce.Storage.BackgroundChecks;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Storage.Screening;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Http.BackgroundChecks;

/// <summary>
/// Screens a platform's active listings against a negative list version, with each merchant's licences as
/// <c>POST /api/product-screenings</c> does, and keeps each listing's latest verdict per list. A listing already
/// screened against this version or a later one (and unchanged since) is skipped, so an older message arriving late
/// never overwrites a newer verdict, and a re-delivery rewrites nothing.
/// </summary>
public sealed class ListingRescreening(
    NegativeListStore lists,
    NegativeListMatchers matchers,
    ListingStore listings,
    AccountStandings standings,
    ProcessedMessages processed,
    TimeProvider clock,
    ILogger<ListingRescreening> logger)
{
    public async Task<BackgroundCheckOutcome> RescreenAsync(BackgroundCheckMessage message, ListingRescreen check, CancellationToken cancellationToken)
    {
        var platform = message.Platform;
        if (await processed.WasProcessedAsync(platform, message.MessageId, cancellationToken))
        {
            return new BackgroundCheckOutcome.Duplicate();
        }

        var version = await lists.FindVersionAsync(platform, check.ListId, check.ListVersion, cancellationToken);
        if (version is null)
        {
            return check.ListVersion is null
                ? new BackgroundCheckOutcome.Unprocessable("LIST_NOT_FOUND", $"No negative list '{check.ListId}'.")
                : new BackgroundCheckOutcome.Unprocessable("LIST_VERSION_NOT_FOUND", $"Negative list '{check.ListId}' has no version {check.ListVersion}.");
        }

        var matcher = await matchers.GetAsync(platform, version, cancellationToken);
        var screened = await listings.ScreenedAgainstAsync(platform, check.ListId, cancellationToken);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var licences = new Dictionary<string, Func<string, bool>>(StringComparer.Ordinal);
        var results = new List<ListingScreening>();
        var skipped = 0;
        await foreach (var listing in listings.ActiveAsync(platform, cancellationToken))
        {
            if (screened.TryGetValue(listing.Sku, out var earlier) && earlier.Version >= version.Version && earlier.ContentSha256 == listing.ContentSha256)
            {
                skipped++;
                continue;
            }

            if (!licences.TryGetValue(listing.MerchantId, out var holds))
            {
                var standing = await standings.GetAsync(platform, SubjectKind.Merchant, listing.MerchantId, Instant.FromDateTimeOffset(now), cancellationToken);
                licences[listing.MerchantId] = holds = StoredLicences.HoldingOn(standing, today);
            }

            var verdict = ProductScreening.Screen(matcher, new ScreeningItem(listing.Sku, listing.Title, listing.Description, listing.Category, listing.Brand), holds, version.Rules);
            var matches = JsonSerializer.Serialize(verdict.Matches.Select(ScreeningEndpoints.MatchBody), ApiJson.Options);
            results.Add(new ListingScreening(listing.Sku, version.ListId, version.Version, ScreeningEndpoints.VerdictId(verdict.Verdict), matches, listing.ContentSha256, now, message.CorrelationId));
        }

        await listings.SaveScreeningsAsync(platform, results, cancellationToken);
        var summary = $"{results.Count} listing(s) screened against {version.ListId} v{version.Version} " +
            $"({results.Count(r => r.Verdict == "prohibited")} prohibited, {results.Count(r => r.Verdict == "restricted")} restricted), {skipped} already screened";
        await processed.RecordAsync(platform, message.MessageId, message.Check.Kind, message.CorrelationId, summary, Instant.FromDateTimeOffset(now), cancellationToken);
        logger.LogInformation("Re-screened listings of {Platform}: {Summary}", platform.Value, summary);
        return new BackgroundCheckOutcome.Done(summary);
    }
}
