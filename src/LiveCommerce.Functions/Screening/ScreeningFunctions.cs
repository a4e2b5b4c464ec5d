using LiveCommerce.Http.Screening;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveCommerce.Functions.Screening;

/// <summary>The contract's "Product negative-list screening" routes: one line each over the shared handlers.</summary>
public sealed class ScreeningFunctions(ScreeningEndpoints screening)
{
    [Function("NegativeListPut")]
    public Task<IResult> PutList(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "negative-lists/{listId}")] HttpRequest request,
        string listId) => screening.PutList(request, listId);

    [Function("NegativeListGet")]
    public Task<IResult> GetList(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "negative-lists/{listId}")] HttpRequest request,
        string listId) => screening.GetList(request, listId);

    [Function("ProductScreening")]
    public Task<IResult> Screen(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "product-screenings")] HttpRequest request) => screening.Screen(request);
}
