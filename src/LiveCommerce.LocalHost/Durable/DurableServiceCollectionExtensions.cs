using DurableTask.AzureStorage;
using LiveCommerce.Http.Schedules;
using LiveCommerce.LocalHost.Schedules;
using LiveCommerce.Storage;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.Schedules;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;

namespace LiveCommerce.LocalHost.Durable;

public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// The Durable Task Framework worker and client over the storage account (<c>DurableTask:*</c> settings), running
    /// every task of <see cref="LiveCommerceTasks.AddLiveCommerceTasks"/>, and the daily jobs as singleton orchestrations.
    /// </summary>
    public static IServiceCollection AddLocalDurableTask(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = (configuration.GetSection(DurableTaskSettings.Section).Get<DurableTaskSettings>() ?? new()).Validated();
        services.AddDurableTaskEngine(settings, registry => registry.AddLiveCommerceTasks());

        services.AddSingleton(sp => new JobCalendar(JobTimes(configuration, settings), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IJobCalendar>(sp => sp.GetRequiredService<JobCalendar>());
        services.AddSingleton<IScheduledJob, ReverificationSweepJob>();
        services.AddSingleton<IScheduledJob, EvidencePurgeJob>();
        services.AddSingleton<IScheduledJob, InspectionPlansJob>();
        services.AddSingleton<IScheduledJob, WorkflowHistoryPurgeJob>();
        services.AddHostedService<ScheduledJobsStarter>();
        return services;
    }

    /// <summary>
    /// The engine alone: a worker running <paramref name="tasks"/> and the <see cref="IWorkflowClient"/>, over the
    /// storage account of <see cref="StorageOptions"/> (the bench uses it with tasks of its own).
    /// </summary>
    public static IServiceCollection AddDurableTaskEngine(this IServiceCollection services, DurableTaskSettings settings, Action<DurableTaskRegistry> tasks)
    {
        services.AddSingleton(settings);
        services.AddSingleton(sp =>
        {
            var connection = sp.GetRequiredService<StorageOptions>().ConnectionString
                ?? throw new InvalidOperationException("The local Durable engine needs a storage connection string (AzureWebJobsStorage).");
            return new AzureStorageOrchestrationService(settings.ToEngineSettings(connection, sp.GetRequiredService<ILoggerFactory>()));
        });
        services.AddSingleton<IWorkflowClient, TaskHubWorkflowClient>();
        services.AddDurableTaskWorker(worker => worker.AddTasks(tasks).UseBuildTarget<AzureStorageDurableTaskWorker>());
        return services;
    }

    /// <summary>The capabilities' daily jobs (shared with the Functions app) and the engine's history purge.</summary>
    private static List<JobTime> JobTimes(IConfiguration configuration, DurableTaskSettings settings)
    {
        var jobs = JobCalendar.CapabilityJobs(configuration);
        jobs.Add(new(WorkflowHistoryPurgeJob.JobName, JobCalendar.ParseTime(settings.HistoryPurgeAt, new(4, 0), "DurableTask:HistoryPurgeAt"), false));
        return jobs;
    }
}
