using LiveCommerce.Http.Screening;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveCommerce.Functions.Screening;

/// <summary>Extension routes: a platform's listings, which <c>listing_rescreen</c> background checks screen.</summary>
public sealed class ListingFunctions(ListingEndpoints listings)
{
    [Function("ListingPut")]
    public Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "listings/{sku}")] HttpRequest request,
        string sku) => listings.Put(request, sku);

    [Function("ListingGet")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "listings/{sku}")] HttpRequest request,
        string sku) => listings.Get(request, sku);
}
