using System.Net;
using System.Net.Sockets;

namespace LiveCommerce.Domain.Events;

/// <summary>
/// Which addresses a webhook may reach (the SSRF guard): public unicast only. Refused: loopback (unless the
/// development host allows it), private (RFC 1918, IPv6 unique-local), link-local (which holds the cloud metadata
/// endpoints 169.254.169.254 and fd00:ec2::254's range), carrier-grade NAT, "this network", multicast, broadcast,
/// reserved and documentation ranges, and IPv4 addresses dressed as IPv6 (mapped, NAT64, 6to4) are judged as the
/// IPv4 address they carry.
/// </summary>
public static class WebhookAddressPolicy
{
    private static readonly (byte[] Prefix, int Bits)[] RefusedV4 =
    [
        ([0, 0, 0, 0], 8),         // this network
        ([10, 0, 0, 0], 8),        // private
        ([100, 64, 0, 0], 10),     // carrier-grade NAT
        ([127, 0, 0, 0], 8),       // loopback (allowed separately in development)
        ([169, 254, 0, 0], 16),    // link-local, cloud metadata
        ([172, 16, 0, 0], 12),     // private
        ([192, 0, 0, 0], 24),      // IETF protocol assignments
        ([192, 0, 2, 0], 24),      // documentation
        ([192, 88, 99, 0], 24),    // 6to4 relay anycast
        ([192, 168, 0, 0], 16),    // private
        ([198, 18, 0, 0], 15),     // benchmarking
        ([198, 51, 100, 0], 24),   // documentation
        ([203, 0, 113, 0], 24),    // documentation
        ([224, 0, 0, 0], 4),       // multicast
        ([240, 0, 0, 0], 4),       // reserved, broadcast
    ];

    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                return IsAllowed(address.MapToIPv4(), allowLoopback);
            }

            var b = address.GetAddressBytes();
            if (IPAddress.IPv6Loopback.Equals(address))
            {
                return allowLoopback;
            }

            if (IPAddress.IPv6Any.Equals(address) || address.IsIPv6Multicast || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal ||
                (b[0] & 0xFE) == 0xFC ||                                   // unique local fc00::/7
                (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)) // documentation 2001:db8::/32
            {
                return false;
            }

            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)  // NAT64 64:ff9b::/96
            {
                return IsAllowed(new IPAddress(b[12..16]), allowLoopback);
            }

            if (b[0] == 0x20 && b[1] == 0x02)                                 // 6to4 2002::/16
            {
                return IsAllowed(new IPAddress(b[2..6]), allowLoopback);
            }

            // Only global unicast (2000::/3) is reachable on the internet.
            return (b[0] & 0xE0) == 0x20;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var v4 = address.GetAddressBytes();
        if (v4[0] == 127)
        {
            return allowLoopback;
        }

        foreach (var (prefix, bits) in RefusedV4)
        {
            if (InPrefix(v4, prefix, bits))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static bool InPrefix(byte[] address, byte[] prefix, int bits)
    {
        for (var i = 0; i < 4 && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((address[i] & mask) != (prefix[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
