using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Workflows.Filings;

/// <summary>
/// A themed event's filing, from its recording to its receipt: durable timers at each reminder (09:00 Asia/Shanghai
/// on the dates with 5, 2 and 0 working days left) and at midnight after the deadline, where an unfiled event is
/// escalated (status <c>late</c>, a message on <c>filing-escalations</c>). A receipt, raised as an event, ends it.
/// </summary>
[DurableTask(Name)]
public sealed class FilingWorkflow : TaskOrchestrator<FilingWorkflowInput, FilingWorkflowResult>
{
    public const string Name = "FilingDeadline";
    public const string ReceiptEvent = "filing-receipt";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(5), backoffCoefficient: 2));

    /// <summary>One instance per platform and event: recording the filing again never starts a second one.</summary>
    public static string InstanceIdFor(string platform, string eventId) => $"filing:{platform}:{eventId}";

    public override async Task<FilingWorkflowResult> RunAsync(TaskOrchestrationContext context, FilingWorkflowInput input)
    {
        var log = context.CreateReplaySafeLogger<FilingWorkflow>();
        var receipt = context.WaitForExternalEvent<FilingReceiptEvent>(ReceiptEvent);
        var sent = new List<int>();
        context.SetCustomStatus(new { remindersSent = sent });

        foreach (var reminder in input.Reminders.OrderBy(r => r.At))
        {
            // A reminder whose time had passed when the filing was recorded is not sent late.
            if (reminder.At.UtcDateTime <= context.CurrentUtcDateTime)
            {
                continue;
            }

            if (await ReceiptComesFirstAsync(context, receipt, reminder.At))
            {
                return Filed(log, input, sent);
            }

            var notice = new FilingReminderNotice(context.InstanceId, input.Platform, input.EventId, input.FilingDeadline, reminder.WorkingDaysLeft, reminder.At);
            if (await context.CallActivityAsync<bool>(SendFilingReminderActivity.Name, notice, Retry))
            {
                sent.Add(reminder.WorkingDaysLeft);
            }

            context.SetCustomStatus(new { remindersSent = sent });
        }

        if (input.LateFrom.UtcDateTime > context.CurrentUtcDateTime && await ReceiptComesFirstAsync(context, receipt, input.LateFrom))
        {
            return Filed(log, input, sent);
        }

        var escalated = await context.CallActivityAsync<bool>(
            EscalateLateFilingActivity.Name, new FilingEscalationNotice(context.InstanceId, input.Platform, input.EventId, input.FilingDeadline, input.LateFrom), Retry);
        if (!escalated)
        {
            return Filed(log, input, sent); // the receipt was recorded just before the escalation
        }

        log.LogInformation("Filing of event {EventId} on {Platform} escalated: deadline {Deadline} passed unfiled", input.EventId, input.Platform, input.FilingDeadline);
        return new FilingWorkflowResult(FilingWorkflowResult.Escalated, sent);
    }

    /// <summary>Waits until <paramref name="at"/>; true if the receipt arrives first (the timer is then cancelled).</summary>
    private static async Task<bool> ReceiptComesFirstAsync(TaskOrchestrationContext context, Task<FilingReceiptEvent> receipt, DateTimeOffset at)
    {
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(at.UtcDateTime, cancel.Token);
        if (await Task.WhenAny(receipt, timer) == timer)
        {
            return false;
        }

        cancel.Cancel();
        return true;
    }

    private static FilingWorkflowResult Filed(ILogger log, FilingWorkflowInput input, List<int> sent)
    {
        log.LogInformation("Filing of event {EventId} on {Platform} received; reminders sent: {Count}", input.EventId, input.Platform, sent.Count);
        return new FilingWorkflowResult(FilingWorkflowResult.Filed, sent);
    }
}
