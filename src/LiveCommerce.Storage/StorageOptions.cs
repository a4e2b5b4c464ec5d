namespace LiveCommerce.Storage;

/// <summary>
/// Where the service keeps its state. A connection string wins (Azurite, or a key-based account); otherwise
/// <see cref="AccountName"/> with the managed identity (DefaultAzureCredential), the production setting.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Storage:ConnectionString</c>; defaults to the <c>AzureWebJobsStorage</c> connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Storage:AccountName</c>: the account reached with the app's identity when no connection string is set.</summary>
    public string? AccountName { get; set; }
}
