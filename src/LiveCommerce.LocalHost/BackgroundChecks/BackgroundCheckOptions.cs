namespace LiveCommerce.LocalHost.BackgroundChecks;

/// <summary>The local host's background-check settings (section <c>BackgroundChecks</c>; README, "Settings").</summary>
public sealed class BackgroundCheckOptions
{
    public const string Section = "BackgroundChecks";

    /// <summary>Consume the <c>background-checks</c> storage queue in this process.</summary>
    public bool ConsumerEnabled { get; set; } = true;

    /// <summary>Messages handled at once; each mostly waits on storage.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>How long a received message stays invisible to other consumers while it is handled.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Before the second attempt; it doubles for each attempt after that (5 s, 10 s, 20 s, 40 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between polls of an empty queue (polls back off from 50 ms to this).</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Run the daily re-verification sweep in this process.</summary>
    public bool SweepEnabled { get; set; } = true;

    /// <summary>When the daily sweep runs, on the Asia/Shanghai clock (the Functions timer: 18:00 UTC, the same instant).</summary>
    public TimeOnly SweepTime { get; set; } = new(2, 0);

    /// <summary>Also sweep once at start-up (as the Functions timer's RunOnStartup would).</summary>
    public bool SweepOnStartup { get; set; }

    /// <exception cref="InvalidOperationException">A setting is out of range: the host refuses to start.</exception>
    public BackgroundCheckOptions Validated()
    {
        if (MaxConcurrency is < 1 or > 256)
        {
            throw new InvalidOperationException($"{Section}:MaxConcurrency must be 1-256.");
        }

        if (VisibilityTimeout < TimeSpan.FromSeconds(1) || RetryDelay < TimeSpan.Zero || MaxPollInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}: VisibilityTimeout must be at least 1 s, RetryDelay not negative, MaxPollInterval positive.");
        }

        return this;
    }
}
