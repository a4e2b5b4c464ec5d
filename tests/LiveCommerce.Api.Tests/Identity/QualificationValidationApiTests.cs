using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace LiveCommerce.Api.Tests.Identity;

[Collection(LocalHostCollection.Name)]
public sealed class QualificationValidationApiTests(LocalHostFixture fixture)
{
    private async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, string json) =>
        await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var client = fixture.ClientFor();
        using var response = await PostRawAsync(client, "api/hosts/h1/qualification-checks", "{\"name\": \"x\", ");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "MALFORMED_JSON");
    }

    [Fact]
    public async Task Missing_fields_are_all_listed()
    {
        using var client = fixture.ClientFor();
        using var response = await PostRawAsync(client, "api/merchants/m1/qualification-checks", "{\"legalRepresentative\": {}}");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("legalName", "REQUIRED");
        problem.AssertFieldError("creditCode", "REQUIRED");
        problem.AssertFieldError("legalRepresentative.name", "REQUIRED");
        problem.AssertFieldError("legalRepresentative.idNumber", "REQUIRED");
        problem.AssertFieldError("categories", "REQUIRED");
    }

    [Fact]
    public async Task A_wrong_type_names_the_field()
    {
        using var client = fixture.ClientFor();
        using var response = await PostRawAsync(client, "api/hosts/h1/qualification-checks", "{\"name\": \"x\", \"idNumber\": 110105199001011234}");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("idNumber", "INVALID_TYPE");

        using var flag = await PostRawAsync(client, "api/hosts/h1/qualification-checks", "{\"name\": \"x\", \"idNumber\": \"1\", \"isPublicFigure\": \"yes\"}");
        (await flag.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("isPublicFigure", "INVALID_TYPE");
    }

    [Fact]
    public async Task Unknown_enum_values_and_bad_dates_are_400s_with_each_field_named()
    {
        using var client = fixture.ClientFor();
        using var response = await client.PostAsJsonAsync("api/merchants/m1/qualification-checks", new
        {
            legalName = "x",
            creditCode = TestIdentities.CreditCode(),
            legalRepresentative = new { name = "x", idNumber = TestIdentities.AdultPerson() },
            categories = new[] { "general", "fireworks" },
            licences = new[] { new { type = "fishing_licence", number = "1", validFrom = "2026-13-01", validTo = "2026-01-01" } },
        });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("categories[1]", "INVALID_VALUE");
        problem.AssertFieldError("licences[0].type", "INVALID_VALUE");
        problem.AssertFieldError("licences[0].validFrom", "INVALID_FORMAT");

        using var blacklist = await client.PostAsJsonAsync("api/blacklist", new { subjectType = "company", reason = "x" });
        (await blacklist.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("subjectType", "INVALID_VALUE");
        using var professional = await client.PostAsJsonAsync("api/hosts/h1/qualification-checks", new { name = "x", idNumber = "1", professionalFields = new[] { new { field = "astrology" } } });
        (await professional.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("professionalFields[0].field", "INVALID_VALUE");
    }

    [Fact]
    public async Task An_oversize_body_is_a_413_problem()
    {
        using var client = fixture.ClientFor();
        var huge = "{\"name\": \"" + new string('x', 2 * 1024 * 1024) + "\"}";
        using var response = await PostRawAsync(client, "api/hosts/h1/qualification-checks", huge);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Every_route_but_health_requires_a_token_that_names_a_well_formed_platform()
    {
        using var anonymous = fixture.Host.CreateClient();
        using var missing = await anonymous.GetAsync("api/hosts/h1/qualification-checks/qc_1");
        await missing.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");

        using var bad = fixture.Host.CreateClient("platform/../other");
        using var invalid = await bad.PostAsJsonAsync("api/blacklist", new { subjectType = "person" });
        await invalid.AssertProblemAsync(HttpStatusCode.Forbidden, "TOKEN_CLAIM_INVALID");
    }

    [Fact]
    public async Task An_invalid_identifier_cannot_be_blacklisted()
    {
        using var client = fixture.ClientFor();
        using var response = await client.PostAsJsonAsync("api/blacklist", new { subjectType = "person", idNumber = "11010519491231002Y", reason = "x" });
        (await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("idNumber", "ID_NUMBER_INVALID");
    }
}
