using LiveCommerce.Domain.KeyRooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCommerce.Workflows.KeyRooms;

public static class DailyInspectionPlanServiceCollectionExtensions
{
    /// <summary>
    /// The starter of the evening runs; the workflow itself is in <see cref="LiveCommerceTasks"/>; <see cref="IInspectionDays"/>
    /// comes from storage, the solver's settings from the host (the defaults when it registers none).
    /// </summary>
    public static IServiceCollection AddDailyInspectionPlanning(this IServiceCollection services)
    {
        services.TryAddSingleton(ExactSolverSettings.Default);
        services.AddSingleton<DailyInspectionPlanStarter>();
        return services;
    }
}
