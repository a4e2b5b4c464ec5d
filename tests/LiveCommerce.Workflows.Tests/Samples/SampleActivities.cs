using System.Collections.Concurrent;
using LiveCommerce.Workflows;

namespace LiveCommerce.Workflows.Tests.Samples;

/// <summary>What the sample activities did (their side effects), and gates that hold an activity until a test opens them.</summary>
public sealed class ActivityLedger
{
    private readonly ConcurrentDictionary<string, int> _started = new();
    private readonly ConcurrentDictionary<string, int> _completed = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

    /// <summary>How many calls of <paramref name="activity"/> fail before one succeeds.</summary>
    public ConcurrentDictionary<string, int> FailuresBeforeSuccess { get; } = new();

    public int Started(string activity) => _started.GetValueOrDefault(activity);

    public int Completed(string activity) => _completed.GetValueOrDefault(activity);

    public void Close(string activity) => _gates[activity] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open(string activity)
    {
        if (_gates.TryRemove(activity, out var gate))
        {
            gate.TrySetResult();
        }
    }

    public async Task<T> RunAsync<T>(string activity, Func<T> work, CancellationToken cancellationToken)
    {
        var attempt = _started.AddOrUpdate(activity, 1, (_, n) => n + 1);
        if (_gates.TryGetValue(activity, out var gate))
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (attempt <= FailuresBeforeSuccess.GetValueOrDefault(activity))
        {
            throw new InvalidOperationException($"{activity} failed on attempt {attempt}");
        }

        var result = work();
        _completed.AddOrUpdate(activity, 1, (_, n) => n + 1);
        return result;
    }
}

[WorkflowName(Name)]
public sealed class CheckStanding(ActivityLedger ledger) : IWorkflowActivity<string, string>
{
    public const string Name = "CheckStanding";

    public Task<string> RunAsync(string input, CancellationToken cancellationToken) =>
        ledger.RunAsync(Name, () => input.StartsWith("bad", StringComparison.Ordinal) ? "suspended" : "good", cancellationToken);
}

[WorkflowName(Name)]
public sealed class ScreenItems(ActivityLedger ledger) : IWorkflowActivity<IReadOnlyList<string>, int>
{
    public const string Name = "ScreenItems";

    public Task<int> RunAsync(IReadOnlyList<string> input, CancellationToken cancellationToken) =>
        ledger.RunAsync(Name, () => input.Count, cancellationToken);
}

[WorkflowName(Name)]
public sealed class Publish(ActivityLedger ledger) : IWorkflowActivity<string, string>
{
    public const string Name = "Publish";

    public Task<string> RunAsync(string input, CancellationToken cancellationToken) =>
        ledger.RunAsync(Name, () => $"listing-{input}", cancellationToken);
}

/// <summary>Repeats its input: how the tests make payloads larger than a table property.</summary>
[WorkflowName(Name)]
public sealed class Repeat(ActivityLedger ledger) : IWorkflowActivity<string, string>
{
    public const string Name = "Repeat";

    public Task<string> RunAsync(string input, CancellationToken cancellationToken) =>
        ledger.RunAsync(Name, () => input + input, cancellationToken);
}
