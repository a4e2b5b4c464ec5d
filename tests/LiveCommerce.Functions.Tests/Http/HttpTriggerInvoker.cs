using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Functions.Tests.Http;

/// <summary>One HTTP answer reduced to what must match between hosts: the status and, for JSON, its shape.</summary>
public sealed record HttpAnswer(int Status, string Shape);

/// <summary>
/// Invokes an HTTP-triggered function as the worker's ASP.NET Core integration does: the caller middleware's steps,
/// a function class made from the invocation's scope, a real <see cref="HttpRequest"/> (DefaultHttpContext), route values as the string
/// parameters, and the returned <see cref="IResult"/> executed into the response.
/// </summary>
public static class HttpTriggerInvoker
{
    public static async Task<HttpAnswer> InvokeAsync(
        IServiceProvider services,
        string function,
        string path,
        IReadOnlyDictionary<string, string> routeValues,
        IReadOnlyDictionary<string, string> headers,
        string? body,
        DurableTaskClient durable)
    {
        var method = FunctionCatalog.Methods[function];
        var trigger = FunctionCatalog.Trigger<HttpTriggerAttribute>(function);
        await using var scope = services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = trigger.Methods!.Single().ToUpperInvariant();
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost");
        http.Request.Path = path;
        foreach (var (name, value) in headers)
        {
            http.Request.Headers[name] = value;
        }

        foreach (var (name, value) in routeValues)
        {
            http.Request.RouteValues[name] = value;
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            http.Request.Body = new MemoryStream(bytes);
            http.Request.ContentLength = bytes.Length;
            http.Request.ContentType = "application/json";
        }

        var response = new MemoryStream();
        http.Response.Body = response;

        if (!await CallerMiddleware.AdmitAsync(http))
        {
            return Reduce(http.Response.StatusCode, http.Response.ContentType, response.ToArray());
        }

        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, method.DeclaringType!);
        var arguments = method.GetParameters().Select(p => Argument(p, http, routeValues, durable)).ToArray();
        var result = method.Invoke(target, arguments) switch
        {
            Task<IResult> pending => await pending,
            IResult done => done,
            var other => throw new InvalidOperationException($"{function} returned {other?.GetType().Name ?? "null"}, not an IResult."),
        };
        await result.ExecuteAsync(http);
        return Reduce(http.Response.StatusCode, http.Response.ContentType, response.ToArray());
    }

    public static async Task<HttpAnswer> ReadAsync(HttpResponseMessage response) =>
        Reduce((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsByteArrayAsync());

    /// <summary>
    /// Problems by their stable code and field errors; other JSON by its property names (values such as times and
    /// ids differ from call to call); anything else by its length.
    /// </summary>
    private static HttpAnswer Reduce(int status, string? contentType, byte[] body)
    {
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true || body.Length == 0)
        {
            return new HttpAnswer(status, $"{contentType}: {body.Length} bytes");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (contentType.Contains("problem", StringComparison.OrdinalIgnoreCase))
        {
            var errors = root.TryGetProperty("errors", out var list) ? list.GetRawText() : "";
            return new HttpAnswer(status, $"problem {root.GetProperty("code").GetString()} {errors}");
        }

        return root.ValueKind == JsonValueKind.Object
            ? new HttpAnswer(status, "{" + string.Join(",", root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)) + "}")
            : new HttpAnswer(status, root.ValueKind.ToString());
    }

    private static object? Argument(ParameterInfo parameter, HttpContext http, IReadOnlyDictionary<string, string> routeValues, DurableTaskClient durable)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return http.Request;
        }

        if (parameter.ParameterType == typeof(DurableTaskClient))
        {
            return durable;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return http.RequestAborted;
        }

        if (parameter.ParameterType == typeof(string) && routeValues.TryGetValue(parameter.Name!, out var value))
        {
            return value;
        }

        throw new InvalidOperationException($"No argument for parameter {parameter.Name} ({parameter.ParameterType.Name}) of {parameter.Member.Name}.");
    }
}
