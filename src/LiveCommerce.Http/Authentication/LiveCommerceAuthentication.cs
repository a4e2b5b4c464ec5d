using LiveCommerce.Http.Tenancy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LiveCommerce.Http.Authentication;

/// <summary>
/// The one token validation path of both hosts: ASP.NET Core's JWT bearer handler with Microsoft Entra ID's keys
/// from its OIDC metadata (<c>Auth:Authority</c>, <c>Auth:Audience</c>) and, in Development only, HS256 tokens
/// signed with <c>Auth:DevelopmentSigningKey</c>. <see cref="CallerPipeline"/> runs it once per request and
/// <see cref="PlatformRateLimits"/> meters the caller's platform.
/// </summary>
public static class LiveCommerceAuthentication
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    public static IServiceCollection AddLiveCommerceAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var authority = NullIfEmpty(configuration["Auth:Authority"]);
        var audience = NullIfEmpty(configuration["Auth:Audience"]);
        var developmentKey = NullIfEmpty(configuration["Auth:DevelopmentSigningKey"]);

        if (developmentKey is not null && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Auth:DevelopmentSigningKey is set in the '{environment.EnvironmentName}' environment. Development tokens are " +
                "accepted only where the environment is Development; remove the setting (Entra ID issues the tokens in Azure).");
        }

        if (authority is null && developmentKey is null)
        {
            throw new InvalidOperationException(
                "No token issuer is configured: set Auth:Authority and Auth:Audience (Microsoft Entra ID), or in Development " +
                "Auth:DevelopmentSigningKey (./run.sh sets one).");
        }

        if (authority is not null && audience is null)
        {
            throw new InvalidOperationException("Auth:Authority is set without Auth:Audience (the Application ID URI or client id of this API).");
        }

        var validation = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.HmacSha256],
            ValidAudiences = new[] { audience, developmentKey is null ? null : DevelopmentTokens.Audience }.OfType<string>().ToArray(),
            NameClaimType = Caller.NameClaim,
            RoleClaimType = Caller.RolesClaim,
        };
        if (developmentKey is not null)
        {
            // Entra's issuer and keys come from its metadata; the handler adds them to these.
            validation.ValidIssuers = [DevelopmentTokens.Issuer];
            validation.IssuerSigningKeys = [DevelopmentTokens.SecurityKey(developmentKey)];
        }

        services.AddAuthentication(Scheme).AddJwtBearer(Scheme, options =>
        {
            options.MapInboundClaims = false;
            options.Authority = authority;
            options.Audience = audience;
            options.TokenValidationParameters = validation;
        });

        // The other callers' credentials: identity providers sign their results (the simulated one only in Development).
        Identity.Providers.IdentityProviders.Register(services, environment);

        services.AddOptions<PlatformRateLimitOptions>().Bind(configuration.GetSection(PlatformRateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PlatformRateLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<PlatformRateLimits>((options, limits) =>
        {
            options.GlobalLimiter = limits.Limiter;
            options.OnRejected = (rejected, _) => new ValueTask(PlatformRateLimits.RejectAsync(rejected.HttpContext, rejected.Lease));
        });
        return services;
    }

    /// <summary>
    /// The local host's pipeline: the caller (401/403 answered here), then ASP.NET Core's rate limiter with the
    /// per-platform policy. The Functions app runs the same two steps in its worker middleware.
    /// </summary>
    public static IApplicationBuilder UseLiveCommerceCallers(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (await CallerPipeline.ResolveAsync(context))
            {
                await next(context);
            }
        });
        return app.UseRateLimiter();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
