using LiveCommerce.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Http.Workflows;

public static class WorkflowsApi
{
    public static IServiceCollection AddWorkflowOperations(this IServiceCollection services) =>
        services.AddSingleton<WorkflowEndpoints>();

    public static RouteGroupBuilder MapWorkflowOperations(this RouteGroupBuilder api)
    {
        api.MapGet("/workflows/{instanceId}", (HttpRequest r, string instanceId, WorkflowEndpoints h, IWorkflowClient w) => h.Get(r, instanceId, w));
        api.MapPost("/workflows/{instanceId}/terminate", (HttpRequest r, string instanceId, WorkflowEndpoints h, IWorkflowClient w) => h.Terminate(r, instanceId, w));
        api.MapDelete("/workflows/{instanceId}", (HttpRequest r, string instanceId, WorkflowEndpoints h, IWorkflowClient w) => h.Purge(r, instanceId, w));
        return api;
    }
}
