using System.Net;
using System.Text.Json;

namespace LiveCommerce.Api.Tests.Operations;

[Collection(LocalHostCollection.Name)]
public sealed class OperationsApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task Health_answers_healthy_with_storage_ok_and_needs_no_platform()
    {
        using var client = fixture.Host.CreateClient();
        using var response = await client.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("storage").GetString());
    }

    [Fact]
    public async Task OpenApi_document_is_served_as_openapi_3()
    {
        using var client = fixture.ClientFor();
        using var response = await client.GetAsync("api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", body.GetProperty("openapi").GetString());
    }

    [Fact]
    public async Task Unknown_route_is_a_problem_not_an_empty_404()
    {
        using var client = fixture.ClientFor();
        using var response = await client.GetAsync("api/no-such-thing");
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "ROUTE_NOT_FOUND");
    }
}
