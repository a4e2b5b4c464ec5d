using Microsoft.DurableTask;

namespace LiveCommerce.Workflows.Cases;

/// <summary>
/// One review case (the Durable "human interaction" pattern): waits for the reviewer's decision; at the due date it
/// reminds, a day after it escalates (<c>review_case.overdue</c>), and keeps waiting. A decision applies its effects
/// (idempotently: the HTTP decision may already have). A resubmission that moves the due date restarts the timeline
/// with ContinueAsNew, so the history stays short however long a case lives. The case row, not this instance, is the
/// record: a case whose instance is lost is still listed, overdue and decidable.
/// </summary>
[DurableTask(Name)]
public sealed class ReviewCaseOrchestrator : TaskOrchestrator<ReviewCaseWorkflowInput, ReviewCaseWorkflowResult>
{
    public const string Name = "ReviewCase";
    public const string SignalEvent = "case-signal";
    public const string RemindActivity = "ReviewCaseRemind";
    public const string EscalateActivity = "ReviewCaseEscalate";
    public const string ApplyDecisionActivity = "ReviewCaseApplyDecision";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    /// <summary>One instance per platform and case.</summary>
    public static string InstanceIdFor(string platform, string caseId) => $"case:{platform}:{caseId}";

    public override async Task<ReviewCaseWorkflowResult> RunAsync(TaskOrchestrationContext context, ReviewCaseWorkflowInput input)
    {
        var reference = new ReviewCaseRef(input.Platform, input.CaseId);
        var stage = input.Stage;
        var (reminded, escalated) = (stage >= ReviewCaseStage.Reminded, stage >= ReviewCaseStage.Escalated);
        using var timers = new CancellationTokenSource();
        var signal = context.WaitForExternalEvent<ReviewCaseSignal>(SignalEvent, timers.Token);

        while (!signal.IsCompleted)
        {
            DateTimeOffset? next = stage switch
            {
                ReviewCaseStage.Waiting => input.RemindAt,
                ReviewCaseStage.Reminded => input.EscalateAt,
                _ => null,
            };
            if (next is not { } due)
            {
                await signal;
                break;
            }

            var timer = context.CreateTimer(due.UtcDateTime, timers.Token);
            if (await Task.WhenAny(signal, timer) != timer)
            {
                break;
            }

            if (stage == ReviewCaseStage.Waiting)
            {
                await context.CallActivityAsync(RemindActivity, reference, Retry);
                (stage, reminded) = (ReviewCaseStage.Reminded, true);
            }
            else
            {
                await context.CallActivityAsync(EscalateActivity, reference, Retry);
                (stage, escalated) = (ReviewCaseStage.Escalated, true);
            }
        }

        timers.Cancel(); // the pending timer, so the instance can finish
        var received = await signal;
        if (received.Kind == ReviewCaseSignal.DeadlineChanged && received.RemindAt is { } remindAt && received.EscalateAt is { } escalateAt)
        {
            context.ContinueAsNew(input with { RemindAt = remindAt, EscalateAt = escalateAt, Stage = ReviewCaseStage.Waiting });
            return new ReviewCaseWorkflowResult("continued", reminded, escalated);
        }

        await context.CallActivityAsync(ApplyDecisionActivity, reference, Retry);
        return new ReviewCaseWorkflowResult("decided", reminded, escalated);
    }
}

/// <summary>The due-date reminder.</summary>
[DurableTask(ReviewCaseOrchestrator.RemindActivity)]
public sealed class RemindReviewCaseActivity(IReviewCaseEffects effects) : TaskActivity<ReviewCaseRef, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ReviewCaseRef input)
    {
        await effects.RemindAsync(input, CancellationToken.None);
        return true;
    }
}

/// <summary>The escalation a day after the due date.</summary>
[DurableTask(ReviewCaseOrchestrator.EscalateActivity)]
public sealed class EscalateReviewCaseActivity(IReviewCaseEffects effects) : TaskActivity<ReviewCaseRef, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ReviewCaseRef input)
    {
        await effects.EscalateAsync(input, CancellationToken.None);
        return true;
    }
}

/// <summary>Completes a decision's effects (idempotent).</summary>
[DurableTask(ReviewCaseOrchestrator.ApplyDecisionActivity)]
public sealed class ApplyReviewCaseDecisionActivity(IReviewCaseEffects effects) : TaskActivity<ReviewCaseRef, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ReviewCaseRef input)
    {
        await effects.ApplyDecisionAsync(input, CancellationToken.None);
        return true;
    }
}
