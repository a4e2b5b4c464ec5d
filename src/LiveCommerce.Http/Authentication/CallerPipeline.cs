using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;

namespace LiveCommerce.Http.Authentication;

/// <summary>
/// Resolves the caller once per request, in both hosts: validates the bearer token with the registered JWT bearer
/// handler, reads the <see cref="Caller"/> from its claims, checks <c>X-Platform-Id</c> against it and keeps it in
/// the request's features for the handlers. Only the health probe, the OpenAPI document with its reference page (/api/docs) and the identity providers'
/// signed results (the signature is their credential) are anonymous.
/// </summary>
public static class CallerPipeline
{
    public const string PlatformHeader = "X-Platform-Id";

    /// <summary>Routes without a bearer token. Everything else under /api needs one.</summary>
    public static bool IsAnonymous(PathString path) =>
        !path.StartsWithSegments("/api") ||
        path.StartsWithSegments("/api/health", out var rest) && rest.Value is null or "" or "/" ||
        path.StartsWithSegments("/api/openapi.json", out rest) && rest.Value is null or "" or "/" ||
        path.StartsWithSegments("/api/docs") ||
        path.StartsWithSegments("/api/identity-providers");

    /// <summary>True when the request may go on; otherwise the 401 or 403 problem is written.</summary>
    public static async Task<bool> ResolveAsync(HttpContext context)
    {
        if (IsAnonymous(context.Request.Path))
        {
            return true;
        }

        var result = await context.AuthenticateAsync(LiveCommerceAuthentication.Scheme);
        if (!result.Succeeded || result.Principal is null)
        {
            var (detail, error) = Describe(result.Failure);
            context.Response.Headers[HeaderNames.WWWAuthenticate] = error is null ? "Bearer" : $"Bearer error=\"invalid_token\", error_description=\"{error}\"";
            await Problem.Unauthorized(detail).ExecuteAsync(context);
            return false;
        }

        context.User = result.Principal;
        if (Caller.From(result.Principal, out var missing) is not { } caller)
        {
            await Problem.Forbidden("TOKEN_CLAIM_INVALID", $"The token is valid but lacks the claim {missing}, or its value is malformed; ask for a token that names the platform.").ExecuteAsync(context);
            return false;
        }

        var header = context.Request.Headers[PlatformHeader];
        if (header.Count > 0 && (header.Count > 1 || !string.Equals(header[0], caller.Platform.Value, StringComparison.Ordinal)))
        {
            await Problem.Forbidden(
                "PLATFORM_MISMATCH",
                $"{PlatformHeader} must equal the platform of the caller's token when it is sent.").ExecuteAsync(context);
            return false;
        }

        context.Features.Set(caller);
        return true;
    }

    private static (string Detail, string? Error) Describe(Exception? failure) => failure switch
    {
        null => ("Send 'Authorization: Bearer <token>' (a token from Microsoft Entra ID, or a development token from tools/dev-token).", null),
        SecurityTokenExpiredException => ("The bearer token has expired.", "The token expired"),
        SecurityTokenNotYetValidException => ("The bearer token is not valid yet.", "The token is not valid yet"),
        SecurityTokenInvalidAudienceException => ("The bearer token is for another audience.", "The audience is invalid"),
        SecurityTokenInvalidIssuerException => ("The bearer token comes from an issuer this service does not trust.", "The issuer is invalid"),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            ("The bearer token's signature does not verify.", "The signature is invalid"),
        _ => ("The bearer token is not valid.", "The token is invalid"),
    };
}
