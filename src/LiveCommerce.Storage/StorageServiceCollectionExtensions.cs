using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Binds <see cref="StorageOptions"/> (falling back to AzureWebJobsStorage) and registers the clients.</summary>
    public static IServiceCollection AddLiveCommerceStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && string.IsNullOrWhiteSpace(options.AccountName))
        {
            var webJobs = configuration["AzureWebJobsStorage"];
            if (!string.IsNullOrWhiteSpace(webJobs))
            {
                options.ConnectionString = webJobs;
            }
            else
            {
                options.AccountName = configuration["AzureWebJobsStorage:accountName"];
            }
        }

        services.AddSingleton(options);
        // One credential for every Azure client when the host registers one (the Functions app does); else its own.
        services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<StorageOptions>(), sp.GetService<TokenCredential>()));
        return services;
    }
}
