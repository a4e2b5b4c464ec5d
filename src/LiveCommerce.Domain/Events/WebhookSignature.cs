using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveCommerce.Domain.Events;

/// <summary>
/// The <c>Webhook-Signature</c> header of a delivery: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret,
/// "{t}.{body}")&gt;</c>. While a rotated secret overlaps the new one, the header carries one <c>v1</c> per secret
/// (newest first); a receiver accepts the delivery when any of them matches a secret it holds.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Webhook-Signature";

    /// <summary>How far <c>t</c> may be from the receiver's clock before it should refuse a delivery as a replay.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Create(IEnumerable<string> secrets, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var header = new StringBuilder("t=").Append(t);
        foreach (var secret in secrets)
        {
            header.Append(",v1=").Append(Sign(secret, t, body));
        }

        return header.ToString();
    }

    /// <summary>What a receiver does: true when <c>t</c> is within the tolerance and a <c>v1</c> matches the secret.</summary>
    public static bool Verify(string? header, string secret, DateTimeOffset now, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        string? t = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }

            var (name, value) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (name == "t")
            {
                t = value;
            }
            else if (name == "v1")
            {
                candidates.Add(value);
            }
        }

        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            Math.Abs(now.ToUnixTimeSeconds() - seconds) > Tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, t, body));
        return candidates.Any(c => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(c), expected));
    }

    private static string Sign(string secret, string t, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }
}
