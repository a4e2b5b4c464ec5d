using System.Security.Cryptography;
using System.Text.Json;
using LiveCommerce.Http.Problems;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Json;

/// <summary>A request body read and bound, or the problem that says why it could not be.</summary>
public sealed class JsonBody<T>
    where T : class
{
    private JsonBody(T? value, Problem? problem, string fingerprint)
    {
        Value = value;
        Problem = problem;
        Fingerprint = fingerprint;
    }

    public T? Value { get; }

    public Problem? Problem { get; }

    /// <summary>SHA-256 of the raw body: what an Idempotency-Key replay is compared against.</summary>
    public string Fingerprint { get; }

    internal static JsonBody<T> Ok(T value, string fingerprint) => new(value, null, fingerprint);

    internal static JsonBody<T> Fail(Problem problem) => new(null, problem, string.Empty);
}

/// <summary>
/// Reads JSON bodies so that malformed JSON, wrong types and oversize bodies are 400/413 problems naming the field,
/// never exceptions. Required fields and enum values are checked afterwards by <see cref="RequestValidator"/>.
/// </summary>
public static class JsonBody
{
    public const int DefaultMaxBytes = 1 << 20;

    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
        where T : class
    {
        var (bytes, problem) = await ReadBytesAsync(request, maxBytes, cancellationToken);
        return problem is not null ? JsonBody<T>.Fail(problem) : Parse<T>(bytes!);
    }

    /// <summary>The raw body (for a signature over its exact bytes), bounded; a problem when it is not JSON or too large.</summary>
    public static async Task<(byte[]? Bytes, Problem? Problem)> ReadBytesAsync(HttpRequest request, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        if (request.ContentType is { Length: > 0 } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem.Of(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type.", "Send the body as application/json."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, Problem.PayloadTooLarge($"The body may be at most {maxBytes:N0} bytes."));
        }

        byte[] bytes;
        try
        {
            bytes = await ReadBoundedAsync(request.Body, request.ContentLength, maxBytes, cancellationToken);
        }
        catch (BodyTooLargeException)
        {
            return (null, Problem.PayloadTooLarge($"The body may be at most {maxBytes:N0} bytes."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problem.PayloadTooLarge(ex.Message));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Problem.BadRequest("MALFORMED_BODY", ex.Message));
        }

        if (bytes.Length == 0)
        {
            return (null, Problem.BadRequest("MALFORMED_JSON", "The request body is empty; a JSON object is required."));
        }

        return (bytes, null);
    }

    /// <summary>Binds a body already read; the fingerprint is its SHA-256.</summary>
    public static JsonBody<T> Parse<T>(byte[] bytes)
        where T : class
    {
        // One pass on the happy path: bind straight from the bytes. Only when binding fails is the body read again, to
        // tell malformed JSON (MALFORMED_JSON) from well-formed JSON of the wrong shape (INVALID_TYPE at a path).
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, ApiJson.Options);
            if (value is null)
            {
                return JsonBody<T>.Fail(Problem.Validation([new FieldError("$", "INVALID_TYPE", "The body must be a JSON object.")]));
            }

            return JsonBody<T>.Ok(value, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        catch (JsonException ex)
        {
            if (MalformedAt(bytes) is { } where)
            {
                return JsonBody<T>.Fail(Problem.BadRequest("MALFORMED_JSON", $"The body is not well-formed JSON ({where})."));
            }

            var field = FieldOf(ex.Path);
            return JsonBody<T>.Fail(Problem.Validation([field == "$"
                ? new FieldError("$", "INVALID_TYPE", "The body must be a JSON object.")
                : new FieldError(field, "INVALID_TYPE", $"'{field}' has the wrong JSON type.")]));
        }
    }

    /// <summary>Where the body stops being JSON, or null when it is well-formed.</summary>
    private static string? MalformedAt(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            return $"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}";
        }
    }

    /// <summary>"$.licences[0].validFrom" → "licences[0].validFrom".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static async Task<byte[]> ReadBoundedAsync(Stream body, long? contentLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (contentLength is { } length and > 0)
        {
            // The usual case: read into an array of exactly the announced size, no growing and no final copy.
            var exact = new byte[length];
            var filled = 0;
            int n;
            while (filled < exact.Length && (n = await body.ReadAsync(exact.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += n;
            }

            if (filled < exact.Length)
            {
                throw new BadHttpRequestException("The body ended before its Content-Length.", StatusCodes.Status400BadRequest);
            }

            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new BodyTooLargeException();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private sealed class BodyTooLargeException : Exception;
}
