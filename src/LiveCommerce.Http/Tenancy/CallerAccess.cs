using LiveCommerce.Http.Problems;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Tenancy;

/// <summary>
/// The role gate of a route, the same in both hosts (the Functions app binds the same handlers): the caller the
/// pipeline resolved, if it holds one of the route's roles; otherwise 403 FORBIDDEN_ROLE.
/// </summary>
public static class CallerAccess
{
    public static bool TryAuthorize(HttpRequest request, out Caller caller, out Problem problem, params string[] roles)
    {
        problem = null!;
        if (request.HttpContext.FindCaller() is not { } found)
        {
            caller = null!;
            problem = Problem.Unauthorized("The route needs an authenticated caller.");
            return false;
        }

        caller = found;
        if (roles.Length == 0 || roles.Any(found.IsIn))
        {
            return true;
        }

        problem = Problem.Forbidden(
            "FORBIDDEN_ROLE",
            $"This route admits the roles {string.Join(", ", roles)}; the caller has {(found.Roles.Count == 0 ? "none" : string.Join(", ", found.Roles))}.")
            .With("requiredRoles", roles);
        return false;
    }
}
