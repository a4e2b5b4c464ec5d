using LiveCommerce.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LiveCommerce.Functions.Workflows;

/// <summary>The workflow client port over Durable's <see cref="DurableTaskClient"/> (from a <c>[DurableClient]</c> binding).</summary>
public sealed class DurableWorkflowClient(DurableTaskClient client) : IWorkflowClient
{
    public async Task<bool> ScheduleNewAsync(string name, object? input, string instanceId, CancellationToken cancellationToken = default)
    {
        // Durable would restart a finished instance with the same id: look first, so a repeated start starts nothing.
        if (await client.GetInstanceAsync(instanceId, false, cancellationToken) is not null)
        {
            return false;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId), cancellationToken);
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

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);

    public async Task<WorkflowInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await client.GetInstanceAsync(instanceId, true, cancellationToken) is { } metadata ? ToInstance(metadata) : null;

    public async Task<WorkflowInstance?> WaitForCompletionAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var current = await GetInstanceAsync(instanceId, cancellationToken);
        if (current is null || current.IsFinished)
        {
            return current;
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(timeout);
        try
        {
            return ToInstance(await client.WaitForInstanceCompletionAsync(instanceId, true, patience.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await GetInstanceAsync(instanceId, cancellationToken) ?? current;
        }
    }

    public static WorkflowInstance ToInstance(OrchestrationMetadata metadata) =>
        new(metadata.InstanceId, metadata.Name, ToStatus(metadata.RuntimeStatus), metadata.CreatedAt, metadata.LastUpdatedAt)
        {
            SerializedInput = metadata.SerializedInput,
            SerializedOutput = metadata.SerializedOutput,
            SerializedCustomStatus = metadata.SerializedCustomStatus,
            FailureDetails = metadata.FailureDetails is { } failure
                ? new WorkflowFailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace)
                : null,
        };

    // Suspended (and the obsolete ContinuedAsNew) are still unfinished: Running, for the port.
    private static WorkflowStatus ToStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => WorkflowStatus.Pending,
        OrchestrationRuntimeStatus.Completed => WorkflowStatus.Completed,
        OrchestrationRuntimeStatus.Failed => WorkflowStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => WorkflowStatus.Terminated,
        _ => WorkflowStatus.Running,
    };
}
