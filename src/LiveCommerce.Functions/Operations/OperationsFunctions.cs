using LiveCommerce.Http.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveCommerce.Functions.Operations;

public sealed class OperationsFunctions(OperationsEndpoints operations)
{
    [Function("Health")]
    public Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) => operations.Health(request);

    [Function("OpenApi")]
    public IResult OpenApi(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "openapi.json")] HttpRequest request) => operations.OpenApi(request);
}
