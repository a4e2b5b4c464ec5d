using LiveCommerce.Http.BackgroundChecks;
using LiveCommerce.Storage.Disputes;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.KeyRooms;
using LiveCommerce.Workflows.Schedules;
using Microsoft.Extensions.Logging;
using NodaTime.Text;

namespace LiveCommerce.Http.Schedules;

/// <summary>The daily re-verification sweep (qualifications due for their 6-monthly check, and expiring licences).</summary>
public sealed class ReverificationSweepJob(IReverificationSweep sweep) : IScheduledJob
{
    public const string JobName = "reverification-sweep";

    public string Name => JobName;

    public async Task<string> RunAsync(ScheduledRun run, CancellationToken cancellationToken) =>
        $"{await sweep.RunDailyAsync(cancellationToken)} queued";
}

/// <summary>The evidence purge: what has passed its retention period is deleted (Disputes).</summary>
public sealed class EvidencePurgeJob(EvidencePurge purge, ILogger<EvidencePurgeJob> logger) : IScheduledJob
{
    public const string JobName = "evidence-purge";

    public string Name => JobName;

    public async Task<string> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        var report = await purge.RunAsync(cancellationToken);
        logger.LogInformation(
            "Evidence purge: {Examined} due, {Purged} purged, {Kept} kept longer, {Held} still immutable",
            report.Examined, report.Purged, report.Kept, report.Held);
        return $"{report.Purged} purged of {report.Examined} due";
    }
}

/// <summary>The evening run: starts tomorrow's inspection plan of every platform that stored tomorrow's day.</summary>
public sealed class InspectionPlansJob(DailyInspectionPlanStarter starter, IWorkflowClient workflows, ILogger<InspectionPlansJob> logger) : IScheduledJob
{
    public const string JobName = "inspection-plans";

    public string Name => JobName;

    public async Task<string> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        var date = LocalDatePattern.Iso.Parse(run.Day).GetValueOrThrow().PlusDays(1);
        var started = await starter.StartAsync(date, workflows, cancellationToken);
        logger.LogInformation("Daily inspection plans for {Date}: {Started} run(s) started", date, started.Count);
        return $"{started.Count} started";
    }
}
