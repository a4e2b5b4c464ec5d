using LiveCommerce.Http.Tipping;
using LiveCommerce.Storage.Tipping;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using NodaTime;

namespace LiveCommerce.Functions.Tipping;

/// <summary>The contract's "Tipping" routes: one line each over the shared handlers; and the daily settlement.</summary>
public sealed class TippingFunctions(TippingEndpoints tipping, TipSettlements settlements, TimeProvider clock)
{
    /// <summary>Daily at 00:30 Asia/Shanghai (16:30 UTC), as the local host's scheduled job <c>tip-settlement</c>.</summary>
    [Function("TipSettlementTimer")]
    public Task Settle([TimerTrigger("0 30 16 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        settlements.SettleDueAsync(Instant.FromDateTimeOffset(clock.GetUtcNow()), cancellationToken);

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
