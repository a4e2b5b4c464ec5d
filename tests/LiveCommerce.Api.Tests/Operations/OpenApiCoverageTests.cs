using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LiveCommerce.Api.Tests.Operations;

[Collection(LocalHostCollection.Name)]
public sealed class OpenApiCoverageTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task Every_operation_in_the_openapi_document_is_served()
    {
        using var client = fixture.ClientFor();
        var document = await client.GetFromJsonAsync<JsonElement>("api/openapi.json");
        var unserved = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var concrete = string.Concat(path.Name.Split('{', '}').Select((part, i) => i % 2 == 1 ? "x1" : part));
            foreach (var operation in path.Value.EnumerateObject())
            {
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), concrete.TrimStart('/'));
                if (operation.Name is "post" or "put")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.MethodNotAllowed || body.Contains("ROUTE_NOT_FOUND", StringComparison.Ordinal))
                {
                    unserved.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                }
            }
        }

        Assert.Empty(unserved);
        Assert.True(document.GetProperty("paths").EnumerateObject().Count() >= 19, "the document lost paths");
    }
}
