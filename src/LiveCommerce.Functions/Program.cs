using Azure.Core;
using Azure.Identity;
using LiveCommerce.Functions;
using LiveCommerce.Functions.BackgroundChecks;
using LiveCommerce.Http;
using LiveCommerce.Http.Audit;
using LiveCommerce.Http.Authentication;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The production shell: the same services and handlers as the local host, bound to Functions triggers.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemDetailsMiddleware>();

// The caller and the per-platform rate limit: the same two steps (CallerPipeline, PlatformRateLimits) as the local
// host's pipeline, on the ASP.NET Core HttpContext of the HTTP triggers.
builder.UseMiddleware(async (context, next) =>
{
    if (context.GetHttpContext() is not { } http ||
        (await CallerPipeline.ResolveAsync(http) && await context.InstanceServices.GetRequiredService<PlatformRateLimits>().AdmitAsync(http)))
    {
        await next();
    }
});

// The audit of every change (AuditedChanges), the same step as on the local host's /api group; the function's name
// stands for the route pattern in the entry's default action.
builder.UseMiddleware(async (context, next) =>
{
    if (context.GetHttpContext() is not { } http)
    {
        await next();
        return;
    }

    await context.InstanceServices.GetRequiredService<AuditedChanges>().RunAsync(
        http,
        async () =>
        {
            await next();
            return context.GetInvocationResult().Value;
        },
        result => result,
        context.FunctionDefinition.Name);
});

builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// One credential (the app's managed identity in Azure) for the Table, Blob, Queue and Service Bus clients; a
// connection string, where one is configured (Storage:ConnectionString, ServiceBusConnection), is used instead.
builder.Services.AddSingleton<TokenCredential>(new DefaultAzureCredential());
builder.Services.AddLiveCommerceApi(builder.Configuration);
builder.Services.AddLiveCommerceAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddBackgroundCheckServiceBus(builder.Configuration);

builder.Build().Run();
