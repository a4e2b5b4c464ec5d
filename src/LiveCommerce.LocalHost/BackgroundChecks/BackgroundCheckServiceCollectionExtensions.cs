namespace LiveCommerce.LocalHost.BackgroundChecks;

public static class BackgroundCheckServiceCollectionExtensions
{
    /// <summary>The storage-queue consumer and the daily sweep timer, as <see cref="BackgroundCheckOptions"/> ask.</summary>
    public static IServiceCollection AddLocalBackgroundChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var options = (configuration.GetSection(BackgroundCheckOptions.Section).Get<BackgroundCheckOptions>() ?? new()).Validated();
        services.AddSingleton(options);
        if (options.ConsumerEnabled)
        {
            services.AddHostedService<BackgroundCheckQueueConsumer>();
        }

        if (options.SweepEnabled)
        {
            services.AddHostedService<ReverificationSweepTimer>();
        }

        return services;
    }
}
