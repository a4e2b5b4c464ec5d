using System.Reflection;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Storage;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Operations;

/// <summary><c>GET /api/health</c> and <c>GET /api/openapi.json</c>.</summary>
public sealed class OperationsEndpoints(StorageClients storage)
{
    private static readonly Lazy<byte[]> OpenApiDocument = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("LiveCommerce.Http.openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI document is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public async Task<IResult> Health(HttpRequest request)
    {
        var reachable = await storage.IsReachableAsync(request.HttpContext.RequestAborted);
        return reachable
            ? JsonText.Of(200, new { status = "healthy", storage = "ok" })
            : JsonText.Of(503, new { status = "unhealthy", storage = "unreachable" });
    }

    public IResult OpenApi(HttpRequest request) => Results.Bytes(OpenApiDocument.Value, "application/json");

    /// <summary>A route that does not exist is a problem too, not an empty 404.</summary>
    public static IResult RouteNotFound(HttpRequest request) =>
        Problem.NotFound("ROUTE_NOT_FOUND", $"No route {request.Method} {request.Path}. See /api/openapi.json.");
}
