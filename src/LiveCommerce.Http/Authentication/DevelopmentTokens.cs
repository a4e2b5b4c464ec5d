using System.Security.Claims;
using LiveCommerce.Http.Tenancy;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveCommerce.Http.Authentication;

/// <summary>
/// The development tokens of the contract's "Authentication": HS256, issuer <see cref="Issuer"/>, audience
/// <see cref="Audience"/>, signed with <c>Auth:DevelopmentSigningKey</c>. Validation (in
/// <see cref="LiveCommerceAuthentication"/>) and minting (tests, bench, <c>tools/dev-token</c>) share these constants.
/// </summary>
public static class DevelopmentTokens
{
    public const string Issuer = "livecommerce-dev";
    public const string Audience = "livecommerce";
    public const int MinimumKeyBytes = 32;

    /// <summary>The key bytes of a base64 setting; at least 32 bytes, so HS256 keeps its strength.</summary>
    public static byte[] DecodeKey(string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Auth:DevelopmentSigningKey must be base64.");
        }

        return key.Length >= MinimumKeyBytes
            ? key
            : throw new InvalidOperationException($"Auth:DevelopmentSigningKey must decode to at least {MinimumKeyBytes} bytes; it has {key.Length}.");
    }

    public static SymmetricSecurityKey SecurityKey(string base64) => new(DecodeKey(base64)) { KeyId = "livecommerce-dev" };

    /// <summary>
    /// A signed development token. One role is written as a string and several as an array: the contract allows
    /// both, so every test run exercises both forms.
    /// </summary>
    public static string Mint(
        string signingKeyBase64,
        string platform,
        IReadOnlyCollection<string> roles,
        string subject,
        string? name = null,
        TimeSpan? lifetime = null,
        DateTimeOffset? now = null)
    {
        var issuedAt = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [Caller.PlatformClaim] = platform,
            [Caller.SubjectClaim] = subject,
        };
        if (roles.Count == 1)
        {
            claims[Caller.RolesClaim] = roles.First();
        }
        else if (roles.Count > 1)
        {
            claims[Caller.RolesClaim] = roles.ToArray();
        }

        if (name is not null)
        {
            claims[Caller.NameClaim] = name;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt.AddSeconds(-1),
            Expires = issuedAt + (lifetime ?? TimeSpan.FromHours(12)),
            Claims = claims,
            Subject = new ClaimsIdentity(),
            SigningCredentials = new SigningCredentials(SecurityKey(signingKeyBase64), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
