using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Storage.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveCommerce.Http.Audit;

/// <summary>How a handler names the change it made, for its audit entry (else the route names it).</summary>
public sealed record AuditDetails(string Action, string Target, string Summary);

public static class AuditDetailsExtensions
{
    /// <summary>
    /// Names this request's change in the audit log: e.g. <c>("sanction.imposed", "sanctions/s_1", "timed_ban of
    /// host h1 until ...")</c>. Optional: without it the entry says the method, the route and the status. Never put
    /// a raw ID or phone number in it.
    /// </summary>
    public static void DescribeChange(this HttpRequest request, string action, string target, string summary) =>
        request.HttpContext.Features.Set(new AuditDetails(action, target, summary));
}

/// <summary>
/// The audit of every change through the API, in the pipeline of both hosts (an endpoint filter on the local host's
/// <c>/api</c> group, a worker middleware in the Functions app): before a non-read request runs, its intent goes to
/// the audit outbox; a 2xx answer (not an idempotent replay) appends the entry, anything else withdraws the intent.
/// A process that dies in between leaves the intent for the relay. Handlers do nothing, or call
/// <see cref="AuditDetailsExtensions.DescribeChange"/>.
/// </summary>
public sealed class AuditedChanges(AuditTrail trail)
{
    public static bool IsChange(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    /// <param name="routeName">What names the route in the default action when the endpoint has no route pattern (a function's name).</param>
    public async Task<T> RunAsync<T>(HttpContext http, Func<Task<T>> handler, Func<T, object?> resultOf, string? routeName = null)
    {
        var request = http.Request;
        if (!IsChange(request.Method) || !AuditedCaller.TryResolve(request, out var platform, out var actor, out _))
        {
            return await handler();
        }

        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? routeName ?? request.Path.Value ?? "";
        var route = pattern.StartsWith("/api/", StringComparison.Ordinal) ? pattern[4..] : pattern;
        var intent = await trail.BeginAsync(platform, actor.Draft($"{request.Method} {route}", request.Path.Value ?? "", $"{request.Method} {request.Path.Value}"), http.RequestAborted);
        T result;
        try
        {
            result = await handler();
        }
        catch
        {
            await trail.AbandonAsync(intent);
            throw;
        }

        if (StatusOf(resultOf(result), http) is >= 200 and < 300 and var status)
        {
            var details = http.Features.Get<AuditDetails>();
            var final = details is not null
                ? actor.Draft(details.Action, details.Target, details.Summary)
                : actor.Draft($"{request.Method} {route}", request.Path.Value ?? "", $"{request.Method} {request.Path.Value} answered {status}");
            await trail.CompleteAsync(intent, final, CancellationToken.None);
        }
        else
        {
            await trail.AbandonAsync(intent);
        }

        return result;
    }

    /// <summary>The status a result answers with; null for an idempotent replay (no change was made this time).</summary>
    private static int? StatusOf(object? result, HttpContext http) => result switch
    {
        JsonText { Replayed: true } => null,
        JsonText json => json.Response.Status,
        Problem problem => problem.Status,
        IStatusCodeHttpResult { StatusCode: { } code } => code,
        null => http.Response.StatusCode,
        _ => http.Response.StatusCode,
    };
}
