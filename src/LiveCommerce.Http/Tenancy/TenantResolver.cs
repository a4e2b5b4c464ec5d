using LiveCommerce.Domain;
using LiveCommerce.Http.Problems;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Tenancy;

/// <summary>
/// The one tenant-resolution path: every route but /api/health names its platform in X-Platform-Id. In Azure the
/// gateway in front of the app (API Management or Easy Auth) must bind that header to the caller's identity; this
/// service trusts it and isolates all data by it.
/// </summary>
public static class TenantResolver
{
    public const string Header = "X-Platform-Id";

    public static bool TryResolve(HttpRequest request, out PlatformId platform, out Problem problem)
    {
        problem = null!;
        var values = request.Headers[Header];
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            platform = default;
            problem = Problem.BadRequest("PLATFORM_ID_REQUIRED", $"The {Header} header names the calling platform and is required.");
            return false;
        }

        if (values.Count > 1 || !PlatformId.TryParse(values[0], out platform))
        {
            platform = default;
            problem = Problem.BadRequest(
                "PLATFORM_ID_INVALID",
                $"{Header} must be one value of 1-{PlatformId.MaxLength} letters, digits, '-' or '_'.");
            return false;
        }

        return true;
    }
}
