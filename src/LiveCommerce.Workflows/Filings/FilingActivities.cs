using Microsoft.DurableTask;
namespace LiveCommerce.Workflows.Filings;

[DurableTask(Name)]
public sealed class SendFilingReminderActivity(IFilingNotices notices) : TaskActivity<FilingReminderNotice, bool>
{
    public const string Name = "FilingSendReminder";

    public override Task<bool> RunAsync(TaskActivityContext context, FilingReminderNotice input) => notices.RemindAsync(input, CancellationToken.None);
}

[DurableTask(Name)]
public sealed class EscalateLateFilingActivity(IFilingNotices notices) : TaskActivity<FilingEscalationNotice, bool>
{
    public const string Name = "FilingEscalateLate";

    public override Task<bool> RunAsync(TaskActivityContext context, FilingEscalationNotice input) => notices.EscalateAsync(input, CancellationToken.None);
}
