using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using LiveCommerce.Domain.KeyRooms;

namespace LiveCommerce.Storage.KeyRooms;

/// <summary>A platform's key-room thresholds as stored: every PUT is a new version, so a tier can be traced to its rule.</summary>
public sealed record StoredThresholds(int Version, KeyRoomThresholds Thresholds, DateTimeOffset UpdatedAt);

/// <summary>
/// Per-platform key-room thresholds. Each version is a create-only row; the <c>current|{partition}</c> pointer moves in
/// the same transaction, guarded by its ETag, so concurrent PUTs get consecutive versions and none is lost.
/// Table <c>keyrooms</c>, partition <c>{platform}|thresholds</c>.
/// </summary>
public sealed class KeyRoomThresholdStore(StorageClients clients)
{
    private const string CurrentKind = "current";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => clients.Table(StorageNames.KeyRoomsTable);

    /// <summary>The platform's current thresholds, or null when it never stored any (the defaults apply).</summary>
    public async Task<StoredThresholds?> FindAsync(PlatformId platform, CancellationToken cancellationToken)
    {
        var current = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(platform), CurrentRow(platform), cancellationToken: cancellationToken);
        return current.HasValue ? Read(current.Value!) : null;
    }

    public async Task<StoredThresholds> ReplaceAsync(PlatformId platform, KeyRoomThresholds thresholds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform);
        var json = JsonSerializer.Serialize(ThresholdsDocument.Of(thresholds), Json);
        for (var attempt = 0; ; attempt++)
        {
            var head = await Table.GetEntityIfExistsAsync<TableEntity>(partition, CurrentRow(platform), cancellationToken: cancellationToken);
            var version = head.HasValue ? (head.Value!.GetInt32("Version") ?? 0) + 1 : 1;
            TableEntity Row(string rowKey) => new(partition, rowKey) { ["Version"] = version, ["Thresholds"] = json, ["UpdatedAt"] = now };
            TableTransactionAction[] actions =
            [
                head.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, Row(CurrentRow(platform)), head.Value!.ETag)
                    : new(TableTransactionActionType.Add, Row(CurrentRow(platform))),
                new(TableTransactionActionType.Add, Row($"v|{version:D10}")),
            ];
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                return new StoredThresholds(version, thresholds, now);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < 20)
            {
                // Another PUT took this version first: read the pointer again.
            }
        }
    }

    private static StoredThresholds Read(TableEntity row) => new(
        row.GetInt32("Version") ?? 0,
        JsonSerializer.Deserialize<ThresholdsDocument>(row.GetString("Thresholds") ?? "{}", Json)!.ToThresholds(),
        row.GetDateTimeOffset("UpdatedAt") ?? default);

    private static string PartitionOf(PlatformId platform) => $"{platform.Value}|thresholds";

    private static string CurrentRow(PlatformId platform) => SingleRowKey.Of(CurrentKind, PartitionOf(platform));

    private sealed record ThresholdsDocument(
        long Followers,
        long PeakConcurrentViewers,
        long Gmv30dFen,
        string CreditRatingAtOrBelow,
        string[] LifeAndHealthCategories,
        int RepeatViolations,
        int StandardRetentionDays,
        int KeyRetentionDays)
    {
        public static ThresholdsDocument Of(KeyRoomThresholds t) => new(
            t.Followers, t.PeakConcurrentViewers, t.Gmv30dFen, t.CreditRatingAtOrBelow.ToString(),
            [.. t.LifeAndHealthCategories.Order(StringComparer.Ordinal)], t.RepeatViolations, t.StandardRetentionDays, t.KeyRetentionDays);

        public KeyRoomThresholds ToThresholds() => new()
        {
            Followers = Followers,
            PeakConcurrentViewers = PeakConcurrentViewers,
            Gmv30dFen = Gmv30dFen,
            CreditRatingAtOrBelow = CreditRating.Parse(CreditRatingAtOrBelow),
            LifeAndHealthCategories = LifeAndHealthCategories.ToHashSet(StringComparer.Ordinal),
            RepeatViolations = RepeatViolations,
            StandardRetentionDays = StandardRetentionDays,
            KeyRetentionDays = KeyRetentionDays,
        };
    }
}
