using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LiveCommerce.Api.Tests.Filings;

/// <summary>Requests and reads of the filing routes, shared by the filing tests.</summary>
internal static class FilingApi
{
    public static object Event(string startsAt, object[]? guests = null, string[]? hostIds = null) => new
    {
        name = "双十一直播节",
        startsAt,
        guests = guests ?? [],
        hostIds = hostIds ?? ["h1"],
        content = new { theme = "autumn sale", segments = new[] { "opening", "flash deals" } },
        settings = new { province = "浙江", channel = "app" },
    };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> CreateAsync(HttpClient client, string eventId, object body)
    {
        using var response = await PostAsync(client, $"api/events/{eventId}/filings", body);
        return await ReadAsync(response, HttpStatusCode.Created);
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string eventId)
    {
        using var response = await client.GetAsync($"api/events/{eventId}/filings");
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    /// <summary>A made-up schedule for a year whose notice is not out: only 1 January off.</summary>
    public static async Task LoadHypotheticalYearAsync(HttpClient client, int year)
    {
        using var response = await client.PutAsJsonAsync($"api/calendars/cn/{year}", new { holidays = new[] { $"{year}-01-01" }, makeUpWorkdays = Array.Empty<string>() });
        await ReadAsync(response, HttpStatusCode.OK);
    }

    public static string[] Dates(JsonElement array) => [.. array.EnumerateArray().Select(d => d.GetString()!)];
}
