using Microsoft.DurableTask;

namespace LiveCommerce.Bench.Workflows;

/// <summary>The bench's orchestrator: the pre-live shape — two activities, one approval event with a timeout, one more activity.</summary>
[DurableTask(Name)]
public sealed class BenchOrder : TaskOrchestrator<string, string>
{
    public const string Name = "BenchOrder";
    public const string ApprovalEvent = "Approved";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var reserved = await context.CallActivityAsync<string>(ReserveStock.Name, input);
        var screened = await context.CallActivityAsync<string>(ScreenOrder.Name, reserved);
        using var timeout = new CancellationTokenSource();
        var approval = context.WaitForExternalEvent<bool>(ApprovalEvent, timeout.Token);
        var expiry = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(10), timeout.Token);
        if (await Task.WhenAny(approval, expiry) != approval)
        {
            return "rejected";
        }

        timeout.Cancel();
        return await approval ? await context.CallActivityAsync<string>(ConfirmOrder.Name, screened) : "rejected";
    }
}

[DurableTask(Name)]
public sealed class ReserveStock : TaskActivity<string, string>
{
    public const string Name = "ReserveStock";

    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input + ":reserved");
}

[DurableTask(Name)]
public sealed class ScreenOrder : TaskActivity<string, string>
{
    public const string Name = "ScreenOrder";

    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input + ":screened");
}

[DurableTask(Name)]
public sealed class ConfirmOrder : TaskActivity<string, string>
{
    public const string Name = "ConfirmOrder";

    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input + ":confirmed");
}
