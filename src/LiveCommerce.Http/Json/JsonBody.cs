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
        if (request.ContentType is { Length: > 0 } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return JsonBody<T>.Fail(Problem.Of(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type.", "Send the body as application/json."));
        }

        if (request.ContentLength > maxBytes)
        {
            return JsonBody<T>.Fail(Problem.PayloadTooLarge($"The body may be at most {maxBytes:N0} bytes."));
        }

        byte[] bytes;
        try
        {
            bytes = await ReadBoundedAsync(request.Body, maxBytes, cancellationToken);
        }
        catch (BodyTooLargeException)
        {
            return JsonBody<T>.Fail(Problem.PayloadTooLarge($"The body may be at most {maxBytes:N0} bytes."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return JsonBody<T>.Fail(Problem.PayloadTooLarge(ex.Message));
        }

        if (bytes.Length == 0)
        {
            return JsonBody<T>.Fail(Problem.BadRequest("MALFORMED_JSON", "The request body is empty; a JSON object is required."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            return JsonBody<T>.Fail(Problem.BadRequest(
                "MALFORMED_JSON",
                $"The body is not well-formed JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})."));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return JsonBody<T>.Fail(Problem.Validation([new FieldError("$", "INVALID_TYPE", "The body must be a JSON object.")]));
            }

            try
            {
                var value = document.RootElement.Deserialize<T>(ApiJson.Options)
                    ?? throw new JsonException("null", "$", null, null);
                return JsonBody<T>.Ok(value, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            }
            catch (JsonException ex)
            {
                var field = FieldOf(ex.Path);
                return JsonBody<T>.Fail(Problem.Validation([new FieldError(field, "INVALID_TYPE", $"'{field}' has the wrong JSON type.")]));
            }
        }
    }

    /// <summary>"$.licences[0].validFrom" → "licences[0].validFrom".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static async Task<byte[]> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
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
