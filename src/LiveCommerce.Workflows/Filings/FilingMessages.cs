namespace LiveCommerce.Workflows.Filings;

/// <summary>What the filing workflow needs: every instant is computed when the filing is recorded.</summary>
/// <param name="FilingDeadline">The deadline date (YYYY-MM-DD), for the messages.</param>
/// <param name="LateFrom">Midnight after the deadline, Asia/Shanghai: unfiled from then on is late.</param>
public sealed record FilingWorkflowInput(
    string Platform,
    string EventId,
    string FilingDeadline,
    IReadOnlyList<ReminderPlan> Reminders,
    DateTimeOffset LateFrom);

/// <summary>One reminder: <paramref name="WorkingDaysLeft"/> working days left on <paramref name="On"/>, sent at <paramref name="At"/>.</summary>
public sealed record ReminderPlan(int WorkingDaysLeft, string On, DateTimeOffset At);

/// <summary>The event a recorded receipt raises; it ends the workflow.</summary>
public sealed record FilingReceiptEvent(string ReceiptNumber, DateTimeOffset SubmittedAt, string Status);

/// <summary>How a filing workflow ended.</summary>
/// <param name="Outcome"><c>filed</c> (a receipt came) or <c>escalated</c> (the deadline passed unfiled).</param>
/// <param name="RemindersSent">Working days left of each reminder sent, in order.</param>
public sealed record FilingWorkflowResult(string Outcome, IReadOnlyList<int> RemindersSent)
{
    public const string Filed = "filed";
    public const string Escalated = "escalated";
}

/// <summary>A reminder to send, unless the filing is no longer open.</summary>
public sealed record FilingReminderNotice(string InstanceId, string Platform, string EventId, string FilingDeadline, int WorkingDaysLeft, DateTimeOffset At);

/// <summary>The escalation of a filing whose deadline passed unfiled.</summary>
public sealed record FilingEscalationNotice(string InstanceId, string Platform, string EventId, string FilingDeadline, DateTimeOffset LateFrom);
