using System.Text.Json;
using LiveCommerce.Domain;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Screening;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Screening;

/// <summary>
/// Extension: a platform's listings, so that a <c>listing_rescreen</c> background check can screen every active one
/// against a new negative-list version and keep the verdicts. <c>PUT</c> replaces a listing; <c>GET</c> shows it with
/// the latest screening per list of its current content.
/// </summary>
public sealed class ListingEndpoints(ListingStore listings, TimeProvider clock)
{
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly string[] Statuses = ["active", "inactive"];

    public async Task<IResult> Put(HttpRequest request, string sku)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformApi))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<ListingRequest>(request, MaxBodyBytes, cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        var v = new RequestValidator();
        v.Key(sku, "sku");
        var merchantId = v.Key(b.MerchantId, "merchantId");
        var title = v.RequiredString(b.Title, "title", 500);
        var description = v.OptionalString(b.Description, "description", 10_000);
        var category = v.OptionalString(b.Category, "category", 100);
        var brand = v.OptionalString(b.Brand, "brand", 200);
        if (b.Status is not (null or "active" or "inactive"))
        {
            v.Add("status", "INVALID_VALUE", $"'{b.Status}' is not one of: {string.Join(", ", Statuses)}.");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var listing = new ListingRecord(sku, merchantId, title, description, category, brand, b.Status != "inactive", clock.GetUtcNow());
        await listings.PutAsync(platform, listing, cancellation);
        var stored = await listings.FindAsync(platform, sku, cancellation);
        return JsonText.Of(200, BodyOf(stored?.Listing ?? listing, stored?.Screenings ?? []));
    }

    public async Task<IResult> Get(HttpRequest request, string sku)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        var found = PlatformId.IsWellFormedKey(sku, 64) ? await listings.FindAsync(platform, sku, request.HttpContext.RequestAborted) : null;
        return found is { } f
            ? JsonText.Of(200, BodyOf(f.Listing, f.Screenings))
            : Problem.NotFound("LISTING_NOT_FOUND", $"No listing '{sku}'.");
    }

    private static object BodyOf(ListingRecord listing, IReadOnlyList<ListingScreening> screenings) => new
    {
        sku = listing.Sku,
        merchantId = listing.MerchantId,
        title = listing.Title,
        description = listing.Description,
        category = listing.Category,
        brand = listing.Brand,
        status = listing.Active ? "active" : "inactive",
        updatedAt = ApiTime.Format(NodaTime.Instant.FromDateTimeOffset(listing.UpdatedAt)),
        screenings = screenings.Select(s => new
        {
            listId = s.ListId,
            listVersion = s.ListVersion,
            verdict = s.Verdict,
            matches = JsonSerializer.Deserialize<JsonElement>(s.MatchesJson),
            screenedAt = ApiTime.Format(NodaTime.Instant.FromDateTimeOffset(s.ScreenedAt)),
            correlationId = s.CorrelationId,
        }),
    };
}
