using LiveCommerce.Domain.KeyRooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCommerce.Workflows.KeyRooms;

public static class DailyInspectionPlanServiceCollectionExtensions
{
    /// <summary>
    /// The daily workflow, its activities and its starter; <see cref="IInspectionDays"/> comes from storage, the
    /// solver's settings from the host (the defaults when it registers none).
    /// </summary>
    public static IServiceCollection AddDailyInspectionPlanning(this IServiceCollection services)
    {
        services.TryAddSingleton(ExactSolverSettings.Default);
        services.AddWorkflow<DailyInspectionPlanWorkflow>();
        services.AddWorkflowActivity<FindInspectionDayActivity>();
        services.AddWorkflowActivity<PlanInspectionDayActivity>();
        services.AddWorkflowActivity<StoreInspectionPlanActivity>();
        services.AddSingleton<DailyInspectionPlanStarter>();
        return services;
    }
}
