using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Workflows.KeyRooms;

public static class DailyInspectionPlanServiceCollectionExtensions
{
    /// <summary>The starter of the evening runs; the workflow itself is in <see cref="LiveCommerceTasks"/>; <see cref="IInspectionDays"/> comes from storage.</summary>
    public static IServiceCollection AddDailyInspectionPlanning(this IServiceCollection services)
    {
        services.AddSingleton<DailyInspectionPlanStarter>();
        return services;
    }
}
