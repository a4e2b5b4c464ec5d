using System.Text.Json;
using System.Text.Json.Serialization;
using LiveCommerce.Http.Json;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Problems;

/// <summary>One field-level validation failure, as listed in a problem's <c>errors</c>.</summary>
public sealed record FieldError(string Field, string Code, string Message);

/// <summary>
/// The one problem-details writer (RFC 9457) for every error of both hosts: status, title, detail, our stable
/// UPPER_SNAKE <c>code</c>, and <c>errors</c> for validation failures.
/// </summary>
public sealed class Problem : IResult
{
    private Problem(int status, string code, string title, string detail, IReadOnlyList<FieldError>? errors, IReadOnlyDictionary<string, object>? extensions = null)
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        Errors = errors;
        Extensions = extensions;
    }

    public int Status { get; }

    public string Code { get; }

    public string Title { get; }

    public string Detail { get; }

    public IReadOnlyList<FieldError>? Errors { get; }

    /// <summary>Extension members (RFC 9457 §3.2) a client can act on, e.g. <c>missingYears</c>.</summary>
    public IReadOnlyDictionary<string, object>? Extensions { get; }

    /// <summary>This problem with one more extension member.</summary>
    public Problem With(string member, object value) =>
        new(Status, Code, Title, Detail, Errors, new Dictionary<string, object>(Extensions ?? new Dictionary<string, object>()) { [member] = value });

    public static Problem Validation(IReadOnlyList<FieldError> errors) =>
        new(400, "VALIDATION_FAILED", "The request is not valid.",
            errors.Count == 1 ? errors[0].Message : $"{errors.Count} fields are not valid; see errors.", errors);

    public static Problem BadRequest(string code, string detail, IReadOnlyList<FieldError>? errors = null) =>
        new(400, code, "The request is not valid.", detail, errors);

    /// <summary>401: no valid bearer token (the pipeline adds <c>WWW-Authenticate: Bearer</c>).</summary>
    public static Problem Unauthorized(string detail, string code = "UNAUTHENTICATED") =>
        new(401, code, "Authentication is required.", detail, null);

    public static Problem Forbidden(string code, string detail) => new(403, code, "Forbidden.", detail, null);

    public static Problem TooManyRequests(string detail) => new(429, "RATE_LIMITED", "Too many requests.", detail, null);

    public static Problem NotFound(string code, string detail) => new(404, code, "Not found.", detail, null);

    public static Problem Conflict(string code, string detail) => new(409, code, "Conflict.", detail, null);

    public static Problem PayloadTooLarge(string detail) =>
        new(413, "PAYLOAD_TOO_LARGE", "The request body is too large.", detail, null);

    public static Problem Unprocessable(string code, string detail, IReadOnlyList<FieldError>? errors = null) =>
        new(422, code, "The request cannot be processed.", detail, errors);

    public static Problem Unavailable(string code, string detail) => new(503, code, "Service unavailable.", detail, null);

    public static Problem Internal() =>
        new(500, "INTERNAL_ERROR", "An unexpected error occurred.", "The error was logged; retry later or quote the trace id.", null);

    public static Problem Of(int status, string code, string title, string detail) => new(status, code, title, detail, null);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = "application/problem+json";
        var body = new ProblemBody(
            $"https://livecommerce.example/problems/{Code.ToLowerInvariant().Replace('_', '-')}",
            Title,
            Status,
            Detail,
            Code,
            httpContext.Request.Path.Value,
            httpContext.TraceIdentifier,
            Errors)
        {
            Extensions = Extensions?.ToDictionary(),
        };
        await JsonSerializer.SerializeAsync(response.Body, body, ApiJson.Options, httpContext.RequestAborted);
    }

    private sealed record ProblemBody(
        string Type,
        string Title,
        int Status,
        string Detail,
        string Code,
        string? Instance,
        string TraceId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FieldError>? Errors)
    {
        [JsonExtensionData]
        public Dictionary<string, object>? Extensions { get; init; }
    }
}
