using LiveCommerce.Domain;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Cases;

/// <summary>Who acts on a case or a sanction: the tenant, the person (<c>sub</c>, recorded on every decision) and the roles.</summary>
public sealed record Actor(PlatformId Platform, string Sub, IReadOnlyList<string> Roles);

/// <summary>
/// The one place the case, sanction and rating routes learn who acts and whether their role may. Roles
/// (contract v2 "Authentication"): <c>compliance.*</c> decide; <c>platform.api</c> reads what concerns it.
/// Until the authentication work is on main the caller is read from development headers
/// (<c>X-Acting-Sub</c>, <c>X-Acting-Roles</c>, comma-separated) beside <c>X-Platform-Id</c>; then this reads the
/// pipeline's authenticated caller instead, and nothing else changes.
/// </summary>
public static class StaffAccess
{
    public const string PlatformApi = "platform.api";
    public const string ComplianceReviewer = "compliance.reviewer";
    public const string ComplianceAdmin = "compliance.admin";

    public static readonly string[] Compliance = [ComplianceReviewer, ComplianceAdmin];
    public static readonly string[] Anyone = [PlatformApi, ComplianceReviewer, ComplianceAdmin];
    public static readonly string[] AdminOnly = [ComplianceAdmin];

    public static bool TryAuthorize(HttpRequest request, out Actor actor, out Problem problem, string[] roles)
    {
        actor = null!;
        if (!TenantResolver.TryResolve(request, out var platform, out problem))
        {
            return false;
        }

        var sub = request.Headers["X-Acting-Sub"].ToString();
        var held = request.Headers["X-Acting-Roles"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!held.Any(roles.Contains))
        {
            problem = Problem.Of(403, "FORBIDDEN_ROLE", "Forbidden.",
                $"This route admits the roles {string.Join(", ", roles)}; the caller has {(held.Length == 0 ? "none" : string.Join(", ", held))}.");
            return false;
        }

        actor = new Actor(platform, string.IsNullOrWhiteSpace(sub) ? "unknown" : sub, held);
        return true;
    }
}
