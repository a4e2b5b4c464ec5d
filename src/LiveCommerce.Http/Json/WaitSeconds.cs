using LiveCommerce.Http.Problems;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Json;

/// <summary>The contract's <c>?waitSeconds=N</c> (0–30) on a POST that starts long-running work.</summary>
public static class WaitSeconds
{
    public static bool TryRead(HttpRequest request, out TimeSpan wait, out Problem problem)
    {
        wait = TimeSpan.Zero;
        problem = null!;
        if (!request.Query.TryGetValue("waitSeconds", out var raw))
        {
            return true;
        }

        if (!int.TryParse(raw, out var seconds) || seconds is < 0 or > 30)
        {
            problem = Problem.Validation([new FieldError("waitSeconds", "OUT_OF_RANGE", "'waitSeconds' must be a whole number from 0 to 30.")]);
            return false;
        }

        wait = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
