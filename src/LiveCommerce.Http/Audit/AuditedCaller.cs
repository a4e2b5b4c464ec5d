using LiveCommerce.Domain;
using LiveCommerce.Domain.Audit;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Audit;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Audit;

/// <summary>
/// The caller of a request as the audit log names it (<c>actor: { sub, roles }</c>: the token's <c>sub</c> and
/// <c>roles</c>), with the route's role gate (<see cref="CallerAccess"/>).
/// </summary>
public static class AuditedCaller
{
    /// <summary>The tenant and the actor of the request; false with the problem when the caller may not use the route.</summary>
    public static bool TryResolve(HttpRequest request, out PlatformId platform, out AuditActor actor, out Problem problem, params string[] roles)
    {
        actor = null!;
        platform = default;
        if (!CallerAccess.TryAuthorize(request, out var caller, out problem, roles))
        {
            return false;
        }

        platform = caller.Platform;
        actor = new AuditActor(caller.Subject, caller.Roles);
        return true;
    }

    /// <summary>The audit draft of a change this request makes.</summary>
    public static AuditEntryDraft Draft(this AuditActor actor, string action, string target, string summary) => new(actor, action, target, summary);

}
