using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using LiveCommerce.Domain;

namespace LiveCommerce.Storage.Screening;

/// <summary>One listing (a product a merchant offers on the platform), as the platform last sent it.</summary>
public sealed record ListingRecord(string Sku, string MerchantId, string Title, string? Description, string? Category, string? Brand, bool Active, DateTimeOffset UpdatedAt)
{
    /// <summary>SHA-256 of what screening reads: a screening of other content is not this listing's.</summary>
    public string ContentSha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\u001f', MerchantId, Title, Description ?? "\u0000", Category ?? "\u0000", Brand ?? "\u0000"))));
}

/// <summary>The latest verdict of one listing against one negative list, and which version and content gave it.</summary>
public sealed record ListingScreening(
    string Sku, string ListId, int ListVersion, string Verdict, string MatchesJson, string ContentSha256, DateTimeOffset ScreenedAt, string CorrelationId);

/// <summary>
/// A platform's listings and their latest screenings, table <c>listings</c>, one partition per platform: rows
/// <c>listing|{sku}</c> and <c>screening|{sku}|{listId}</c>. A re-screen writes its verdicts 100 to a transaction.
/// A screening keeps the content hash it was made on, so a listing changed since shows none until screened again.
/// </summary>
public sealed class ListingStore(StorageClients clients)
{
    private const int TransactionLimit = 100;

    private TableClient Table => clients.Table(StorageNames.ListingsTable);

    public async Task PutAsync(PlatformId platform, ListingRecord listing, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(
            new TableEntity(platform.Value, ListingRow(listing.Sku))
            {
                ["MerchantId"] = listing.MerchantId,
                ["Title"] = listing.Title,
                ["Description"] = listing.Description,
                ["Category"] = listing.Category,
                ["Brand"] = listing.Brand,
                ["Active"] = listing.Active,
                ["UpdatedAt"] = listing.UpdatedAt,
                ["ContentSha256"] = listing.ContentSha256,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    /// <summary>The listing and the screenings of its current content; null when there is no such listing.</summary>
    public async Task<(ListingRecord Listing, IReadOnlyList<ListingScreening> Screenings)?> FindAsync(PlatformId platform, string sku, CancellationToken cancellationToken)
    {
        var row = Table.GetEntityIfExistsAsync<TableEntity>(platform.Value, ListingRow(sku), cancellationToken: cancellationToken);
        var prefix = $"screening|{sku}|";
        var screenings = new List<ListingScreening>();
        await foreach (var e in Table.QueryAsync<TableEntity>(PrefixFilter(platform, prefix), cancellationToken: cancellationToken))
        {
            screenings.Add(ScreeningOf(e));
        }

        var found = await row;
        if (!found.HasValue)
        {
            return null;
        }

        var listing = ListingOf(found.Value!);
        return (listing, [.. screenings.Where(s => s.ContentSha256 == listing.ContentSha256).OrderBy(s => s.ListId, StringComparer.Ordinal)]);
    }

    public async IAsyncEnumerable<ListingRecord> ActiveAsync(PlatformId platform, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = $"{PrefixFilter(platform, "listing|")} and Active eq true";
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return ListingOf(e);
        }
    }

    /// <summary>For each sku screened against <paramref name="listId"/>: the list version and the content hash.</summary>
    public async Task<Dictionary<string, (int Version, string ContentSha256)>> ScreenedAgainstAsync(PlatformId platform, string listId, CancellationToken cancellationToken)
    {
        var screened = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        var filter = $"{PrefixFilter(platform, "screening|")} and {TableClient.CreateQueryFilter($"ListId eq {listId}")}";
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, select: ["Sku", "ListVersion", "ContentSha256"], cancellationToken: cancellationToken))
        {
            screened[e.GetString("Sku") ?? string.Empty] = (e.GetInt32("ListVersion") ?? 0, e.GetString("ContentSha256") ?? string.Empty);
        }

        return screened;
    }

    public async Task SaveScreeningsAsync(PlatformId platform, IReadOnlyList<ListingScreening> screenings, CancellationToken cancellationToken)
    {
        foreach (var chunk in screenings.Chunk(TransactionLimit))
        {
            await Table.SubmitTransactionAsync(
                chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(platform.Value, $"screening|{s.Sku}|{s.ListId}")
                {
                    ["Sku"] = s.Sku,
                    ["ListId"] = s.ListId,
                    ["ListVersion"] = s.ListVersion,
                    ["Verdict"] = s.Verdict,
                    ["Matches"] = s.MatchesJson,
                    ["ContentSha256"] = s.ContentSha256,
                    ["ScreenedAt"] = s.ScreenedAt,
                    ["CorrelationId"] = s.CorrelationId,
                })),
                cancellationToken);
        }
    }

    private static string ListingRow(string sku) => "listing|" + sku;

    // Row keys "{prefix}..." sort between the prefix and the prefix with its last character ('|') bumped to '}'.
    private static string PrefixFilter(PlatformId platform, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {platform.Value} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");

    private static ListingRecord ListingOf(TableEntity e) => new(
        e.RowKey["listing|".Length..],
        e.GetString("MerchantId") ?? string.Empty,
        e.GetString("Title") ?? string.Empty,
        e.GetString("Description"),
        e.GetString("Category"),
        e.GetString("Brand"),
        e.GetBoolean("Active") ?? false,
        e.GetDateTimeOffset("UpdatedAt") ?? default);

    private static ListingScreening ScreeningOf(TableEntity e) => new(
        e.GetString("Sku") ?? string.Empty,
        e.GetString("ListId") ?? string.Empty,
        e.GetInt32("ListVersion") ?? 0,
        e.GetString("Verdict") ?? string.Empty,
        e.GetString("Matches") ?? "[]",
        e.GetString("ContentSha256") ?? string.Empty,
        e.GetDateTimeOffset("ScreenedAt") ?? default,
        e.GetString("CorrelationId") ?? string.Empty);
}
