using DurableTask.AzureStorage;

namespace LiveCommerce.LocalHost.Durable;

/// <summary>
/// The local engine's settings (section <c>DurableTask</c>; README, "Settings"). The defaults suit one developer's
/// Azurite: quick to notice new work after a quiet spell, quick to take over a killed host's partitions. The facts
/// behind each default are in docs/workflows.md.
/// </summary>
public sealed class DurableTaskSettings
{
    public const string Section = "DurableTask";

    /// <summary>The task hub: its tables, queues and lease blobs are named after it. The same as the Functions app's host.json.</summary>
    public string HubName { get; set; } = "LiveCommerceHub";

    /// <summary>Control queues (partitions) of the hub; fixed for the hub's lifetime. The engine's default is 4.</summary>
    public int PartitionCount { get; set; } = 2;

    /// <summary>The longest back-off between polls of an idle queue (engine default 30 s: up to 30 s before a first message after a quiet spell).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a dequeued message stays invisible: how soon a killed host's in-flight messages come back (engine default 5 min).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <inheritdoc cref="ControlQueueVisibilityTimeout"/>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a partition lease lasts unrenewed: how soon another host takes a dead host's partitions (engine default 30 s).</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Azurite on a busy 2-core machine exceeds the engine's 2 s (warning 121).</summary>
    public TimeSpan PartitionTableOperationTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Distinct per process (two hosts on one machine must not share it); empty means machine name, process id and a random suffix.</summary>
    public string? WorkerId { get; set; }

    public int MaxConcurrentActivities { get; set; } = 64;

    public int MaxConcurrentOrchestrations { get; set; } = 64;

    /// <summary>Finished instances created longer ago than this are purged (state and history) by the daily job at <see cref="HistoryPurgeAt"/>.</summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>When the daily purge of finished instances runs, Asia/Shanghai "HH:mm".</summary>
    public string HistoryPurgeAt { get; set; } = "04:00";

    /// <exception cref="InvalidOperationException">A setting is out of range: the host refuses to start.</exception>
    public DurableTaskSettings Validated()
    {
        if (HubName.Length is < 3 or > 45 || !HubName.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(HubName[0]))
        {
            throw new InvalidOperationException($"{Section}:HubName must be 3-45 letters and digits, starting with a letter.");
        }

        if (PartitionCount is < 1 or > 16)
        {
            throw new InvalidOperationException($"{Section}:PartitionCount must be 1-16.");
        }

        if (LeaseRenewInterval >= LeaseInterval || HistoryRetention <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}: LeaseRenewInterval must be shorter than LeaseInterval; HistoryRetention positive.");
        }

        return this;
    }

    public AzureStorageOrchestrationServiceSettings ToEngineSettings(string storageConnectionString, ILoggerFactory loggerFactory) => new()
    {
        TaskHubName = HubName,
        StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
        PartitionCount = PartitionCount,
        MaxQueuePollingInterval = MaxQueuePollingInterval,
        ControlQueueVisibilityTimeout = ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = WorkItemQueueVisibilityTimeout,
        LeaseInterval = LeaseInterval,
        LeaseRenewInterval = LeaseRenewInterval,
        LeaseAcquireInterval = LeaseAcquireInterval,
        PartitionTableOperationTimeout = PartitionTableOperationTimeout,
        WorkerId = string.IsNullOrWhiteSpace(WorkerId) ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}" : WorkerId,
        MaxConcurrentTaskActivityWorkItems = MaxConcurrentActivities,
        MaxConcurrentTaskOrchestrationWorkItems = MaxConcurrentOrchestrations,
        LoggerFactory = loggerFactory,
    };
}
