using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Workflows.KeyRooms;

public static class DailyInspectionPlanServiceCollectionExtensions
{
    /// <summary>The daily workflow, its activities and its starter; <see cref="IInspectionDays"/> comes from storage.</summary>
    public static IServiceCollection AddDailyInspectionPlanning(this IServiceCollection services)
    {
        services.AddWorkflow<DailyInspectionPlanWorkflow>();
        services.AddWorkflowActivity<FindInspectionDayActivity>();
        services.AddWorkflowActivity<PlanInspectionDayActivity>();
        services.AddWorkflowActivity<StoreInspectionPlanActivity>();
        services.AddSingleton<DailyInspectionPlanStarter>();
        return services;
    }
}
