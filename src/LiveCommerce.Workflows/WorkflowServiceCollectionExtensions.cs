using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCommerce.Workflows;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Registers an <see cref="IWorkflow{TInput, TOutput}"/> (transient, constructor-injected) under its name.</summary>
    public static IServiceCollection AddWorkflow<TWorkflow>(this IServiceCollection services)
        where TWorkflow : class
    {
        services.TryAddTransient<TWorkflow>();
        services.AddSingleton(WorkflowRegistration.ForWorkflow(typeof(TWorkflow)));
        services.TryAddSingleton<WorkflowRegistry>();
        return services;
    }

    /// <summary>Registers an <see cref="IWorkflowActivity{TInput, TOutput}"/> (transient, resolved in a scope per run) under its name.</summary>
    public static IServiceCollection AddWorkflowActivity<TActivity>(this IServiceCollection services)
        where TActivity : class
    {
        services.TryAddTransient<TActivity>();
        services.AddSingleton(WorkflowRegistration.ForActivity(typeof(TActivity)));
        services.TryAddSingleton<WorkflowRegistry>();
        return services;
    }
}
