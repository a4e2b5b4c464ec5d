using LiveCommerce.Http.Tipping;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveCommerce.Functions.Tipping;

/// <summary>The contract's "Tipping" routes: one line each over the shared handlers (settlement: the daily job tip-settlement).</summary>
public sealed class TippingFunctions(TippingEndpoints tipping)
{
    [Function("TippingUserPut")]
    public Task<IResult> PutUser(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "tipping-users/{userId}")] HttpRequest request,
        string userId) => tipping.PutUser(request, userId);

    [Function("TippingPolicyPut")]
    public Task<IResult> PutPolicy(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "tipping-policy")] HttpRequest request) => tipping.PutPolicy(request);

    [Function("TippingPolicyGet")]
    public Task<IResult> GetPolicy(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tipping-policy")] HttpRequest request) => tipping.GetPolicy(request);

    [Function("TipAuthorization")]
    public Task<IResult> Authorize(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tips/authorizations")] HttpRequest request) => tipping.Authorize(request);

    [Function("TipAuthorizationGet")]
    public Task<IResult> GetAuthorization(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tips/authorizations/{tipId}")] HttpRequest request,
        string tipId) => tipping.GetAuthorization(request, tipId);

    [Function("TipConfirmation")]
    public Task<IResult> Confirm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tips/authorizations/{tipId}/confirmation")] HttpRequest request,
        string tipId) => tipping.Confirm(request, tipId);

    [Function("HostTipsGet")]
    public Task<IResult> ListHostTips(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "hosts/{hostId}/tips")] HttpRequest request,
        string hostId) => tipping.ListHostTips(request, hostId);
}
