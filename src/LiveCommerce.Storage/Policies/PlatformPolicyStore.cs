using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using NodaTime;

namespace LiveCommerce.Storage.Policies;

/// <summary>One version of a platform policy: its JSON document, when and by whom it was set.</summary>
public sealed record PolicyVersion(int Version, string Json, Instant SetAt, string SetBy);

/// <summary>
/// Versioned platform policies (the rating policy, the review-case settings) in table <c>platformpolicies</c>, one
/// partition per platform and policy. Every version is its own create-only row, newest first by row key, so the
/// current one is the first row and earlier ones stay as they were set.
/// </summary>
public sealed class PlatformPolicyStore(StorageClients clients)
{
    private const int MaxVersion = 999_999_999;

    private TableClient Table => clients.Table(StorageNames.PlatformPoliciesTable);

    public async Task<PolicyVersion?> FindLatestAsync(PlatformId platform, string policy, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(platform, policy)}");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return new PolicyVersion(
                e.GetInt32("Version") ?? 0,
                e.GetString("Json") ?? "{}",
                Instant.FromDateTimeOffset(e.GetDateTimeOffset("SetAt") ?? DateTimeOffset.MinValue),
                e.GetString("SetBy") ?? string.Empty);
        }

        return null;
    }

    /// <summary>Stores version <paramref name="version"/>; false when another writer stored that version first.</summary>
    public async Task<bool> TryAddAsync(PlatformId platform, string policy, PolicyVersion version, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform, policy);
        try
        {
            await Table.AddEntityAsync(
                new TableEntity(partition, $"v{MaxVersion - version.Version:D9}|{partition}")
                {
                    ["Version"] = version.Version,
                    ["Json"] = version.Json,
                    ["SetAt"] = version.SetAt.ToDateTimeOffset(),
                    ["SetBy"] = version.SetBy,
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private static string PartitionOf(PlatformId platform, string policy) => $"{platform.Value}|{policy}";
}
