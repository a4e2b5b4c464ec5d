using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveCommerce.Api.Tests.Audit;

/// <summary>Calls of the audit and event routes shared by their tests.</summary>
internal static class AuditApi
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<List<JsonElement>> EntriesAsync(this HttpClient client, string query = "")
    {
        var page = await client.GetJsonAsync("api/audit-log" + query);
        return [.. page.GetProperty("entries").EnumerateArray()];
    }

    /// <summary>Waits (generously: the machine may be busy) until the log holds at least <paramref name="count"/> entries.</summary>
    public static async Task<List<JsonElement>> EntriesAtLeastAsync(this HttpClient client, int count, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var entries = await client.EntriesAsync("?limit=1000");
            if (entries.Count >= count || DateTime.UtcNow > deadline)
            {
                return entries;
            }

            await Task.Delay(250);
        }
    }

    public static Task<HttpResponseMessage> PutThresholdsAsync(HttpClient client, int followers) =>
        client.PutAsJsonAsync("api/key-room-thresholds", new { followers, creditRatingAtOrBelow = "c" });
}
