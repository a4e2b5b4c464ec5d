using LiveCommerce.Http.Cases;
using LiveCommerce.Http.Ratings;
using LiveCommerce.Http.Sanctions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LiveCommerce.Functions.Cases;

/// <summary>The contract's "Review cases" and "Sanctions" routes and the rating files: one line each over the shared handlers.</summary>
public sealed class CaseFunctions(ReviewCaseEndpoints cases, SanctionEndpoints sanctions, RatingEndpoints ratings)
{
    [Function("ReviewCaseList")]
    public Task<IResult> ListCases(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "review-cases")] HttpRequest request) => cases.List(request);

    [Function("ReviewCaseGet")]
    public Task<IResult> GetCase(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "review-cases/{caseId}")] HttpRequest request,
        string caseId) => cases.Get(request, caseId);

    [Function("ReviewCaseAssign")]
    public Task<IResult> Assign(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "review-cases/{caseId}/assignment")] HttpRequest request,
        string caseId) => cases.Assign(request, caseId);

    [Function("ReviewCaseDecide")]
    public Task<IResult> Decide(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "review-cases/{caseId}/decision")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient durable) => cases.Decide(request, caseId); // the client signals the case's workflow

    [Function("ReviewCaseSettingsGet")]
    public Task<IResult> GetSettings(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "review-case-settings")] HttpRequest request) => cases.GetSettings(request);

    [Function("ReviewCaseSettingsPut")]
    public Task<IResult> PutSettings(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "review-case-settings")] HttpRequest request) => cases.PutSettings(request);

    [Function("SanctionImpose")]
    public Task<IResult> Impose(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sanctions")] HttpRequest request) => sanctions.Impose(request);

    [Function("SanctionList")]
    public Task<IResult> ListSanctions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "sanctions")] HttpRequest request) => sanctions.List(request);

    [Function("SanctionGet")]
    public Task<IResult> GetSanction(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "sanctions/{sanctionId}")] HttpRequest request,
        string sanctionId) => sanctions.Get(request, sanctionId);

    [Function("SanctionAppeal")]
    public Task<IResult> Appeal(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sanctions/{sanctionId}/appeals")] HttpRequest request,
        string sanctionId,
        [DurableClient] DurableTaskClient durable) => sanctions.Appeal(request, sanctionId); // the client starts the appeal's workflow

    [Function("RatingPolicyGet")]
    public Task<IResult> GetRatingPolicy(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "rating-policy")] HttpRequest request) => ratings.GetPolicy(request);

    [Function("RatingPolicyPut")]
    public Task<IResult> PutRatingPolicy(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "rating-policy")] HttpRequest request) => ratings.PutPolicy(request);

    [Function("HostRatingFile")]
    public Task<IResult> HostFile(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "hosts/{hostId}/rating-file")] HttpRequest request,
        string hostId) => ratings.HostFile(request, hostId);

    [Function("MerchantRatingFile")]
    public Task<IResult> MerchantFile(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "merchants/{merchantId}/rating-file")] HttpRequest request,
        string merchantId) => ratings.MerchantFile(request, merchantId);

    [Function("RoomRatingFile")]
    public Task<IResult> RoomFile(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "rooms/{roomId}/rating-file")] HttpRequest request,
        string roomId) => ratings.RoomFile(request, roomId);
}
