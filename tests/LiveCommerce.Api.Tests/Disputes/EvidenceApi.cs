using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace LiveCommerce.Api.Tests.Disputes;

/// <summary>Requests and reads of the evidence routes, shared by the evidence tests.</summary>
internal static class EvidenceApi
{
    public static string Time(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz");

    public static async Task<HttpResponseMessage> PushAsync(
        HttpClient client, string path, byte[] content, DateTimeOffset? start = null, DateTimeOffset? end = null, string? digest = null, string contentType = "video/mp2t")
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (start is { } s)
        {
            request.Headers.Add("Evidence-Start", Time(s));
        }

        if (end is { } e)
        {
            request.Headers.Add("Evidence-End", Time(e));
        }

        if (digest is not null)
        {
            request.Headers.Add("Content-Digest", digest);
        }

        return await client.SendAsync(request);
    }

    public static string DigestOf(byte[] content) => $"sha-256=:{Convert.ToBase64String(SHA256.HashData(content))}:";

    public static string Sha256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> PutJsonAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PutAsJsonAsync(path, body);
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    public static async Task<JsonElement> RecordAsync(HttpClient client, string folderPath, string kind, string recordId)
    {
        using var response = await client.GetAsync(folderPath);
        var folder = await ReadAsync(response, HttpStatusCode.OK);
        return folder.GetProperty("records").EnumerateArray()
            .Single(r => r.GetProperty("kind").GetString() == kind && r.GetProperty("recordId").GetString() == recordId);
    }

    public static string? RetainUntil(JsonElement record) =>
        record.TryGetProperty("retainUntil", out var until) ? until.GetString() : null;

    /// <summary>
    /// respondBy needs the working days after today: near the year's end that reaches a year not built in. Such a year
    /// is loaded for the test's platform (a made-up schedule) so a bundle can be asked for on any date.
    /// </summary>
    public static async Task EnsureCalendarAheadAsync(HttpClient client)
    {
        var year = DateTime.UtcNow.AddHours(8).AddDays(30).Year;
        using var found = await client.GetAsync($"api/calendars/cn/{year}");
        if (found.StatusCode == HttpStatusCode.NotFound)
        {
            await Filings.FilingApi.LoadHypotheticalYearAsync(client, year);
        }
    }

    public static string ShanghaiDate(DateTimeOffset at, int plusDays = 0, int plusYears = 0) =>
        at.ToOffset(TimeSpan.FromHours(8)).Date.AddYears(plusYears).AddDays(plusDays).ToString("yyyy-MM-dd");
}
