using System.Security.Claims;
using LiveCommerce.Domain;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Tenancy;

/// <summary>
/// Who is calling, as the pipeline authenticated it once per request (<see cref="Authentication.CallerPipeline"/>):
/// the tenant (the token's <c>platform</c> claim), who acts (<c>sub</c>, recorded on decisions a person makes), an
/// optional display name and the roles.
/// </summary>
public sealed record Caller(PlatformId Platform, string Subject, string? Name, IReadOnlyList<string> Roles)
{
    public const string PlatformClaim = "platform";
    public const string RolesClaim = "roles";
    public const string SubjectClaim = "sub";
    public const string NameClaim = "name";

    public bool IsIn(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>The caller of a validated token; null with the reason when a claim the service needs is missing.</summary>
    public static Caller? From(ClaimsPrincipal principal, out string? missing)
    {
        missing = null;
        var platforms = principal.FindAll(PlatformClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        if (platforms.Count != 1 || !PlatformId.TryParse(platforms[0], out var platform))
        {
            missing = $"'{PlatformClaim}' (one platform id of 1-{PlatformId.MaxLength} letters, digits, '-' or '_')";
            return null;
        }

        var subject = principal.FindFirst(SubjectClaim)?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            missing = $"'{SubjectClaim}'";
            return null;
        }

        // A JSON array claim arrives as one claim per element; a single string as one claim.
        var roles = principal.FindAll(RolesClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToArray();
        return new Caller(platform, subject, principal.FindFirst(NameClaim)?.Value, roles);
    }
}

/// <summary>Where handlers read the caller the pipeline resolved.</summary>
public static class CallerHttpContextExtensions
{
    /// <summary>The authenticated caller; throws when called on a route the pipeline leaves anonymous (a bug).</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Features.Get<Caller>() ?? throw new InvalidOperationException("No authenticated caller: the route is anonymous or the caller pipeline did not run.");

    internal static Caller? FindCaller(this HttpContext context) => context.Features.Get<Caller>();
}
