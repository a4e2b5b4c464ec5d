namespace LiveCommerce.Workflows;

/// <summary>
/// How hosts and HTTP handlers start and drive workflows: Durable's <c>DurableTaskClient</c> in Azure, the local
/// runner here. The same calls behave the same on both.
/// </summary>
public interface IWorkflowClient
{
    /// <summary>
    /// Starts workflow <paramref name="name"/> as instance <paramref name="instanceId"/>, unless that instance already
    /// exists (whatever its status): then nothing is started. Returns true when this call started it.
    /// </summary>
    Task<bool> ScheduleNewAsync(string name, object? input, string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers an event. It is kept until the instance waits for it; an event for an unknown or finished instance
    /// is dropped, as Durable does.
    /// </summary>
    Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default);

    /// <summary>The instance with its input, output and custom status, or null when there is none.</summary>
    Task<WorkflowInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until the instance has finished or <paramref name="timeout"/> (wall-clock: the caller's patience, not
    /// workflow time) has passed, and returns it as it is then; null when there is no such instance.
    /// </summary>
    Task<WorkflowInstance?> WaitForCompletionAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken = default);
}
