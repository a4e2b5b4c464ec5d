using LiveCommerce.Http.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LiveCommerce.Functions.Identity;

/// <summary>The contract's "Merchants and hosts" routes: one line each over the shared handlers.</summary>
public sealed class QualificationFunctions(QualificationEndpoints qualification, BlacklistEndpoints blacklist)
{
    [Function("MerchantQualificationCheck")]
    public Task<IResult> CheckMerchant(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "merchants/{merchantId}/qualification-checks")] HttpRequest request,
        string merchantId,
        [DurableClient] DurableTaskClient durable) => qualification.CheckMerchant(request, merchantId); // a manual_review starts a case workflow

    [Function("MerchantQualificationCheckGet")]
    public Task<IResult> GetMerchantCheck(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "merchants/{merchantId}/qualification-checks/{checkId}")] HttpRequest request,
        string merchantId,
        string checkId) => qualification.GetMerchantCheck(request, merchantId, checkId);

    [Function("MerchantQualificationStanding")]
    public Task<IResult> GetMerchantStanding(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "merchants/{merchantId}/qualification")] HttpRequest request,
        string merchantId) => qualification.GetMerchantStanding(request, merchantId);

    [Function("HostQualificationCheck")]
    public Task<IResult> CheckHost(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "hosts/{hostId}/qualification-checks")] HttpRequest request,
        string hostId,
        [DurableClient] DurableTaskClient durable) => qualification.CheckHost(request, hostId); // a manual_review starts a case workflow

    [Function("HostQualificationCheckGet")]
    public Task<IResult> GetHostCheck(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "hosts/{hostId}/qualification-checks/{checkId}")] HttpRequest request,
        string hostId,
        string checkId) => qualification.GetHostCheck(request, hostId, checkId);

    [Function("HostQualificationStanding")]
    public Task<IResult> GetHostStanding(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "hosts/{hostId}/qualification")] HttpRequest request,
        string hostId) => qualification.GetHostStanding(request, hostId);

    [Function("BlacklistAdd")]
    public Task<IResult> AddToBlacklist(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "blacklist")] HttpRequest request) => blacklist.Add(request);
}
