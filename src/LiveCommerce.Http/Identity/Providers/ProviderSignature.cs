using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveCommerce.Http.Identity.Providers;

/// <summary>What a provider's X-Signature says about a request.</summary>
public enum SignatureVerdict
{
    Valid,
    Missing,
    Malformed,
    Stale,
    Invalid,
}

/// <summary>
/// The contract's signature of a provider's result: <c>X-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where v1 is
/// HMAC-SHA256 with the provider's secret over <c>"{t}.{raw body bytes}"</c>, and t within 300 s of now. Signing
/// (tests, bench, tools/sign-identity-result) and verifying share this class.
/// </summary>
public static class ProviderSignature
{
    public const string Header = "X-Signature";
    public static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(300);

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, unixSeconds, body))}";

    public static SignatureVerdict Verify(string? header, string secret, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(header))
        {
            return SignatureVerdict.Missing;
        }

        long? t = null;
        byte[]? v1 = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                t = seconds;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal) && part.Length == 3 + 64)
            {
                try
                {
                    v1 = Convert.FromHexString(part.AsSpan(3));
                }
                catch (FormatException)
                {
                    return SignatureVerdict.Malformed;
                }
            }
        }

        if (t is null || v1 is null)
        {
            return SignatureVerdict.Malformed;
        }

        if (t.Value > now.ToUnixTimeSeconds() + (long)MaxSkew.TotalSeconds || t.Value < now.ToUnixTimeSeconds() - (long)MaxSkew.TotalSeconds)
        {
            return SignatureVerdict.Stale;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(secret, t.Value, body), v1) ? SignatureVerdict.Valid : SignatureVerdict.Invalid;
    }

    private static byte[] Mac(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
