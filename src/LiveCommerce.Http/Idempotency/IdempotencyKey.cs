using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Storage.Idempotency;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Idempotency;

/// <summary>The Idempotency-Key header of a POST, scoped to its route so one key never spans two resources.</summary>
public sealed record IdempotencyKey(string Scope, string Value)
{
    public const string Header = "Idempotency-Key";
    private const int MaxLength = 200;

    /// <summary>Reads the optional header; a present but malformed key is a 400, never silently ignored.</summary>
    public static bool TryRead(HttpRequest request, out IdempotencyKey? key, out Problem problem)
    {
        key = null;
        problem = null!;
        var values = request.Headers[Header];
        if (values.Count == 0)
        {
            return true;
        }

        var value = values[0];
        if (values.Count > 1 || string.IsNullOrEmpty(value) || value.Length > MaxLength || value.Any(c => c < 0x21 || c > 0x7E))
        {
            problem = Problem.BadRequest("IDEMPOTENCY_KEY_INVALID", $"{Header} must be one value of 1-{MaxLength} visible ASCII characters.");
            return false;
        }

        key = new IdempotencyKey($"{request.Method} {request.Path.Value}", value);
        return true;
    }

    /// <summary>The answer to a retry: the first response again, or 422 when the same key came with another body.</summary>
    public static IResult Answer(IdempotencyOutcome outcome) => outcome switch
    {
        IdempotencyOutcome.Replay replay => new JsonText(replay.Response, replayed: true),
        _ => Problem.Unprocessable("IDEMPOTENCY_KEY_REUSED", $"This {Header} was already used with a different request body."),
    };
}
