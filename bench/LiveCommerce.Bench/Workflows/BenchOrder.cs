using LiveCommerce.Workflows;

namespace LiveCommerce.Bench.Workflows;

/// <summary>The bench's workflow: the pre-live shape — three activities and one approval event with a timeout.</summary>
[WorkflowName(Name)]
public sealed class BenchOrder : IWorkflow<string, string>
{
    public const string Name = "BenchOrder";
    public const string ApprovalEvent = "Approved";

    public async Task<string> RunAsync(WorkflowContext context, string input)
    {
        var reserved = await context.CallActivityAsync<string>(ReserveStock.Name, input);
        var screened = await context.CallActivityAsync<string>(ScreenOrder.Name, reserved);
        var approved = await context.WaitForExternalEvent<bool>(ApprovalEvent, TimeSpan.FromMinutes(10));
        return approved ? await context.CallActivityAsync<string>(ConfirmOrder.Name, screened) : "rejected";
    }
}

[WorkflowName(Name)]
public sealed class ReserveStock : IWorkflowActivity<string, string>
{
    public const string Name = "ReserveStock";

    public Task<string> RunAsync(string input, CancellationToken cancellationToken) => Task.FromResult(input + ":reserved");
}

[WorkflowName(Name)]
public sealed class ScreenOrder : IWorkflowActivity<string, string>
{
    public const string Name = "ScreenOrder";

    public Task<string> RunAsync(string input, CancellationToken cancellationToken) => Task.FromResult(input + ":screened");
}

[WorkflowName(Name)]
public sealed class ConfirmOrder : IWorkflowActivity<string, string>
{
    public const string Name = "ConfirmOrder";

    public Task<string> RunAsync(string input, CancellationToken cancellationToken) => Task.FromResult(input + ":confirmed");
}
