using Azure.Core;
using Azure.Identity;
using LiveCommerce.Functions.Workflows;
using LiveCommerce.Http;
using LiveCommerce.Http.Authentication;
using LiveCommerce.Http.Schedules;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.Schedules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCommerce.Functions;

/// <summary>
/// How the Functions app is composed: the same services and handlers as the local host, bound to Functions
/// triggers. Program calls it; the tests compose the app with it too, so what they resolve is what Azure runs.
/// </summary>
public static class LiveCommerceFunctionsApp
{
    public static FunctionsApplicationBuilder Configure(FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<ProblemDetailsMiddleware>();
        builder.UseMiddleware<CallerMiddleware>();
        builder.UseMiddleware<DurableClientMiddleware>();

        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();

        // One credential (the app's managed identity in Azure) for the Table, Blob and Queue clients; a connection
        // string, where one is configured (Storage:ConnectionString, else AzureWebJobsStorage), is used instead.
        builder.Services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        builder.Services.AddLiveCommerceApi(builder.Configuration);
        builder.Services.AddLiveCommerceAuthentication(builder.Configuration, builder.Environment);

        // [Function] methods take the Durable client as a [DurableClient] parameter; activities, made from the
        // invocation's services, get the same binding through InvocationDurableClient (see there).
        builder.Services.AddScoped<InvocationDurableClient>();
        builder.Services.AddScoped<IWorkflowClient>(sp => new DurableWorkflowClient(sp.GetRequiredService<InvocationDurableClient>().Client));
        builder.Services.AddSingleton<IFunctionMetadataTransformer, ActivityDurableClientBinding>();

        // The orchestrators and activities: the same registration as the local host's engine; the Durable extension's
        // metadata transformer exposes each as an orchestrationTrigger or activityTrigger function.
        builder.ConfigureDurableWorker().AddTasks(tasks => tasks.AddLiveCommerceTasks());

        // The daily jobs those orchestrations run (the local host adds its engine's history purge).
        builder.Services.AddSingleton(sp => new JobCalendar(JobCalendar.CapabilityJobs(builder.Configuration), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IJobCalendar>(sp => sp.GetRequiredService<JobCalendar>());
        builder.Services.AddScoped<IScheduledJob, ReverificationSweepJob>();
        builder.Services.AddScoped<IScheduledJob, EvidencePurgeJob>();
        builder.Services.AddScoped<IScheduledJob, InspectionPlansJob>();
        return builder;
    }
}
