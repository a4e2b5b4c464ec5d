using Azure.Core;
using Azure.Identity;
using LiveCommerce.Functions;
using LiveCommerce.Functions.BackgroundChecks;
using LiveCommerce.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The production shell: the same services and handlers as the local host, bound to Functions triggers.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemDetailsMiddleware>();

builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// One credential (the app's managed identity in Azure) for the Table, Blob, Queue and Service Bus clients; a
// connection string, where one is configured (Storage:ConnectionString, ServiceBusConnection), is used instead.
builder.Services.AddSingleton<TokenCredential>(new DefaultAzureCredential());
builder.Services.AddLiveCommerceApi(builder.Configuration);
builder.Services.AddBackgroundCheckServiceBus(builder.Configuration);

builder.Build().Run();
