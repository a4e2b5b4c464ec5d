using Microsoft.DurableTask;

namespace LiveCommerce.Workflows;

/// <summary>
/// What HTTP handlers and hosts need from a Durable client, in Durable's own terms: the local host implements it over
/// the Durable Task Framework's <c>TaskHubClient</c>, the Functions app over <c>DurableTaskClient</c>. Payloads go
/// through <see cref="WorkflowJson"/> on both.
/// </summary>
public interface IWorkflowClient
{
    /// <summary>
    /// Starts orchestrator <paramref name="name"/> as instance <see cref="StartOrchestrationOptions.InstanceId"/>
    /// (required: every instance id here is derived from what it is about), unless that instance already exists,
    /// whatever its status: then nothing is started. Returns true when this call started it.
    /// </summary>
    Task<bool> ScheduleNewAsync(TaskName name, object? input, StartOrchestrationOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers an event; it is kept until the instance waits for it. Raised only once the instance has left
    /// Pending (an event raised while the engine has not yet started the instance can be dropped), so a caller may
    /// raise right after starting. An event for an unknown or finished instance is dropped, as Durable does.
    /// </summary>
    Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The instance's status and custom status, or null when there is none; with <paramref name="getInputsAndOutputs"/>
    /// also its input and output (without, the input is not even read from storage).
    /// </summary>
    Task<WorkflowInstance?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until the instance has finished or <paramref name="timeout"/> (the caller's patience) has passed, and
    /// returns it as it is then, with its output; null when there is no such instance.
    /// </summary>
    Task<WorkflowInstance?> WaitForCompletionAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Terminates a running or pending instance; false when there is none or it had already finished.</summary>
    Task<bool> TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Deletes a finished instance's state and history; false when there is none or it has not finished.</summary>
    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every instance that finished and was created before <paramref name="createdBefore"/>; returns how many.</summary>
    Task<int> PurgeFinishedAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default);
}
