using LiveCommerce.Functions.Workflows;
using LiveCommerce.Workflows.KeyRooms;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NodaTime;

namespace LiveCommerce.Functions.KeyRooms;

/// <summary>
/// The evening run on Durable Functions: the timer that starts it for tomorrow, and the orchestrator and activities
/// bound to the same <see cref="DailyInspectionPlanWorkflow"/> and activity classes the local runner runs.
/// </summary>
public sealed class DailyInspectionPlanFunctions(
    DailyInspectionPlanStarter starter,
    DailyInspectionPlanWorkflow workflow,
    FindInspectionDayActivity findDay,
    PlanInspectionDayActivity planDay,
    StoreInspectionPlanActivity storePlan,
    TimeProvider clock)
{
    /// <summary>Daily at 18:00 Asia/Shanghai (10:00 UTC; China keeps no daylight saving time).</summary>
    [Function("DailyInspectionPlanTimer")]
    public Task StartTomorrow(
        [TimerTrigger("0 0 10 * * *")] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        starter.StartAsync(DailyInspectionPlanStarter.PlanDateFor(Instant.FromDateTimeOffset(clock.GetUtcNow())), new DurableWorkflowClient(durable), cancellationToken);

    [Function(DailyInspectionPlanWorkflow.Name)]
    public Task<DailyInspectionPlanResult> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        workflow.RunAsync(new DurableWorkflowContext(context), context.GetInput<DailyInspectionPlanInput>()!);

    [Function(FindInspectionDayActivity.Name)]
    public Task<InspectionDayInput?> FindDay([ActivityTrigger] InspectionDayRef input, CancellationToken cancellationToken) =>
        findDay.RunAsync(input, cancellationToken);

    [Function(PlanInspectionDayActivity.Name)]
    public Task<PlannedInspectionDay> PlanDay([ActivityTrigger] PlanInspectionDayRequest input, CancellationToken cancellationToken) =>
        planDay.RunAsync(input, cancellationToken);

    [Function(StoreInspectionPlanActivity.Name)]
    public Task<bool> StorePlan([ActivityTrigger] PlannedInspectionDay input, CancellationToken cancellationToken) =>
        storePlan.RunAsync(input, cancellationToken);
}
