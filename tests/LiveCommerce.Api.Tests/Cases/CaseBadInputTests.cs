using System.Net;
using System.Text;

namespace LiveCommerce.Api.Tests.Cases;

/// <summary>The bad-input sweep over the case, sanction and rating routes: every answer a 4xx problem, never a 5xx.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class CaseBadInputTests(LocalHostFixture fixture)
{
    private static readonly string[] Bodies =
    [
        "", "{", "[]", "null", "42", "\"x\"", "{\"decision\":7}", "{\"decision\":\"maybe\"}", "{\"reasonCodes\":\"X\"}",
        "{\"reasonCodes\":[null]}", "{\"reasonCodes\":[\"lower\"]}", "{\"missingItems\":[1]}", "{\"assignee\":{}}",
        "{\"subject\":\"h1\"}", "{\"subject\":{\"hostId\":\"../x\"}}", "{\"subject\":{\"hostId\":7}}", "{\"measure\":[]}",
        "{\"startsAt\":\"tomorrow\"}", "{\"endsAt\":\"2026-13-01T00:00:00+08:00\"}", "{\"statement\":null}", "{\"statement\":" + new string('1', 5000) + "}",
        "{\"windowDays\":-1}", "{\"windowDays\":1e99}", "{\"thresholds\":[null]}", "{\"thresholds\":[{\"violations\":\"a\"}]}",
        "{\"dueWorkingDays\":0}", "{\"dueWorkingDays\":2147483648}", "{\"note\":\"" + new string('n', 3000) + "\"}",
    ];

    private static readonly (string Method, string Path)[] Routes =
    [
        ("POST", "api/review-cases/rc_x/assignment"), ("POST", "api/review-cases/rc_x/decision"), ("POST", "api/review-cases/rc%20x/decision"),
        ("POST", "api/sanctions"), ("POST", "api/sanctions/sn_x/appeals"), ("PUT", "api/rating-policy"), ("PUT", "api/review-case-settings"),
        ("GET", "api/review-cases?status=nope"), ("GET", "api/review-cases?overdue=maybe"), ("GET", "api/review-cases?limit=0"), ("GET", "api/review-cases?continuation=garbage"),
        ("GET", "api/review-cases/%20"), ("GET", "api/sanctions"), ("GET", "api/sanctions?subject=host"), ("GET", "api/sanctions?subject=planet:x"), ("GET", "api/sanctions?subject=host:..%2F"),
        ("GET", "api/sanctions/" + new string('s', 300)), ("GET", "api/hosts/" + new string('h', 100) + "/rating-file"), ("GET", "api/rooms/r%20x/rating-file"),
    ];

    [Fact]
    public async Task No_bad_request_to_the_new_routes_gets_a_5xx_and_every_one_is_a_problem()
    {
        var wire = new CaseWire(fixture);
        using var admin = wire.Staff("admin-1", CaseWire.Admin);
        var failures = new List<string>();
        foreach (var (method, path) in Routes)
        {
            foreach (var body in method == "GET" ? [""] : Bodies)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method != "GET")
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                using var response = await admin.SendAsync(request);
                if ((int)response.StatusCode >= 500 || (response.StatusCode != HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
                {
                    failures.Add($"{method} {path} {body} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.Empty(failures);
    }
}
