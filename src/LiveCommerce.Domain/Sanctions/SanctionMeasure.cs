namespace LiveCommerce.Domain.Sanctions;

/// <summary>
/// The measures of Order 117 art. 12, mildest first (the published ladder: warning, function limit, traffic limit,
/// suspend live, time-limited ban, close account, ban re-registration, blacklist). The order is the ladder's.
/// </summary>
public enum SanctionMeasure
{
    Warning,
    FunctionLimit,
    TrafficLimit,
    SuspendLive,
    TimedBan,
    CloseAccount,
    BanReregistration,
    Blacklist,
}

/// <summary>Whether a measure needs, accepts or refuses an end.</summary>
public enum EndRule
{
    /// <summary>A warning is a record, not a term.</summary>
    None,
    Optional,
    Required,
}

/// <summary>
/// One rung of the ladder: its contract id, the article it comes from, and what it does while in force. Each rule in
/// one place: <see cref="BlocksLive"/> is what makes a pre-live check <c>blocked</c> with <c>SANCTIONED</c>, and
/// <see cref="SuspendsTipping"/> what denies tips (HOST_TIPPING_SUSPENDED) and refunds pending ones.
/// </summary>
public sealed record SanctionRung(SanctionMeasure Measure, string Id, string Article, bool BlocksLive, bool SuspendsTipping, EndRule End);

/// <summary>The published sanction ladder (Order 117 art. 12; blacklist art. 14).</summary>
public static class SanctionLadder
{
    /// <summary>The pre-live reason code while a measure that blocks live selling is in force (contract "Sanctions").</summary>
    public const string SanctionedReason = "SANCTIONED";

    /// <summary>The tipping reason code while a measure that suspends tipping is in force.</summary>
    public const string TippingSuspendedReason = "HOST_TIPPING_SUSPENDED";

    private const string Art12 = "Order 117 art. 12";

    public static readonly IReadOnlyList<SanctionRung> Rungs =
    [
        new(SanctionMeasure.Warning, "warning", Art12, false, false, EndRule.None),
        new(SanctionMeasure.FunctionLimit, "function_limit", Art12, false, false, EndRule.Optional),
        new(SanctionMeasure.TrafficLimit, "traffic_limit", Art12, false, false, EndRule.Optional),
        new(SanctionMeasure.SuspendLive, "suspend_live", Art12, true, true, EndRule.Optional),
        new(SanctionMeasure.TimedBan, "timed_ban", Art12, true, true, EndRule.Required),
        new(SanctionMeasure.CloseAccount, "close_account", Art12, true, true, EndRule.Optional),
        new(SanctionMeasure.BanReregistration, "ban_reregistration", Art12, false, false, EndRule.Optional),
        // Art. 14: a blacklisting states its facts and duration, can be appealed, and is lifted at expiry.
        new(SanctionMeasure.Blacklist, "blacklist", "Order 117 arts. 12, 14", true, true, EndRule.Optional),
    ];

    public static readonly IReadOnlyList<string> Ids = [.. Rungs.Select(r => r.Id)];

    public static SanctionRung Of(SanctionMeasure measure) => Rungs[(int)measure];

    public static bool TryParse(string value, out SanctionMeasure measure)
    {
        var rung = Rungs.FirstOrDefault(r => string.Equals(r.Id, value, StringComparison.Ordinal));
        measure = rung?.Measure ?? default;
        return rung is not null;
    }
}
