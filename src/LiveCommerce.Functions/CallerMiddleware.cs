using LiveCommerce.Http.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Functions;

/// <summary>
/// The caller and the per-platform rate limit of the HTTP triggers: the same two steps (CallerPipeline,
/// PlatformRateLimits) as the local host's pipeline, on the ASP.NET Core HttpContext of the invocation.
/// </summary>
public sealed class CallerMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http || await AdmitAsync(http))
        {
            await next(context);
        }
    }

    /// <summary>True when the request may go on; otherwise the 401, 403 or 429 problem is written.</summary>
    public static async Task<bool> AdmitAsync(HttpContext http) =>
        await CallerPipeline.ResolveAsync(http) && await http.RequestServices.GetRequiredService<PlatformRateLimits>().AdmitAsync(http);
}
