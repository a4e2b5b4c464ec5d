namespace LiveCommerce.Workflows;

/// <summary>
/// Declarative retries of an activity or sub-workflow, 1:1 with Durable's <c>RetryPolicy</c> (same arguments, same
/// checks): the n-th retry waits <c>firstRetryInterval × backoffCoefficient^(n-1)</c>, at most
/// <see cref="MaxRetryInterval"/> (one hour unless given). Waits are durable timers.
/// </summary>
public sealed record WorkflowRetryPolicy
{
    public WorkflowRetryPolicy(int maxAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1, TimeSpan? maxRetryInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        if (maxRetryInterval is { } max && max < firstRetryInterval && max != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), max, "The longest retry interval must not be shorter than the first.");
        }

        MaxAttempts = maxAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval;
    }

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; }

    public TimeSpan FirstRetryInterval { get; }

    public double BackoffCoefficient { get; }

    /// <summary>The cap on one wait; null means Durable's default of one hour.</summary>
    public TimeSpan? MaxRetryInterval { get; }

    /// <summary>How long to wait after the given failed attempt (1 = the first) before the next one.</summary>
    public TimeSpan DelayAfterAttempt(int failedAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failedAttempt);
        var cap = MaxRetryInterval ?? TimeSpan.FromHours(1);
        var milliseconds = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, failedAttempt - 1);
        return cap != Timeout.InfiniteTimeSpan && milliseconds >= cap.TotalMilliseconds
            ? cap
            : TimeSpan.FromMilliseconds(milliseconds);
    }
}
