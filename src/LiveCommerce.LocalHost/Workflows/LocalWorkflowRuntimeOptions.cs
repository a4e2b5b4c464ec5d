using LiveCommerce.Storage;

namespace LiveCommerce.LocalHost.Workflows;

public sealed class LocalWorkflowRuntimeOptions
{
    /// <summary>The history table (tests give each runtime its own).</summary>
    public string TableName { get; set; } = StorageNames.WorkflowsTable;

    public string PayloadContainerName { get; set; } = StorageNames.WorkflowPayloadsContainer;

    /// <summary>Payloads longer than this (characters of JSON) go to Blob storage instead of the history row.</summary>
    public int InlinePayloadLimit { get; set; } = 32_000;

    /// <summary>Episodes replaying and storing at once (one per instance at a time); mostly waiting on storage.</summary>
    public int MaxConcurrentEpisodes { get; set; } = 32;

    public int MaxConcurrentActivities { get; set; } = 64;
}
