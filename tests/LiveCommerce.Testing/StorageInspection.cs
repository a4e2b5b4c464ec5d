using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace LiveCommerce.Testing;

/// <summary>Reads what the service really stored in Azurite, for assertions about storage itself.</summary>
public static class StorageInspection
{
    public static async Task<int> CountRowsAsync(this AzuriteInstance azurite, string table, string partitionKey, string rowKeyPrefix = "")
    {
        var client = new TableServiceClient(azurite.ConnectionString).GetTableClient(table);
        var count = 0;
        await foreach (var row in client.QueryAsync<TableEntity>(e => e.PartitionKey == partitionKey, select: ["RowKey"]))
        {
            if (row.RowKey.StartsWith(rowKeyPrefix, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The worker owning each partition of a task hub (the engine's table partition manager, <c>{hub}Partitions</c>).</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> PartitionOwnersAsync(this AzuriteInstance azurite, string hubName)
    {
        var client = new TableServiceClient(azurite.ConnectionString).GetTableClient(hubName + "Partitions");
        var owners = new Dictionary<string, string?>();
        await foreach (var row in client.QueryAsync<TableEntity>(select: ["RowKey", "CurrentOwner"]))
        {
            owners[row.RowKey] = row.GetString("CurrentOwner");
        }

        return owners;
    }

    /// <summary>
    /// Every place (table row key, property, blob name or blob content) where any of <paramref name="needles"/>
    /// appears, across all tables and containers.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FindAnywhereAsync(this AzuriteInstance azurite, IReadOnlyCollection<string> needles)
    {
        var hits = new List<string>();
        var tables = new TableServiceClient(azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var text = new StringBuilder(row.PartitionKey).Append('\n').Append(row.RowKey);
                foreach (var (_, value) in row)
                {
                    text.Append('\n').Append(value);
                }

                hits.AddRange(needles.Where(n => text.ToString().Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"table {table.Name} row {row.PartitionKey}/{row.RowKey}"));
            }
        }

        var blobs = new BlobServiceClient(azurite.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(new GetBlobsOptions()))
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                var text = blob.Name + "\n" + Encoding.UTF8.GetString(content);
                hits.AddRange(needles.Where(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"blob {container.Name}/{blob.Name}"));
            }
        }

        return hits;
    }
}
