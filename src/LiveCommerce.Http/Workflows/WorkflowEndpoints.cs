using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Workflows;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Workflows;

/// <summary>
/// Operations on a platform's own workflow instances, as users of Durable expect them: status (without the input),
/// terminate, purge; for <c>compliance.admin</c> only. An instance id of another platform, or of the service itself,
/// is not found.
/// </summary>
public sealed class WorkflowEndpoints
{
    private const int MaxInstanceIdLength = 200;

    public async Task<IResult> Get(HttpRequest request, string instanceId, IWorkflowClient workflows)
    {
        if (!TryOwn(request, instanceId, out var problem))
        {
            return problem;
        }

        var instance = await workflows.GetInstanceAsync(instanceId, getInputsAndOutputs: false, request.HttpContext.RequestAborted);
        return instance is null ? NotFound(instanceId) : JsonText.Of(200, View(instance));
    }

    public async Task<IResult> Terminate(HttpRequest request, string instanceId, IWorkflowClient workflows)
    {
        if (!TryOwn(request, instanceId, out var problem))
        {
            return problem;
        }

        var cancellation = request.HttpContext.RequestAborted;
        var reason = request.Query["reason"].ToString() is { Length: > 0 and <= 500 } given ? given : "terminated over the API";
        if (await workflows.GetInstanceAsync(instanceId, cancellationToken: cancellation) is not { } instance)
        {
            return NotFound(instanceId);
        }

        if (instance.IsFinished || !await workflows.TerminateAsync(instanceId, reason, cancellation))
        {
            return Problem.Conflict("WORKFLOW_FINISHED", $"Instance '{instanceId}' has already finished ({Status(instance.Status)}).");
        }

        return JsonText.Of(202, new { instanceId, accepted = true, reason }, $"/api/workflows/{Uri.EscapeDataString(instanceId)}");
    }

    public async Task<IResult> Purge(HttpRequest request, string instanceId, IWorkflowClient workflows)
    {
        if (!TryOwn(request, instanceId, out var problem))
        {
            return problem;
        }

        var cancellation = request.HttpContext.RequestAborted;
        if (await workflows.GetInstanceAsync(instanceId, cancellationToken: cancellation) is not { } instance)
        {
            return NotFound(instanceId);
        }

        if (!instance.IsFinished)
        {
            return Problem.Conflict("WORKFLOW_NOT_FINISHED", $"Instance '{instanceId}' is {Status(instance.Status)}: terminate it first.");
        }

        await workflows.PurgeAsync(instanceId, cancellation);
        return Results.NoContent();
    }

    private static bool TryOwn(HttpRequest request, string instanceId, out Problem problem)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out problem, PlatformRoles.ComplianceAdmin))
        {
            return false;
        }

        if (instanceId.Length > MaxInstanceIdLength || !WorkflowInstanceIds.BelongsTo(instanceId, caller.Platform))
        {
            problem = NotFound(instanceId.Length > MaxInstanceIdLength ? instanceId[..MaxInstanceIdLength] : instanceId);
            return false;
        }

        return true;
    }

    private static Problem NotFound(string instanceId) =>
        Problem.NotFound("WORKFLOW_NOT_FOUND", $"No workflow instance '{instanceId}' of this platform.");

    private static object View(WorkflowInstance instance) => new
    {
        instanceId = instance.InstanceId,
        name = instance.Name,
        runtimeStatus = Status(instance.Status),
        createdAt = instance.CreatedAt,
        lastUpdatedAt = instance.LastUpdatedAt,
        customStatus = instance.SerializedCustomStatus is { } custom ? System.Text.Json.JsonDocument.Parse(custom).RootElement : (object?)null,
        failure = instance.FailureDetails is { } failure ? new { errorType = failure.ErrorType, errorMessage = failure.ErrorMessage } : null,
    };

    private static string Status(WorkflowStatus status) => status.ToString().ToLowerInvariant();
}
