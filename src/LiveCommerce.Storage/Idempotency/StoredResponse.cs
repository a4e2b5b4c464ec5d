namespace LiveCommerce.Storage.Idempotency;

/// <summary>
/// A response as it was first sent, kept so that a retry with the same Idempotency-Key gets it again; until
/// <paramref name="ReplayUntil"/> at most (a response that hands out a short-lived link is not replayed stale: after
/// the link expires a retry runs again and mints a new one).
/// </summary>
public sealed record StoredResponse(int Status, string Body, string? Location = null, DateTimeOffset? ReplayUntil = null);

/// <summary>What a retry with a known key gets: the first response, or a refusal because the body differs.</summary>
public abstract record IdempotencyOutcome
{
    private IdempotencyOutcome()
    {
    }

    public sealed record Replay(StoredResponse Response) : IdempotencyOutcome;

    public sealed record KeyReused : IdempotencyOutcome;
}
