using LiveCommerce.Storage;
using LiveCommerce.Workflows;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCommerce.LocalHost.Workflows;

public static class LocalWorkflowRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// The local runner as a hosted service and as <see cref="IWorkflowClient"/>. Needs <see cref="StorageClients"/>;
    /// workflows and activities come from <c>AddWorkflow</c> / <c>AddWorkflowActivity</c>.
    /// </summary>
    public static IServiceCollection AddLocalWorkflowRuntime(this IServiceCollection services, Action<LocalWorkflowRuntimeOptions>? configure = null)
    {
        var options = new LocalWorkflowRuntimeOptions();
        configure?.Invoke(options);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkflowRegistry>();
        services.AddSingleton(sp => new LocalWorkflowRuntime(
            sp.GetRequiredService<StorageClients>(),
            sp.GetRequiredService<WorkflowRegistry>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            options));
        services.AddSingleton<IWorkflowClient>(sp => sp.GetRequiredService<LocalWorkflowRuntime>());
        services.AddHostedService(sp => sp.GetRequiredService<LocalWorkflowRuntime>());
        return services;
    }
}
