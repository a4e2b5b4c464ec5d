using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LiveCommerce.Http.Authentication;

/// <summary>Settings <c>RateLimits:*</c>: a token bucket per platform (and per identity provider on its route).</summary>
public sealed class PlatformRateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests a platform may make per second, sustained.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests a platform may make at once above the sustained rate (the bucket's size).</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 400;
}

/// <summary>
/// The per-platform rate policy of both hosts: the local host hands <see cref="Limiter"/> to ASP.NET Core's rate
/// limiting middleware, the Functions app acquires from it in its worker middleware. Over the limit: 429 with
/// Retry-After.
/// </summary>
public sealed class PlatformRateLimits : IDisposable
{
    public PlatformRateLimits(IOptions<PlatformRateLimitOptions> options)
    {
        var settings = options.Value;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = settings.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            PartitionOf(context) is { } partition
                ? RateLimitPartition.GetTokenBucketLimiter(partition, _ => bucket)
                : RateLimitPartition.GetNoLimiter(string.Empty));
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>The Functions app's step: true when the request may go on; otherwise the 429 is written.</summary>
    public async Task<bool> AdmitAsync(HttpContext context)
    {
        using var lease = await Limiter.AcquireAsync(context, 1, context.RequestAborted);
        if (lease.IsAcquired)
        {
            return true;
        }

        await RejectAsync(context, lease);
        return false;
    }

    public static async Task RejectAsync(HttpContext context, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        await Problem.TooManyRequests($"This platform's request rate is over its limit; retry after {seconds} s.").ExecuteAsync(context);
    }

    /// <summary>The caller's platform; the identity providers' route shares one bucket; nothing for anonymous probes.</summary>
    private static string? PartitionOf(HttpContext context)
    {
        if (context.Features.Get<Caller>() is { } caller)
        {
            return "platform:" + caller.Platform.Value;
        }

        return context.Request.Path.StartsWithSegments("/api/identity-providers") ? "identity-providers" : null;
    }

    public void Dispose() => Limiter.Dispose();
}
