using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;

namespace LiveCommerce.LocalHost.Durable;

/// <summary>
/// Hands the framework a fresh orchestrator per work item, made from the registry (<see cref="IDurableTaskFactory"/>)
/// and wrapped by the public <see cref="DurableTaskShimFactory"/>: the route Durable Functions' isolated worker takes.
/// </summary>
internal sealed class ShimOrchestrations(IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceProvider services)
    : INameVersionObjectManager<TaskOrchestration>
{
    public void Add(ObjectCreator<TaskOrchestration> creator) => throw new NotSupportedException("Orchestrators come from the registry (AddLiveCommerceTasks).");

    public TaskOrchestration? GetObject(string name, string? version) =>
        factory.TryCreateOrchestrator(new TaskName(name), services, out var orchestrator) && orchestrator is not null
            ? shims.CreateOrchestration(new TaskName(name), orchestrator)
            : null;
}

/// <summary>Activities from the registry, created from DI per call, wrapped by the shim factory.</summary>
internal sealed class ShimActivities(IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceProvider services)
    : INameVersionObjectManager<TaskActivity>
{
    public void Add(ObjectCreator<TaskActivity> creator) => throw new NotSupportedException("Activities come from the registry (AddLiveCommerceTasks).");

    public TaskActivity? GetObject(string name, string? version) =>
        factory.TryCreateActivity(new TaskName(name), services, out var activity) && activity is not null
            ? shims.CreateActivity(new TaskName(name), activity)
            : null;
}
