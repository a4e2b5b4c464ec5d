using System.Text;
using LiveCommerce.Storage.Idempotency;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Json;

/// <summary>
/// A JSON response serialised once, so the bytes sent are the bytes stored for idempotent replay and for the
/// review record.
/// </summary>
public sealed class JsonText(StoredResponse response, bool replayed = false) : IResult
{
    public StoredResponse Response { get; } = response;

    /// <summary>The first response of an Idempotency-Key sent again: this request changed nothing.</summary>
    public bool Replayed { get; } = replayed;

    public static JsonText Of<T>(int status, T body, string? location = null) =>
        new(new StoredResponse(status, System.Text.Json.JsonSerializer.Serialize(body, ApiJson.Options), location));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Response.Status;
        response.ContentType = "application/json; charset=utf-8";
        if (Response.Location is not null)
        {
            response.Headers.Location = Response.Location;
        }

        if (Replayed)
        {
            response.Headers["Idempotent-Replayed"] = "true";
        }

        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(Response.Body), httpContext.RequestAborted);
    }
}
