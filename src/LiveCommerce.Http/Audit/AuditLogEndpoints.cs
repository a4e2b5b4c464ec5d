using System.Globalization;
using LiveCommerce.Domain.Audit;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Audit;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Audit;

/// <summary>
/// <c>GET /api/audit-log?from=&amp;to=&amp;after=&amp;limit=</c> pages a platform's audit log in seq order;
/// <c>GET /api/audit-log/verification</c> recomputes its hash chain. Compliance staff only.
/// </summary>
public sealed class AuditLogEndpoints(AuditTrail trail)
{
    private const int DefaultLimit = 100, MaxLimit = 1000;

    public async Task<IResult> List(HttpRequest request)
    {
        if (!AuditedCaller.TryResolve(request, out var platform, out _, out var problem, AuditRoles.Readers))
        {
            return problem;
        }

        var v = new RequestValidator();
        var from = Time(request, "from", v);
        var to = Time(request, "to", v);
        var after = Number(request, "after", 0, long.MaxValue - 1, 0, v);
        var limit = (int)Number(request, "limit", 1, MaxLimit, DefaultLimit, v);
        if (from is not null && to is not null && to <= from)
        {
            v.Add("to", "OUT_OF_RANGE", "'to' must be later than 'from'.");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var page = await trail.ReadAsync(platform, after, from, to, limit, request.HttpContext.RequestAborted);
        return JsonText.Of(200, new
        {
            entries = page.Entries.Select(BodyOf),
            hasMore = page.HasMore,
            nextAfter = page.HasMore ? page.Entries[^1].Record.Seq : (long?)null,
        });
    }

    public async Task<IResult> Verify(HttpRequest request)
    {
        if (!AuditedCaller.TryResolve(request, out var platform, out _, out var problem, AuditRoles.Readers))
        {
            return problem;
        }

        var result = await trail.VerifyAsync(platform, request.HttpContext.RequestAborted);
        return JsonText.Of(200, new { entries = result.Entries, headHash = result.HeadHash, valid = result.Valid, firstBrokenSeq = result.FirstBrokenSeq });
    }

    private static object BodyOf(AuditEntry e) => new
    {
        seq = e.Record.Seq,
        at = AuditChain.FormatAt(e.Record.At),
        actor = new { sub = e.Record.Actor.Sub, roles = e.Record.Actor.Roles },
        action = e.Record.Action,
        target = e.Record.Target,
        summary = e.Record.Summary,
        recovered = e.Record.Recovered ? true : (bool?)null,
        prevHash = e.Record.PrevHash,
        hash = e.Hash,
    };

    private static DateTimeOffset? Time(HttpRequest request, string name, RequestValidator v)
    {
        var raw = Single(request, name, v);
        if (raw is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && raw.Contains('T', StringComparison.Ordinal))
        {
            return at;
        }

        v.Add(name, "INVALID_FORMAT", $"'{name}' must be an ISO 8601 time with an offset, e.g. 2026-12-01T08:00:00+08:00.");
        return null;
    }

    internal static long Number(HttpRequest request, string name, long min, long max, long fallback, RequestValidator v)
    {
        var raw = Single(request, name, v);
        if (raw is null)
        {
            return fallback;
        }

        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            v.Add(name, "OUT_OF_RANGE", $"'{name}' must be a whole number from {min} to {max}.");
            return fallback;
        }

        return value;
    }

    internal static string? Single(HttpRequest request, string name, RequestValidator v)
    {
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1 || string.IsNullOrEmpty(values[0]))
        {
            v.Add(name, "INVALID_VALUE", $"'{name}' must be given once, with a value.");
            return null;
        }

        return values[0];
    }
}

/// <summary>Who may read the audit log and manage webhooks (claim <c>roles</c>).</summary>
public static class AuditRoles
{
    /// <summary>The audit log: the platform's compliance staff (contract: roles <c>compliance.*</c>).</summary>
    public static readonly string[] Readers = [PlatformRoles.ComplianceReviewer, PlatformRoles.ComplianceAdmin];

    /// <summary>Webhook endpoints and their delivery logs (contract: <c>compliance.admin</c> or <c>platform.api</c>).</summary>
    public static readonly string[] WebhookManagers = PlatformRoles.PlatformOrAdmin;

    /// <summary>The event feed: any of the platform's callers.</summary>
    public static readonly string[] Any = PlatformRoles.Any;
}
