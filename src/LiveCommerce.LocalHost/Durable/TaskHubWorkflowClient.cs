using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using LiveCommerce.Workflows;
using Microsoft.DurableTask;

namespace LiveCommerce.LocalHost.Durable;

/// <summary>The workflow client over the Durable Task Framework's <see cref="TaskHubClient"/> and the Azure Storage service.</summary>
internal sealed class TaskHubWorkflowClient(AzureStorageOrchestrationService service, ILoggerFactory loggerFactory, ILogger<TaskHubWorkflowClient> logger)
    : IWorkflowClient
{
    /// <summary>Every status: a start never replaces an instance, finished or not (the ids are per subject).</summary>
    private static readonly OrchestrationStatus[] AnyStatus = Enum.GetValues<OrchestrationStatus>();

    /// <summary>How long an event waits for its instance to leave Pending before it is raised anyway.</summary>
    private static readonly TimeSpan StartedPatience = TimeSpan.FromSeconds(30);

    private readonly TaskHubClient _client = new(service, EngineDataConverter.Instance, loggerFactory);

    public async Task<bool> ScheduleNewAsync(TaskName name, object? input, StartOrchestrationOptions options, CancellationToken cancellationToken = default)
    {
        var instanceId = options.InstanceId ?? throw new ArgumentException("Every instance here has an id derived from its subject.", nameof(options));
        if (await StateAsync(instanceId, fetchInput: false) is not null)
        {
            return false;
        }

        try
        {
            if (options.StartAt is { } startAt)
            {
                await _client.CreateScheduledOrchestrationInstanceAsync(name.Name, string.Empty, instanceId, input, startAt.UtcDateTime);
            }
            else
            {
                await _client.CreateOrchestrationInstanceAsync(name.Name, string.Empty, instanceId, input, null, AnyStatus);
            }

            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        // An event raised before the engine has started the instance can be dropped (the backend defers the
        // ExecutionStarted message); once the instance is Running, events are kept until it waits for them.
        var state = await WaitWhilePendingAsync(instanceId, cancellationToken);
        if (state is null)
        {
            logger.LogWarning("Event {Event} for unknown instance {InstanceId} dropped", eventName, instanceId);
            return;
        }

        await _client.RaiseEventAsync(state.OrchestrationInstance, eventName, payload!);
    }

    public async Task<WorkflowInstance?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        ToInstance(await StateAsync(instanceId, fetchInput: getInputsAndOutputs), getInputsAndOutputs);

    public async Task<WorkflowInstance?> WaitForCompletionAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // The framework's own wait polls every 2 s; requests that wait want the answer sooner.
        var deadline = DateTime.UtcNow + timeout;
        var poll = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var instance = ToInstance(await StateAsync(instanceId, fetchInput: false), includeOutput: true);
            if (instance is null || instance.IsFinished || DateTime.UtcNow >= deadline)
            {
                return instance;
            }

            await Task.Delay(Min(poll, deadline - DateTime.UtcNow), cancellationToken);
            poll = Min(poll * 2, TimeSpan.FromMilliseconds(500));
        }
    }

    public async Task<bool> TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken = default)
    {
        var state = await StateAsync(instanceId, fetchInput: false);
        if (state is null || IsFinished(state.OrchestrationStatus))
        {
            return false;
        }

        await _client.TerminateInstanceAsync(state.OrchestrationInstance, reason ?? "terminated");
        return true;
    }

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var state = await StateAsync(instanceId, fetchInput: false);
        if (state is null || !IsFinished(state.OrchestrationStatus))
        {
            return false;
        }

        return (await service.PurgeInstanceHistoryAsync(instanceId)).InstancesDeleted > 0;
    }

    public async Task<int> PurgeFinishedAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        var result = await service.PurgeInstanceHistoryAsync(
            DateTime.MinValue, createdBefore.UtcDateTime,
            [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled]);
        return result.InstancesDeleted;
    }

    private async Task<OrchestrationState?> WaitWhilePendingAsync(string instanceId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartedPatience;
        var poll = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var state = await StateAsync(instanceId, fetchInput: false);
            if (state is null || state.OrchestrationStatus != OrchestrationStatus.Pending || DateTime.UtcNow >= deadline)
            {
                return state;
            }

            await Task.Delay(poll, cancellationToken);
            poll = Min(poll * 2, TimeSpan.FromMilliseconds(500));
        }
    }

    private async Task<OrchestrationState?> StateAsync(string instanceId, bool fetchInput) =>
        (await service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: fetchInput)).FirstOrDefault();

    private static WorkflowInstance? ToInstance(OrchestrationState? state, bool includeOutput) => state is null ? null : new WorkflowInstance(
        state.OrchestrationInstance.InstanceId,
        state.Name,
        ToStatus(state.OrchestrationStatus),
        new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
        new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)))
    {
        SerializedInput = includeOutput ? state.Input : null,
        SerializedOutput = includeOutput && state.OrchestrationStatus == OrchestrationStatus.Completed ? state.Output : null,
        SerializedCustomStatus = state.Status,
        FailureDetails = state.FailureDetails is { } failure
            ? new TaskFailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, null, null)
            : state.OrchestrationStatus == OrchestrationStatus.Failed ? new TaskFailureDetails("unknown", state.Output ?? string.Empty, null, null, null) : null,
    };

    private static WorkflowStatus ToStatus(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending => WorkflowStatus.Pending,
        OrchestrationStatus.Completed => WorkflowStatus.Completed,
        OrchestrationStatus.Failed => WorkflowStatus.Failed,
        OrchestrationStatus.Terminated or OrchestrationStatus.Canceled => WorkflowStatus.Terminated,
        _ => WorkflowStatus.Running,
    };

    private static bool IsFinished(OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
