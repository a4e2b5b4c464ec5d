using LiveCommerce.Http.BackgroundChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveCommerce.Functions.BackgroundChecks;

/// <summary>Extension route: a platform without queue access feeds the same message contract over HTTP.</summary>
public sealed class BackgroundCheckHttpFunctions(BackgroundCheckEndpoints backgroundChecks)
{
    [Function("BackgroundCheckEnqueue")]
    public Task<IResult> Enqueue(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "background-checks")] HttpRequest request) => backgroundChecks.Enqueue(request);
}
