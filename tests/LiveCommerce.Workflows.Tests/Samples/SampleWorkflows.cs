using LiveCommerce.Workflows;

namespace LiveCommerce.Workflows.Tests.Samples;

/// <summary>Checks standing with retries: 3 attempts, waiting 10 s then 20 s.</summary>
[WorkflowName(Name)]
public sealed class RetriedCheck : IWorkflow<string, string>
{
    public const string Name = "RetriedCheck";
    public static readonly WorkflowRetryPolicy Policy = new(maxAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(10), backoffCoefficient: 2);

    public Task<string> RunAsync(WorkflowContext context, string input) =>
        context.CallActivityAsync<string>(CheckStanding.Name, input, WorkflowTaskOptions.FromRetryPolicy(Policy));
}

/// <summary>Screens its items in a child instance named after the parent.</summary>
[WorkflowName(Name)]
public sealed class ParentReview : IWorkflow<ReviewRequest, string>
{
    public const string Name = "ParentReview";

    public static string ChildId(string parentId) => parentId + "-screening";

    public async Task<string> RunAsync(WorkflowContext context, ReviewRequest input)
    {
        var screened = await context.CallSubWorkflowAsync<int>(ChildScreening.Name, input.Items, new SubWorkflowOptions(InstanceId: ChildId(context.InstanceId)));
        return $"{input.MerchantId}: {screened} screened";
    }
}

[WorkflowName(Name)]
public sealed class ChildScreening : IWorkflow<IReadOnlyList<string>, int>
{
    public const string Name = "ChildScreening";

    public Task<int> RunAsync(WorkflowContext context, IReadOnlyList<string> input) =>
        context.CallActivityAsync<int>(ScreenItems.Name, input);
}

/// <summary>A cooling-off period (a one-hour durable timer), then publishing.</summary>
[WorkflowName(Name)]
public sealed class CoolingOff : IWorkflow<string, string>
{
    public const string Name = "CoolingOff";

    public async Task<string> RunAsync(WorkflowContext context, string input)
    {
        context.SetCustomStatus("cooling-off");
        await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
        return await context.CallActivityAsync<string>(Publish.Name, input);
    }
}

/// <summary>Doubles a payload twice through an activity (so it crosses the inline limit on the way).</summary>
[WorkflowName(Name)]
public sealed class LargePayloads : IWorkflow<string, string>
{
    public const string Name = "LargePayloads";

    public async Task<string> RunAsync(WorkflowContext context, string input)
    {
        var doubled = await context.CallActivityAsync<string>(Repeat.Name, input);
        return await context.CallActivityAsync<string>(Repeat.Name, doubled);
    }
}

/// <summary>Version 1 of an order flow: standing, screening, then a wait.</summary>
[WorkflowName(Name)]
public sealed class OrderFlowV1 : IWorkflow<ReviewRequest, string>
{
    public const string Name = "OrderFlow";

    public async Task<string> RunAsync(WorkflowContext context, ReviewRequest input)
    {
        await context.CallActivityAsync<string>(CheckStanding.Name, input.MerchantId);
        await context.CallActivityAsync<int>(ScreenItems.Name, input.Items);
        context.SetCustomStatus("waiting");
        return (await context.WaitForExternalEvent<Approval>("Approval")).Reviewer;
    }
}

/// <summary>Version 2, deployed while version 1 instances were running: it publishes where v1 screened.</summary>
[WorkflowName(OrderFlowV1.Name)]
public sealed class OrderFlowV2 : IWorkflow<ReviewRequest, string>
{
    public async Task<string> RunAsync(WorkflowContext context, ReviewRequest input)
    {
        await context.CallActivityAsync<string>(CheckStanding.Name, input.MerchantId);
        await context.CallActivityAsync<string>(Publish.Name, input.MerchantId);
        context.SetCustomStatus("waiting");
        return (await context.WaitForExternalEvent<Approval>("Approval")).Reviewer;
    }
}
