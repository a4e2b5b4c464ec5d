using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Storage;
using LiveCommerce.Storage.Tipping;
using LiveCommerce.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveCommerce.Api.Tests.Tipping;

/// <summary>Requests and reads of the tipping routes, shared by the tipping tests.</summary>
internal static class TippingWire
{
    /// <summary>A client of a platform's systems that may also set the tipping policy (compliance.admin).</summary>
    public static HttpClient Client(LocalHostFixture fixture, string? platform = null) =>
        fixture.ClientFor(platform ?? LocalHostFixture.NewPlatform(), "platform.api", "compliance.admin");

    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task PutPolicyAsync(HttpClient client, long perTip, long daily, long monthly, decimal ratio = 0.5m, int delayHours = 72)
    {
        using var response = await client.PutAsJsonAsync("api/tipping-policy", new
        {
            perTipLimitFen = perTip,
            dailyLimitFen = daily,
            monthlyLimitFen = monthly,
            reminderRatio = ratio,
            settlementDelayHours = delayHours,
        });
        await ReadAsync(response, HttpStatusCode.OK);
    }

    public static async Task<JsonElement> PutUserAsync(HttpClient client, string userId, bool verified, string? idNumber)
    {
        using var response = await client.PutAsJsonAsync($"api/tipping-users/{userId}", new { realNameVerified = verified, idNumber });
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    /// <summary>A real-name verified adult, registered on the client's platform.</summary>
    public static async Task<string> AdultAsync(HttpClient client)
    {
        var userId = NewId("u");
        await PutUserAsync(client, userId, true, TestIdentities.AdultPerson());
        return userId;
    }

    public static object Tip(string tipId, string userId, long amountFen, string hostId = "host-1", string roomId = "room-1") =>
        new { tipId, userId, hostId, roomId, amountFen };

    public static Task<HttpResponseMessage> AuthorizeAsync(HttpClient client, object tip) => client.PostAsJsonAsync("api/tips/authorizations", tip);

    public static async Task<JsonElement> DecideAsync(HttpClient client, string userId, long amountFen, string hostId = "host-1", string? tipId = null)
    {
        using var response = await AuthorizeAsync(client, Tip(tipId ?? NewId("t"), userId, amountFen, hostId));
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    /// <summary>
    /// Asks for a 1 fen tip to <paramref name="hostId"/> until the answer carries <paramref name="code"/> (the host
    /// process caches suspensions for a few seconds) or 60 s pass; the last answer's codes.
    /// </summary>
    public static async Task<string[]> CodesOnceSeenAsync(HttpClient client, string userId, string hostId, string code)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var codes = (await DecideAsync(client, userId, 1, hostId)).Codes();
            if (codes.Contains(code) || DateTime.UtcNow >= deadline)
            {
                return codes;
            }

            await Task.Delay(250);
        }
    }

    public static async Task<JsonElement> ConfirmAsync(HttpClient client, string tipId, DateTimeOffset? confirmedAt = null)
    {
        using var response = await client.PostAsJsonAsync($"api/tips/authorizations/{tipId}/confirmation", new { method = "sms", confirmedAt = confirmedAt ?? DateTimeOffset.UtcNow });
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    public static async Task<List<JsonElement>> HostTipsAsync(HttpClient client, string hostId, string? status = null)
    {
        using var response = await client.GetAsync($"api/hosts/{hostId}/tips" + (status is null ? "" : "?status=" + status));
        return [.. (await ReadAsync(response, HttpStatusCode.OK)).GetProperty("tips").EnumerateArray()];
    }

    public static string Decision(this JsonElement d) => d.GetProperty("decision").GetString()!;

    public static string[] Codes(this JsonElement d) => [.. d.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// The service's own tipping operations on the tests' Azurite, as the sanctions side and the settlement timer call
    /// them (no HTTP route starts them).
    /// </summary>
    public sealed class TippingOperations
    {
        public TippingOperations(AzuriteInstance azurite)
        {
            Store = new TippingStore(new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString }));
            var suspensions = new HostTippingSuspensions(Store, TippingCacheOptions.Default, TimeProvider.System);
            Settlements = new TipSettlements(Store, suspensions, NullLogger<TipSettlements>.Instance);
            Sanctions = new HostTippingSanctions(Store, suspensions, Settlements);
        }

        public TippingStore Store { get; }

        public TipSettlements Settlements { get; }

        public HostTippingSanctions Sanctions { get; }
    }
}
