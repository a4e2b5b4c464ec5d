namespace LiveCommerce.LocalHost.BackgroundChecks;

public static class BackgroundCheckServiceCollectionExtensions
{
    /// <summary>The storage-queue consumer (the daily sweep is a scheduled job: Schedules/), as <see cref="BackgroundCheckOptions"/> ask.</summary>
    public static IServiceCollection AddLocalBackgroundChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var options = (configuration.GetSection(BackgroundCheckOptions.Section).Get<BackgroundCheckOptions>() ?? new()).Validated();
        services.AddSingleton(options);
        if (options.ConsumerEnabled)
        {
            services.AddHostedService<BackgroundCheckQueueConsumer>();
        }

        return services;
    }
}
