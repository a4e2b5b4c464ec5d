using LiveCommerce.Domain;
using LiveCommerce.Domain.Audit;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Audit;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Audit;

/// <summary>
/// The caller of a request as the audit log names it (<c>actor: { sub, roles }</c>) and the role gate of the audit
/// and event routes: the one place that reads who is calling for them.
/// </summary>
public static class AuditedCaller
{
    /// <summary>The tenant and the actor of the request; false with the problem when the caller may not use the route.</summary>
    public static bool TryResolve(HttpRequest request, out PlatformId platform, out AuditActor actor, out Problem problem, params string[] roles)
    {
        actor = null!;
        if (!TenantResolver.TryResolve(request, out platform, out problem))
        {
            return false;
        }

        // Until tokens arrive, the platform's systems are the only callers (X-Platform-Id); roles are not known.
        actor = new AuditActor("platform:" + platform.Value, []);
        return true;
    }

    /// <summary>The audit draft of a change this request makes.</summary>
    public static AuditEntryDraft Draft(this AuditActor actor, string action, string target, string summary) => new(actor, action, target, summary);

    /// <summary>The draft of a change made by the caller of <paramref name="request"/> (already authenticated by the pipeline).</summary>
    public static AuditEntryDraft AuditDraft(this HttpRequest request, string action, string target, string summary)
    {
        TryResolve(request, out _, out var actor, out _);
        return new AuditEntryDraft(actor ?? new AuditActor("unknown", []), action, target, summary);
    }
}
