using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Functions.Workflows;

/// <summary>
/// The Durable client of the current invocation (scoped). Durable Functions hands a client only through a
/// <c>[DurableClient]</c> binding, per invocation; activities are classes the Durable extension creates from the
/// invocation's services, so the ones that start or query orchestrations (a scheduled job starting tomorrow's run)
/// get it through DI: <see cref="DurableClientMiddleware"/> binds it here, and the app's <c>IWorkflowClient</c> is
/// made over it.
/// </summary>
public sealed class InvocationDurableClient
{
    private DurableTaskClient? _client;

    public DurableTaskClient Client
    {
        get => _client ?? throw new InvalidOperationException(
            "This function has no durableClient binding, so it has no Durable client. HTTP and timer functions declare " +
            "[DurableClient]; activities get one from ActivityDurableClientBinding.");
        set => _client = value;
    }
}

/// <summary>Binds the invocation's <c>durableClient</c> input, where the function has one, into <see cref="InvocationDurableClient"/>.</summary>
public sealed class DurableClientMiddleware : IFunctionsWorkerMiddleware
{
    public const string BindingType = "durableClient";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var binding = context.FunctionDefinition.InputBindings.Values
            .FirstOrDefault(b => b.Type.Equals(BindingType, StringComparison.OrdinalIgnoreCase));
        if (binding is not null && (await context.BindInputAsync<DurableTaskClient>(binding)).Value is { } client)
        {
            context.InstanceServices.GetRequiredService<InvocationDurableClient>().Client = client;
        }

        await next(context);
    }
}

/// <summary>
/// Declares a <c>durableClient</c> input on every activity function, so the host sends the client's connection with
/// each activity invocation (as it does for a <c>[DurableClient]</c> parameter). Runs after the Durable extension's
/// transformer, which adds the class-based activities.
/// </summary>
public sealed class ActivityDurableClientBinding : IFunctionMetadataTransformer
{
    public const string BindingName = "durableClient";

    private const string Binding = $$$"""{"name":"{{{BindingName}}}","type":"{{{DurableClientMiddleware.BindingType}}}","direction":"In","properties":{}}""";

    public string Name => nameof(ActivityDurableClientBinding);

    public void Transform(IList<IFunctionMetadata> original)
    {
        ArgumentNullException.ThrowIfNull(original);
        foreach (var function in original)
        {
            if (function.RawBindings is { IsReadOnly: false } bindings &&
                bindings.Any(b => b.Contains("\"activityTrigger\"", StringComparison.OrdinalIgnoreCase)) &&
                !bindings.Any(b => b.Contains($"\"{DurableClientMiddleware.BindingType}\"", StringComparison.OrdinalIgnoreCase)))
            {
                bindings.Add(Binding);
            }
        }
    }
}
