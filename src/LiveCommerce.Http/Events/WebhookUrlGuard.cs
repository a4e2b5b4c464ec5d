using System.Net;
using System.Net.Sockets;
using LiveCommerce.Domain.Events;

namespace LiveCommerce.Http.Events;

/// <summary>
/// The SSRF guard of webhooks, applied when an endpoint is registered and again at every connection a delivery
/// opens: the URL must be https (http only to loopback, only in Development); its host is resolved and every
/// address must be allowed by <see cref="WebhookAddressPolicy"/>; the connection then goes to an address that was
/// checked (<see cref="ConnectAsync"/>), so DNS cannot answer differently between the check and the connect.
/// </summary>
public sealed class WebhookUrlGuard(bool allowLoopback)
{
    public const int MaxUrlLength = 2048;

    public bool AllowsLoopback => allowLoopback;

    /// <summary>Null when the URL may be registered; otherwise why not (code and message).</summary>
    public async Task<(string Code, string Message)?> CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.HostNameType == UriHostNameType.Unknown)
        {
            return ("INVALID_FORMAT", "'url' must be an absolute https URL.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return ("INVALID_FORMAT", "'url' may not carry user information or a fragment.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && allowLoopback))
        {
            return NotHttps();
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return ("WEBHOOK_URL_UNRESOLVABLE", $"The host '{uri.Host}' of 'url' does not resolve.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !(addresses.Length > 0 && addresses.All(WebhookAddressPolicy.IsLoopback)))
        {
            return NotHttps();
        }

        return addresses.FirstOrDefault(a => !WebhookAddressPolicy.IsAllowed(a, allowLoopback)) is { } refused
            ? ("WEBHOOK_URL_FORBIDDEN_ADDRESS", $"'url' resolves to {Describe(refused)}, which webhooks may not reach (private, loopback, link-local or metadata addresses are refused).")
            : null;
    }

    private (string Code, string Message) NotHttps() => ("WEBHOOK_URL_NOT_HTTPS", allowLoopback
        ? "'url' must be https (http is accepted only to a loopback address in Development)."
        : "'url' must be https.");

    /// <summary>
    /// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the delivery client: resolves the host, refuses the
    /// connection unless every address is allowed, and connects to the checked addresses only.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        if (addresses.Length == 0 || addresses.Any(a => !WebhookAddressPolicy.IsAllowed(a, allowLoopback)))
        {
            throw new WebhookAddressRefusedException($"The webhook host resolves to an address webhooks may not reach ({string.Join(", ", addresses.Select(Describe))}).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(literal, out var ip) ? [ip] : await Dns.GetHostAddressesAsync(literal, cancellationToken);
    }

    private static string Describe(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
}

/// <summary>A delivery's connection refused by the SSRF guard (the host now resolves to a refused address).</summary>
public sealed class WebhookAddressRefusedException(string message) : IOException(message);
