using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveCommerce.Api.Tests.Cases;

/// <summary>Clients and calls the case, sanction and rating tests share.</summary>
internal sealed class CaseWire(LocalHostFixture fixture, string? platform = null)
{
    public const string Reviewer = "compliance.reviewer";
    public const string Admin = "compliance.admin";

    public string Platform { get; } = platform ?? LocalHostFixture.NewPlatform();

    /// <summary>The platform's own systems (role platform.api).</summary>
    public HttpClient PlatformApi() => fixture.ClientFor(Platform);

    public HttpClient Staff(string sub, string role = Reviewer) => fixture.ClientAs(Platform, sub, role);

    /// <summary>A public figure's check answers manual_review: the usual way a case opens.</summary>
    public static async Task<JsonElement> CheckPublicFigureAsync(HttpClient platformApi, string hostId, string? idNumber = null)
    {
        using var response = await platformApi.PostAsJsonAsync($"api/hosts/{hostId}/qualification-checks", new { name = "明星" + hostId, idNumber = idNumber ?? TestIdentities.AdultPerson(), isPublicFigure = true });
        var body = await OkAsync(response);
        Assert.Equal("manual_review", body.GetProperty("decision").GetString());
        return body;
    }

    public static async Task<JsonElement> OpenCaseOfAsync(HttpClient staff, string hostId)
    {
        var list = await GetAsync(staff, "api/review-cases");
        return list.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("subject").TryGetProperty("hostId", out var h) && h.GetString() == hostId && c.GetProperty("status").GetString() != "decided");
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await OkAsync(response);
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Str(JsonElement e, string property) => e.GetProperty(property).GetString()!;

    public static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz");
}
