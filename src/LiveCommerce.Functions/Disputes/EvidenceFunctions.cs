using LiveCommerce.Http.Disputes;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveCommerce.Functions.Disputes;

/// <summary>Evidence intake routes (extension): one line each over the shared handlers.</summary>
public sealed class EvidenceFunctions(EvidenceEndpoints evidence)
{
    [Function("SessionEvidencePut")]
    public Task<IResult> UpdateSession(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "live-sessions/{sessionId}/evidence")] HttpRequest request,
        string sessionId) => evidence.UpdateSession(request, sessionId);

    [Function("SessionEvidenceGet")]
    public Task<IResult> GetSession(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "live-sessions/{sessionId}/evidence")] HttpRequest request,
        string sessionId) => evidence.GetSession(request, sessionId);

    [Function("SessionEvidenceRecordPut")]
    public Task<IResult> PushToSession(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "live-sessions/{sessionId}/evidence/{kind}/{recordId}")] HttpRequest request,
        string sessionId,
        string kind,
        string recordId) => evidence.PushToSession(request, sessionId, kind, recordId);

    [Function("OrderEvidencePut")]
    public Task<IResult> UpdateOrder(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "orders/{orderId}/evidence")] HttpRequest request,
        string orderId) => evidence.UpdateOrder(request, orderId);

    [Function("OrderEvidenceGet")]
    public Task<IResult> GetOrder(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders/{orderId}/evidence")] HttpRequest request,
        string orderId) => evidence.GetOrder(request, orderId);

    [Function("OrderEvidenceRecordPut")]
    public Task<IResult> PushToOrder(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "orders/{orderId}/evidence/{kind}/{recordId}")] HttpRequest request,
        string orderId,
        string kind,
        string recordId) => evidence.PushToOrder(request, orderId, kind, recordId);
}
