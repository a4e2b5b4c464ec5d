using LiveCommerce.Http.Json;

namespace LiveCommerce.Http.Disputes;

/// <summary>
/// The RFC 9530 <c>Content-Digest</c> request header (<c>sha-256=:BASE64:</c>), by which a client has the body
/// checked end to end before it is stored. Only sha-256 is acted on.
/// </summary>
internal static class ContentDigest
{
    /// <summary>The sha-256 digest as lower-case hex; null when the header is absent.</summary>
    public static string? Sha256Of(string? header, RequestValidator v)
    {
        if (header is null)
        {
            return null;
        }

        foreach (var member in header.Split(','))
        {
            var parts = member.Trim().Split('=', 2);
            if (parts.Length != 2 || !parts[0].Equals("sha-256", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = parts[1].Trim();
            Span<byte> digest = stackalloc byte[32];
            if (value.Length > 2 && value[0] == ':' && value[^1] == ':' &&
                Convert.TryFromBase64String(value[1..^1], digest, out var written) && written == 32)
            {
                return Convert.ToHexStringLower(digest);
            }

            v.Add(EvidenceEndpoints.DigestHeader, "INVALID_FORMAT", "sha-256 must be the base64 of 32 bytes between colons: sha-256=:...:");
            return null;
        }

        v.Add(EvidenceEndpoints.DigestHeader, "INVALID_VALUE", "Only sha-256 is supported: sha-256=:BASE64:");
        return null;
    }
}
