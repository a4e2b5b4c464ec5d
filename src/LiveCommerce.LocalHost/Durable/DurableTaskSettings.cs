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

    /// <summary>
    /// How long a dequeued control-queue message stays invisible (engine default 5 min). It must outlast the time a
    /// message waits in the worker's prefetch buffer for an orchestration slot plus its history load and replay: those
    /// are not renewed, so a shorter timeout redelivers messages still being handled (duplicate and abandoned
    /// messages, each abandon backed off 2^dequeue-count seconds), which stalled two hosts on a loaded machine at
    /// 20 s. The cost: a killed host's in-flight orchestration messages come back only after this.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a dequeued activity message stays invisible (engine default 5 min). Running activities are renewed
    /// (30 s before expiry), so this bounds how soon a killed host's activities run elsewhere.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a partition lease lasts unrenewed: how soon another host takes a dead host's partitions (engine
    /// default 30 s). It must exceed <see cref="LeaseAcquireInterval"/> plus <see cref="PartitionTableOperationTimeout"/>,
    /// or a slow partition-table round trip lets the lease lapse and the partition moves between live hosts.
    /// </summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lease renewal period of the blob partition managers (the table partition manager, the default, renews every <see cref="LeaseAcquireInterval"/>).</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the table partition manager reads the partition table, renews its leases and balances (engine default 10 s).</summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(5);

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

        // A lease renewed every LeaseAcquireInterval by a round trip that may take PartitionTableOperationTimeout
        // lapses between renewals unless it lasts longer than both: partitions then move between live hosts.
        if (LeaseAcquireInterval + PartitionTableOperationTimeout >= LeaseInterval)
        {
            throw new InvalidOperationException($"{Section}:LeaseInterval must be longer than LeaseAcquireInterval plus PartitionTableOperationTimeout.");
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
