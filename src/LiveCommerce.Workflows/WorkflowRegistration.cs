using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Workflows;

/// <summary>Whether a registration is an orchestrator or an activity.</summary>
public enum WorkflowTaskKind
{
    Workflow,
    Activity,
}

/// <summary>
/// One registered workflow or activity: its name, its types, and how a runner invokes it with serialized input and
/// output (typed once here, so runners need no reflection per call).
/// </summary>
public sealed class WorkflowRegistration
{
    private readonly Func<IServiceProvider, WorkflowContext, Task<string?>>? _runWorkflow;
    private readonly Func<IServiceProvider, string?, CancellationToken, Task<string?>>? _runActivity;

    private WorkflowRegistration(
        string name,
        WorkflowTaskKind kind,
        Type implementationType,
        Func<IServiceProvider, WorkflowContext, Task<string?>>? runWorkflow,
        Func<IServiceProvider, string?, CancellationToken, Task<string?>>? runActivity)
    {
        Name = name;
        Kind = kind;
        ImplementationType = implementationType;
        _runWorkflow = runWorkflow;
        _runActivity = runActivity;
    }

    public string Name { get; }

    public WorkflowTaskKind Kind { get; }

    public Type ImplementationType { get; }

    /// <summary>Runs the orchestrator on <paramref name="context"/> and returns its serialized output.</summary>
    public Task<string?> RunWorkflowAsync(IServiceProvider services, WorkflowContext context) =>
        (_runWorkflow ?? throw new InvalidOperationException($"'{Name}' is an activity, not a workflow."))(services, context);

    /// <summary>Runs the activity on its serialized input and returns its serialized result.</summary>
    public Task<string?> RunActivityAsync(IServiceProvider services, string? serializedInput, CancellationToken cancellationToken) =>
        (_runActivity ?? throw new InvalidOperationException($"'{Name}' is a workflow, not an activity."))(services, serializedInput, cancellationToken);

    public static WorkflowRegistration ForWorkflow(Type workflowType)
    {
        var (input, output) = TypeArguments(workflowType, typeof(IWorkflow<,>));
        return (WorkflowRegistration)Factory(nameof(CreateWorkflow)).MakeGenericMethod(workflowType, input, output).Invoke(null, null)!;
    }

    public static WorkflowRegistration ForActivity(Type activityType)
    {
        var (input, output) = TypeArguments(activityType, typeof(IWorkflowActivity<,>));
        return (WorkflowRegistration)Factory(nameof(CreateActivity)).MakeGenericMethod(activityType, input, output).Invoke(null, null)!;
    }

    private static WorkflowRegistration CreateWorkflow<TWorkflow, TInput, TOutput>()
        where TWorkflow : IWorkflow<TInput, TOutput> =>
        new(WorkflowNameAttribute.Of(typeof(TWorkflow)), WorkflowTaskKind.Workflow, typeof(TWorkflow), RunWorkflow<TWorkflow, TInput, TOutput>, null);

    private static async Task<string?> RunWorkflow<TWorkflow, TInput, TOutput>(IServiceProvider services, WorkflowContext context)
        where TWorkflow : IWorkflow<TInput, TOutput>
    {
        var workflow = services.GetRequiredService<TWorkflow>();
        var output = await workflow.RunAsync(context, context.GetInput<TInput>()!);
        return WorkflowJson.Serialize(output);
    }

    private static WorkflowRegistration CreateActivity<TActivity, TInput, TOutput>()
        where TActivity : IWorkflowActivity<TInput, TOutput> =>
        new(WorkflowNameAttribute.Of(typeof(TActivity)), WorkflowTaskKind.Activity, typeof(TActivity), null, RunActivity<TActivity, TInput, TOutput>);

    private static async Task<string?> RunActivity<TActivity, TInput, TOutput>(IServiceProvider services, string? serializedInput, CancellationToken cancellationToken)
        where TActivity : IWorkflowActivity<TInput, TOutput>
    {
        var activity = services.GetRequiredService<TActivity>();
        var output = await activity.RunAsync(WorkflowJson.Deserialize<TInput>(serializedInput)!, cancellationToken);
        return WorkflowJson.Serialize(output);
    }

    private static MethodInfo Factory(string name) =>
        typeof(WorkflowRegistration).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    private static (Type Input, Type Output) TypeArguments(Type type, Type contract)
    {
        var implemented = type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == contract).ToList();
        if (implemented.Count != 1 || type.IsAbstract)
        {
            throw new ArgumentException($"{type.Name} must be a concrete class implementing {contract.Name} exactly once.", nameof(type));
        }

        var arguments = implemented[0].GetGenericArguments();
        return (arguments[0], arguments[1]);
    }
}
