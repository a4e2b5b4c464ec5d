namespace LiveCommerce.Http.BackgroundChecks;

/// <summary>
/// What handling one message came to. A failure that may pass (storage unreachable, a conflict) is an exception
/// instead: the message is tried again, up to <see cref="BackgroundCheckDelivery.MaxAttempts"/> times.
/// </summary>
public abstract record BackgroundCheckOutcome
{
    private BackgroundCheckOutcome()
    {
    }

    /// <summary>The work is done; <paramref name="Summary"/> says what it did, for the log.</summary>
    public sealed record Done(string Summary) : BackgroundCheckOutcome;

    /// <summary>This message id was handled before: nothing was done again.</summary>
    public sealed record Duplicate : BackgroundCheckOutcome;

    /// <summary>The message can never be handled as it is: poison at once. <paramref name="Code"/> is stable, UPPER_SNAKE.</summary>
    public sealed record Unprocessable(string Code, string Detail) : BackgroundCheckOutcome;
}

/// <summary>What a consumer does with a message once handled: the same rules for both hosts' consumers.</summary>
public abstract record Settlement
{
    private Settlement()
    {
    }

    public sealed record Complete : Settlement;

    /// <summary>Move it aside with why: <c>background-checks-poison</c> (<see cref="BackgroundCheckPoison"/>).</summary>
    public sealed record DeadLetter(string Reason, string Description) : Settlement;

    /// <summary>Deliver it again after <paramref name="Delay"/>.</summary>
    public sealed record Retry(TimeSpan Delay) : Settlement;
}

/// <summary>How delivery attempts end, written once for both consumers.</summary>
public static class BackgroundCheckDelivery
{
    /// <summary>Attempts before a failing message is dead-lettered; the Functions host's <c>extensions.queues.maxDequeueCount</c> (host.json) is the same.</summary>
    public const int MaxAttempts = 5;

    public const string HandlerFailed = "HANDLER_FAILED";
    public const string DeliveredTooOften = "MAX_DELIVERIES_EXCEEDED";

    public static Settlement After(BackgroundCheckOutcome outcome) => outcome switch
    {
        BackgroundCheckOutcome.Unprocessable rejected => new Settlement.DeadLetter(rejected.Code, rejected.Detail),
        _ => new Settlement.Complete(),
    };

    /// <summary>
    /// After a failure on attempt <paramref name="attempt"/> (1-based): again after a delay that doubles from
    /// <paramref name="firstRetryDelay"/>, or dead-lettered with the failure once the attempts are spent.
    /// </summary>
    public static Settlement AfterFailure(Exception failure, int attempt, TimeSpan firstRetryDelay) =>
        attempt >= MaxAttempts
            ? new Settlement.DeadLetter(HandlerFailed, $"{failure.GetType().Name}: {failure.Message} (attempt {attempt} of {MaxAttempts})")
            : new Settlement.Retry(firstRetryDelay * Math.Pow(2, Math.Max(0, attempt - 1)));

    /// <summary>A message delivered more often than allowed without being settled (its handler crashed or hung).</summary>
    public static Settlement.DeadLetter Abandoned(long deliveries) =>
        new(DeliveredTooOften, $"Delivered {deliveries} times without being settled; the handler stopped or timed out each time.");
}
