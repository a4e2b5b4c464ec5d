using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Screening;

namespace LiveCommerce.Storage.Screening;

/// <summary>One immutable version of a platform's negative list, with the verdict rules it was put with.</summary>
public sealed record NegativeListVersion(string ListId, int Version, int EntryCount, string Sha256, DateTimeOffset CreatedAt, string BlobName)
{
    /// <summary>How each match kind counts toward a verdict (versions stored before rules existed have the defaults).</summary>
    public VerdictRules Rules { get; init; } = VerdictRules.Default;
}

/// <summary>
/// Negative lists, each PUT a new immutable version. The entries go to a content-addressed blob (create-only, so the
/// same bytes are stored once and never overwritten), then a version row commits with the list's latest-version
/// pointer in one transaction guarded by its ETag, so concurrent PUTs get consecutive versions and none is lost.
/// Table <c>screening</c>, partition <c>{platform}|{listId}</c>: the pointer <c>list|{partition}</c> and the versions
/// <c>v|{n}</c>.
/// </summary>
public sealed class NegativeListStore(StorageClients clients)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => clients.Table(StorageNames.ScreeningTable);

    public async Task<NegativeListVersion> AddVersionAsync(PlatformId platform, string listId, IReadOnlyList<NegativeListEntry> entries, VerdictRules rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(entries.Select(e => new StoredEntry(e.Term, e.Category, e.Severity == Severity.Prohibited ? "prohibited" : "restricted", e.RequiredLicence)), Json);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var blobName = $"{platform.Value}/{listId}/{sha}.json";
        // Content-addressed: if the blob exists, the same entries were stored before and that blob is this version's too.
        await clients.Container(StorageNames.NegativeListsContainer).GetBlobClient(blobName).UploadIfAbsentAsync(new BinaryData(bytes), cancellationToken);

        var partition = PartitionOf(platform, listId);
        for (var attempt = 0; ; attempt++)
        {
            var head = await Table.GetEntityIfExistsAsync<TableEntity>(partition, ListRow(partition), cancellationToken: cancellationToken);
            var version = head.HasValue ? (head.Value!.GetInt32("LatestVersion") ?? 0) + 1 : 1;
            var pointer = new TableEntity(partition, ListRow(partition)) { ["LatestVersion"] = version };
            var row = new TableEntity(partition, VersionRow(version))
            {
                ["EntryCount"] = entries.Count,
                ["Sha256"] = sha,
                ["BlobName"] = blobName,
                ["CreatedAt"] = now,
                ["VerdictRules"] = RulesJson(rules),
            };
            TableTransactionAction[] actions =
            [
                head.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, pointer, head.Value!.ETag)
                    : new(TableTransactionActionType.Add, pointer),
                new(TableTransactionActionType.Add, row),
            ];
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                return new NegativeListVersion(listId, version, entries.Count, sha, now, blobName) { Rules = rules };
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < 20)
            {
                // Another PUT took this version number first: read the pointer again.
            }
        }
    }

    /// <summary>The version asked for, or the latest when <paramref name="version"/> is null; null when there is none.</summary>
    public async Task<NegativeListVersion?> FindVersionAsync(PlatformId platform, string listId, int? version, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, listId);
        if (version is null)
        {
            var head = await Table.GetEntityIfExistsAsync<TableEntity>(partition, ListRow(partition), cancellationToken: cancellationToken);
            if (!head.HasValue)
            {
                return null;
            }

            version = head.Value!.GetInt32("LatestVersion");
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, VersionRow(version!.Value), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var e = row.Value!;
        return new NegativeListVersion(listId, version.Value, e.GetInt32("EntryCount") ?? 0, e.GetString("Sha256") ?? string.Empty, e.GetDateTimeOffset("CreatedAt") ?? default, e.GetString("BlobName") ?? string.Empty)
        {
            Rules = RulesOf(e.GetString("VerdictRules")),
        };
    }

    public async Task<IReadOnlyList<NegativeListEntry>> LoadEntriesAsync(NegativeListVersion version, CancellationToken cancellationToken)
    {
        var content = await clients.Container(StorageNames.NegativeListsContainer).GetBlobClient(version.BlobName).DownloadContentAsync(cancellationToken);
        var stored = content.Value.Content.ToObjectFromJson<StoredEntry[]>(Json) ?? [];
        return [.. stored.Select(e => new NegativeListEntry(e.Term, e.Category, e.Severity == "prohibited" ? Severity.Prohibited : Severity.Restricted, e.RequiredLicence))];
    }

    // Stored as the wire names, so that a stored version reads back the same whatever the enums' order.
    private static string RulesJson(VerdictRules rules) => JsonSerializer.Serialize(
        new StoredRules(rules.Effects.ToDictionary(e => e.Key.Id(), e => e.Value.Id()), rules.MinBlockConfidence), Json);

    private static VerdictRules RulesOf(string? json)
    {
        if (json is null || JsonSerializer.Deserialize<StoredRules>(json, Json) is not { } stored)
        {
            return VerdictRules.Default;
        }

        var effects = new Dictionary<MatchKind, MatchEffect>();
        foreach (var (kind, effect) in stored.Kinds ?? [])
        {
            if (MatchKindIds.TryParseKind(kind, out var k) && MatchKindIds.TryParseEffect(effect, out var e))
            {
                effects[k] = e;
            }
        }

        return VerdictRules.With(effects, stored.MinBlockConfidence);
    }

    private static string PartitionOf(PlatformId platform, string listId) => $"{platform.Value}|{listId}";

    private static string ListRow(string partition) => SingleRowKey.Of("list", partition);

    private static string VersionRow(int version) => $"v|{version:D10}";

    private sealed record StoredRules(Dictionary<string, string>? Kinds, double? MinBlockConfidence);

    private sealed record StoredEntry(string Term, string Category, string Severity, string? RequiredLicence);
}
