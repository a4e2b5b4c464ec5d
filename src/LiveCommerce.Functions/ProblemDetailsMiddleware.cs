using LiveCommerce.Http.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Functions;

/// <summary>An unhandled failure in an HTTP function is a 500 problem (with the trace id), never a bare error page.</summary>
internal sealed class ProblemDetailsMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.GetHttpContext() is { } http && !http.Response.HasStarted)
        {
            context.GetLogger<ProblemDetailsMiddleware>().LogError(ex, "Unhandled failure in {Function}", context.FunctionDefinition.Name);
            await Problem.Internal().ExecuteAsync(http);
        }
    }
}
