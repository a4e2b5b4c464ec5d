using DurableTask.AzureStorage;
using DurableTask.Core;
using LiveCommerce.Workflows;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;

namespace LiveCommerce.LocalHost.Durable;

/// <summary>
/// The local host's Durable worker: the registry's orchestrators and activities on the Durable Task Framework's
/// <see cref="TaskHubWorker"/> over <see cref="AzureStorageOrchestrationService"/>, the engine and storage layout
/// Durable Functions uses by default. Several processes on one storage account share the hub's partitions.
/// </summary>
internal sealed class AzureStorageDurableTaskWorker(
    string? name,
    IDurableTaskFactory factory,
    AzureStorageOrchestrationService service,
    DurableTaskSettings settings,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    ILogger<AzureStorageDurableTaskWorker> logger) : DurableTaskWorker(name, factory)
{
    private TaskHubWorker? _worker;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = WorkflowJson.Converter }, loggerFactory);
        _worker = new TaskHubWorker(service, new ShimOrchestrations(Factory, shims, services), new ShimActivities(Factory, shims, services), loggerFactory)
        {
            // The shims expect failure details, as Durable Functions' isolated worker does: activity failures then
            // reach orchestrators as TaskFailedException with the original error type and message.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };

        await service.CreateIfNotExistsAsync();
        await _worker.StartAsync();
        logger.LogInformation("Durable Task worker started on task hub {Hub}", settings.HubName);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is not null)
        {
            // Releases the partition leases, so another host takes them at once rather than after LeaseInterval.
            await _worker.StopAsync(isForced: false);
        }

        await base.StopAsync(cancellationToken);
    }
}
