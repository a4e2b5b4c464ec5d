namespace LiveCommerce.Storage.Audit;

/// <summary>Settings of the audit outbox relay (section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// How old an unconfirmed intent must be before the relay takes it as left behind by a crash (its request is no
    /// longer running). Longer than any request: 120 s by default.
    /// </summary>
    public int OutboxGraceSeconds { get; set; } = 120;

    /// <summary>How often the relay looks for left-behind intents (and once at start-up): 30 s by default.</summary>
    public int RelayIntervalSeconds { get; set; } = 30;

    /// <summary>
    /// Development only (the local host refuses it elsewhere): the process ends at once after the change of this
    /// action and before its audit entry, so a test can see the outbox complete the entry after a restart.
    /// </summary>
    public string? CrashAfterChangeOf { get; set; }
}
