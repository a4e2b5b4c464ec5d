namespace LiveCommerce.Workflows.Filings;

[WorkflowName(Name)]
public sealed class SendFilingReminderActivity(IFilingNotices notices) : IWorkflowActivity<FilingReminderNotice, bool>
{
    public const string Name = "FilingSendReminder";

    public Task<bool> RunAsync(FilingReminderNotice input, CancellationToken cancellationToken) => notices.RemindAsync(input, cancellationToken);
}

[WorkflowName(Name)]
public sealed class EscalateLateFilingActivity(IFilingNotices notices) : IWorkflowActivity<FilingEscalationNotice, bool>
{
    public const string Name = "FilingEscalateLate";

    public Task<bool> RunAsync(FilingEscalationNotice input, CancellationToken cancellationToken) => notices.EscalateAsync(input, cancellationToken);
}
