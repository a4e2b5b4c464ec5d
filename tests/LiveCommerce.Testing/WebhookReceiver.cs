using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LiveCommerce.Testing;

/// <summary>One POST the receiver got: when, which attempt, whether its signature verified, and the body.</summary>
public sealed record ReceivedWebhook(string EventId, int Attempt, DateTimeOffset ReceivedAt, bool SignatureValid, int AnsweredStatus, JsonElement Body);

/// <summary>
/// A real HTTP receiver of webhooks on loopback (HttpListener), for tests and the bench. It checks each delivery's
/// <c>Webhook-Signature</c> itself (HMAC-SHA256 over "{t}.{body}", independently of the service's code) and answers
/// what <see cref="Respond"/> says (204 by default).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WebhookReceiver(int concurrency = 16)
    {
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/hooks/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(ServeAsync)));
    }

    public string Url { get; }

    /// <summary>The secrets a delivery may be signed with (any one matching is enough).</summary>
    public ConcurrentBag<string> Secrets { get; } = [];

    /// <summary>The status to answer a delivery with (event id, attempt number as sent in Webhook-Attempt).</summary>
    public Func<string, int, int> Respond { get; set; } = (_, _) => 204;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public int Count => _received.Count;

    /// <summary>Waits until <paramref name="predicate"/> holds over what was received, or the deadline passes.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> predicate, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!predicate(Received) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return Received;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            try
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var bytes = body.ToArray();
                var received = DateTimeOffset.UtcNow;
                var json = JsonDocument.Parse(bytes).RootElement.Clone();
                var eventId = json.GetProperty("eventId").GetString() ?? "";
                var attempt = int.TryParse(context.Request.Headers["Webhook-Attempt"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : 0;
                var valid = Verify(context.Request.Headers["Webhook-Signature"], bytes, received);
                var status = valid ? Respond(eventId, attempt) : 401;
                _received.Enqueue(new ReceivedWebhook(eventId, attempt, received, valid, status, json));
                context.Response.StatusCode = status;
            }
            catch (Exception)
            {
                context.Response.StatusCode = 400;
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private bool Verify(string? header, byte[] body, DateTimeOffset now)
    {
        if (header is null)
        {
            return false;
        }

        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
        var t = parts.FirstOrDefault(p => p[0] == "t")?[1];
        if (t is null || !long.TryParse(t, out var seconds) || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        var signed = Encoding.UTF8.GetBytes(t + ".").Concat(body).ToArray();
        var candidates = parts.Where(p => p[0] == "v1").Select(p => p[1]).ToList();
        return Secrets.Any(secret =>
        {
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
            return candidates.Contains(expected, StringComparer.Ordinal);
        });
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
        }

        _listener.Close();
    }
}
