using LiveCommerce.Domain;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Cases;

/// <summary>Who acts on a case or a sanction: the tenant, the person (<c>sub</c>, recorded on every decision) and the roles.</summary>
public sealed record Actor(PlatformId Platform, string Sub, IReadOnlyList<string> Roles)
{
    public static Actor Of(Caller caller) => new(caller.Platform, caller.Subject, caller.Roles);
}

/// <summary>
/// The role gates of the case, sanction and rating routes (contract v2 "Authentication"), over the caller the
/// pipeline authenticated: <c>compliance.*</c> decide and impose; <c>platform.api</c> reads what concerns it and
/// appeals on its accounts' behalf; only <c>compliance.admin</c> changes the platform's policies.
/// </summary>
public static class StaffAccess
{
    public static readonly string[] Compliance = [PlatformRoles.ComplianceReviewer, PlatformRoles.ComplianceAdmin];
    public static readonly string[] Anyone = PlatformRoles.Any;
    public static readonly string[] AdminOnly = [PlatformRoles.ComplianceAdmin];

    public static bool TryAuthorize(HttpRequest request, out Actor actor, out Problem problem, string[] roles)
    {
        var admitted = CallerAccess.TryAuthorize(request, out var caller, out problem, roles);
        actor = admitted ? Actor.Of(caller) : null!;
        return admitted;
    }
}
