using System.Text;
using System.Text.RegularExpressions;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Authentication;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Moq;
using Xunit.Abstractions;

namespace LiveCommerce.Functions.Tests.Http;

/// <summary>
/// Every HTTP trigger answers what the local host's route answers for the same request: one request per function
/// (its route filled with sample values, an empty JSON object as the body of a POST or PUT), sent to the local
/// host's routes over HTTP and to the function through a real <see cref="Microsoft.AspNetCore.Http.HttpRequest"/>.
/// Both run the shared handler over the same Azurite, each under its own platform id with a development token (the
/// Functions side through <see cref="CallerMiddleware"/>'s steps); a trigger bound to the wrong handler answers with
/// another problem code, other field errors or another status.
/// </summary>
[Collection(FunctionsAppCollection.Name)]
public sealed partial class HttpTriggerTests(FunctionsAppFixture app, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["merchantId"] = "m-1", ["hostId"] = "h-1", ["checkId"] = "chk-1", ["sessionId"] = "s-1", ["disputeId"] = "d-1",
        ["eventId"] = "e-1", ["year"] = "2027", ["date"] = "2027-01-04", ["listId"] = "list-1", ["sku"] = "sku-1",
        ["orderId"] = "o-1", ["kind"] = "chat", ["recordId"] = "r-1", ["instanceId"] = "prelive:s-1",
    };

    public static TheoryData<string> HttpFunctions => new(FunctionCatalog.WithTrigger<HttpTriggerAttribute>());

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public async Task The_trigger_answers_what_the_local_host_route_answers(string function)
    {
        var trigger = FunctionCatalog.Trigger<HttpTriggerAttribute>(function);
        var method = trigger.Methods!.Single().ToUpperInvariant();
        var routeValues = RouteParameter().Matches(trigger.Route!).ToDictionary(m => m.Groups[1].Value, m => Samples[m.Groups[1].Value], StringComparer.Ordinal);
        var path = "/api/" + RouteParameter().Replace(trigger.Route!, m => Samples[m.Groups[1].Value]);
        var body = method is "POST" or "PUT" ? "{}" : null;

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        foreach (var (name, value) in Headers("local-p"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await app.LocalRoutes.SendAsync(request);
        var expected = await HttpTriggerInvoker.ReadAsync(response);

        var durable = new Mock<DurableTaskClient>("LiveCommerceHub");
        var actual = await HttpTriggerInvoker.InvokeAsync(app.Services, function, path, routeValues, Headers("functions-p"), body, durable.Object);

        output.WriteLine($"{method} {path}: {expected.Status} {expected.Shape}");
        Assert.DoesNotContain("ROUTE_NOT_FOUND", expected.Shape, StringComparison.Ordinal); // the local host has the route
        Assert.Equal(expected, actual);
    }

    private static Dictionary<string, string> Headers(string platform) => new(StringComparer.Ordinal)
    {
        [CallerPipeline.PlatformHeader] = platform,
        ["Authorization"] = "Bearer " + FunctionsAppFixture.TokenFor(platform),
        [IdempotencyKey.Header] = Guid.NewGuid().ToString("N"),
    };

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex RouteParameter();
}
