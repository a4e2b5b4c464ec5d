using LiveCommerce.Workflows.Cases;
using LiveCommerce.Workflows.Disputes;
using LiveCommerce.Workflows.Events;
using LiveCommerce.Workflows.Filings;
using LiveCommerce.Workflows.Identity;
using LiveCommerce.Workflows.KeyRooms;
using LiveCommerce.Workflows.Schedules;
using Microsoft.DurableTask;

namespace LiveCommerce.Workflows;

/// <summary>
/// The one list of orchestrators and activities, read by both hosts: the local host's Durable Task Framework worker
/// and the Functions app's <c>ConfigureDurableWorker().AddTasks(r => r.AddLiveCommerceTasks())</c>. Names come from
/// each class's <see cref="DurableTaskAttribute"/>; activities are created from DI per call (constructor injection).
/// </summary>
public static class LiveCommerceTasks
{
    public static DurableTaskRegistry AddLiveCommerceTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        registry.AddOrchestrator<PreLiveCheckWorkflow>();
        registry.AddActivity<CheckStandingsActivity>();
        registry.AddActivity<ScreenSessionItemsActivity>();
        registry.AddActivity<IssueIdentityChallengeActivity>();
        registry.AddActivity<RecordPreLiveOutcomeActivity>();

        registry.AddOrchestrator<EvidenceBundleWorkflow>();
        registry.AddActivity<GatherEvidenceActivity>();
        registry.AddActivity<AssembleBundleActivity>();
        registry.AddActivity<RecordBundleActivity>();

        registry.AddOrchestrator<FilingWorkflow>();
        registry.AddActivity<SendFilingReminderActivity>();
        registry.AddActivity<EscalateLateFilingActivity>();

        registry.AddOrchestrator<WebhookDeliveryWorkflow>();
        registry.AddActivity<DeliverWebhookActivity>();

        registry.AddOrchestrator<DailyInspectionPlanWorkflow>();
        registry.AddActivity<FindInspectionDayActivity>();
        registry.AddActivity<PlanInspectionDayActivity>();
        registry.AddActivity<StoreInspectionPlanActivity>();

        registry.AddOrchestrator<ScheduledJobWorkflow>();
        registry.AddActivity<RunScheduledJobActivity>();
        registry.AddActivity<ScheduleNextRunActivity>();

        registry.AddOrchestrator<ReviewCaseOrchestrator>();
        registry.AddActivity<RemindReviewCaseActivity>();
        registry.AddActivity<EscalateReviewCaseActivity>();
        registry.AddActivity<ApplyReviewCaseDecisionActivity>();
        return registry;
    }
}
