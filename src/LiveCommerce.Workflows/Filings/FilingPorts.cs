namespace LiveCommerce.Workflows.Filings;

/// <summary>
/// Where filing reminders and escalations go (queue <c>filing-escalations</c>). Each call is idempotent enough for
/// an activity: a message carries a stable <c>messageId</c> for consumers to drop duplicates.
/// </summary>
public interface IFilingNotices
{
    /// <summary>Sends the reminder if the filing is still open; false when it was not sent (filed meanwhile, or gone).</summary>
    Task<bool> RemindAsync(FilingReminderNotice notice, CancellationToken cancellationToken);

    /// <summary>Marks an open filing late and sends the escalation; false when it had been filed meanwhile.</summary>
    Task<bool> EscalateAsync(FilingEscalationNotice notice, CancellationToken cancellationToken);
}
