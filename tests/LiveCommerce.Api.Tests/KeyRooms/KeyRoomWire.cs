using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LiveCommerce.Api.Tests.KeyRooms;

/// <summary>Short hand for key-room request bodies on one far-future day, with times as "HH:mm" in Asia/Shanghai.</summary>
internal static class KeyRoomWire
{
    /// <summary>Far from any "tomorrow", so the local host's evening run never plans a test's day by itself.</summary>
    public const string Day = "2031-03-02";

    public static string At(string time, string day = Day) => $"{day}T{time}:00+08:00";

    public static object Key(string id, string from, string to, string category = "food", string? room = null) =>
        new { sessionId = id, roomId = room ?? "room-" + id, start = At(from), end = At(to), tier = "key", category };

    public static object Standard(string id, string from, string to, string room) =>
        new { sessionId = id, roomId = room, start = At(from), end = At(to), tier = "standard", category = "apparel" };

    public static object Inspector(string id, int capacity, string[] skills, string from = "08:00", string to = "20:00") =>
        new { inspectorId = id, shifts = new[] { new { start = At(from), end = At(to) } }, skills, maxConcurrentRooms = capacity };

    public static object Schedule(object[] sessions, object[] inspectors, int slotMinutes = 60) =>
        new { from = At("00:00"), to = At("00:00", "2031-03-03"), slotMinutes, sessions, inspectors };

    public static async Task<JsonElement> OkAsync(this Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A POST with an Idempotency-Key, answering status, raw body and whether it was a replay.</summary>
    public static async Task<(HttpStatusCode Status, string Body, bool Replayed)> PostWithKeyAsync(HttpClient client, string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("Idempotent-Replayed"));
    }

    public static IReadOnlyList<string> Strings(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    public static Dictionary<string, string> AssignedInspectors(this JsonElement plan) =>
        plan.GetProperty("assignments").EnumerateArray().ToDictionary(a => a.GetProperty("sessionId").GetString()!, a => a.GetProperty("inspectorId").GetString()!);
}
