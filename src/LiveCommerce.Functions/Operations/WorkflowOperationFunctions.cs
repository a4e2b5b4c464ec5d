using LiveCommerce.Functions.Workflows;
using LiveCommerce.Http.Workflows;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LiveCommerce.Functions.Operations;

/// <summary>Status, terminate and purge of a platform's own workflow instances, over the shared handlers.</summary>
public sealed class WorkflowOperationFunctions(WorkflowEndpoints workflows)
{
    [Function("WorkflowGet")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workflows/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient durable) => workflows.Get(request, instanceId, new DurableWorkflowClient(durable));

    [Function("WorkflowTerminate")]
    public Task<IResult> Terminate(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "workflows/{instanceId}/terminate")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient durable) => workflows.Terminate(request, instanceId, new DurableWorkflowClient(durable));

    [Function("WorkflowPurge")]
    public Task<IResult> Purge(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "workflows/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient durable) => workflows.Purge(request, instanceId, new DurableWorkflowClient(durable));
}
