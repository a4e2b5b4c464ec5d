namespace LiveCommerce.Storage;

/// <summary>
/// The row key of a partition's one row of a kind (an account's standing, a subject): the kind, then the partition
/// key, so that no two partitions share it. Azure Table Storage finds a row by both keys alike, but Azurite (LokiJS,
/// what the local host and the tests run on) looks a point read or write up by row key first and then scans those
/// rows for the partition: a row key every partition shares ("current") turned each such request into a scan of
/// every account in the table.
/// </summary>
public static class SingleRowKey
{
    public static string Of(string kind, string partitionKey) => kind + "|" + partitionKey;

    /// <summary>A table filter for the rows of <paramref name="kind"/> in every partition ('}' follows '|' in ASCII).</summary>
    public static string Filter(string kind) => Azure.Data.Tables.TableClient.CreateQueryFilter($"RowKey ge {kind + "|"} and RowKey lt {kind + "}"}");
}
