using LiveCommerce.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LiveCommerce.Functions.Workflows;

/// <summary>
/// The workflow client port over Durable Functions' <see cref="DurableTaskClient"/> (the invocation's
/// <c>[DurableClient]</c> binding): the same calls, with the same meaning, as the local host's client over the
/// Durable Task Framework.
/// </summary>
public sealed class DurableWorkflowClient(DurableTaskClient client) : IWorkflowClient
{
    /// <summary>How long an event waits for its instance to leave Pending before it is raised anyway.</summary>
    private static readonly TimeSpan StartedPatience = TimeSpan.FromSeconds(30);

    public async Task<bool> ScheduleNewAsync(TaskName name, object? input, StartOrchestrationOptions options, CancellationToken cancellationToken = default)
    {
        var instanceId = options.InstanceId ?? throw new ArgumentException("Every instance here has an id derived from its subject.", nameof(options));

        // Durable would restart a finished instance with the same id: look first, so a repeated start starts nothing.
        if (await client.GetInstanceAsync(instanceId, false, cancellationToken) is not null)
        {
            return false;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(name, input, options, cancellationToken);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent start of the same id won the race; any other failure is rethrown.
            if (await client.GetInstanceAsync(instanceId, false, cancellationToken) is not null)
            {
                return false;
            }

            throw;
        }
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        // As on the local host: an event raised before the instance has started can be dropped by the backend.
        var deadline = DateTime.UtcNow + StartedPatience;
        var poll = TimeSpan.FromMilliseconds(50);
        while (await client.GetInstanceAsync(instanceId, false, cancellationToken) is { } instance)
        {
            if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending || DateTime.UtcNow >= deadline)
            {
                await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
                return;
            }

            await Task.Delay(poll, cancellationToken);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
        }

        // No such instance: dropped, as Durable drops an event for an unknown instance.
    }

    public async Task<WorkflowInstance?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        await client.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken) is { } metadata ? ToInstance(metadata, getInputsAndOutputs) : null;

    public async Task<WorkflowInstance?> WaitForCompletionAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var current = await GetInstanceAsync(instanceId, true, cancellationToken);
        if (current is null || current.IsFinished)
        {
            return current;
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(timeout);
        try
        {
            return ToInstance(await client.WaitForInstanceCompletionAsync(instanceId, true, patience.Token), includeInputsAndOutputs: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await GetInstanceAsync(instanceId, true, cancellationToken) ?? current;
        }
    }

    public async Task<bool> TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken = default)
    {
        if (await client.GetInstanceAsync(instanceId, false, cancellationToken) is not { } instance || IsFinished(instance.RuntimeStatus))
        {
            return false;
        }

        await client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions { Output = reason ?? "terminated" }, cancellationToken);
        return true;
    }

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        if (await client.GetInstanceAsync(instanceId, false, cancellationToken) is not { } instance || !IsFinished(instance.RuntimeStatus))
        {
            return false;
        }

        return (await client.PurgeInstanceAsync(instanceId, null, cancellationToken)).PurgedInstanceCount > 0;
    }

    public async Task<int> PurgeFinishedAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        var filter = new PurgeInstancesFilter(
            CreatedFrom: DateTimeOffset.MinValue,
            CreatedTo: createdBefore,
            Statuses: [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]);
        return (await client.PurgeAllInstancesAsync(filter, cancellationToken)).PurgedInstanceCount;
    }

    public static WorkflowInstance ToInstance(OrchestrationMetadata metadata, bool includeInputsAndOutputs) =>
        new(metadata.InstanceId, metadata.Name, ToStatus(metadata.RuntimeStatus), metadata.CreatedAt, metadata.LastUpdatedAt)
        {
            SerializedInput = includeInputsAndOutputs ? metadata.SerializedInput : null,
            SerializedOutput = includeInputsAndOutputs && metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.SerializedOutput : null,
            SerializedCustomStatus = metadata.SerializedCustomStatus,
            FailureDetails = metadata.FailureDetails,
        };

    // Suspended is still unfinished: Running, for the port.
    private static WorkflowStatus ToStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => WorkflowStatus.Pending,
        OrchestrationRuntimeStatus.Completed => WorkflowStatus.Completed,
        OrchestrationRuntimeStatus.Failed => WorkflowStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => WorkflowStatus.Terminated,
        _ => WorkflowStatus.Running,
    };

    private static bool IsFinished(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
