using LiveCommerce.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LiveCommerce.Api.Tests.Identity;

[Collection(LocalHostCollection.Name)]
public sealed class QualificationApiTests(LocalHostFixture fixture)
{
    private static readonly DateOnly Today = TestIdentities.TodayInShanghai;

    private static object Merchant(string? creditCode = null, string? repId = null, string repName = "张三",
        string[]? categories = null, object[]? licences = null) => new
    {
        legalName = "杭州示例商贸有限公司",
        creditCode = creditCode ?? TestIdentities.CreditCode(),
        legalRepresentative = new { name = repName, idNumber = repId ?? TestIdentities.AdultPerson() },
        categories = categories ?? ["general"],
        licences = licences ?? [],
    };

    private static object Licence(string type, DateOnly from, DateOnly to) =>
        new { type, number = "JY" + Random.Shared.Next(100000, 999999), validFrom = from.ToString("yyyy-MM-dd"), validTo = to.ToString("yyyy-MM-dd") };

    private static async Task<JsonElement> DecisionAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static IReadOnlyList<string> Codes(JsonElement decision) =>
        [.. decision.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];

    [Fact]
    public async Task A_qualified_merchant_is_approved_until_the_first_licence_expiry_when_that_comes_before_six_months()
    {
        using var client = fixture.ClientFor();
        var licenceEnd = Today.AddMonths(2);
        using var response = await client.PostAsJsonAsync("api/merchants/m1/qualification-checks", Merchant(
            categories: ["food", "general"],
            licences: [Licence("food_business_licence", Today.AddYears(-1), licenceEnd)]));
        var decision = await DecisionAsync(response);

        Assert.Equal("approved", decision.GetProperty("decision").GetString());
        Assert.Empty(decision.GetProperty("reasons").EnumerateArray());
        Assert.StartsWith("qc_", decision.GetProperty("checkId").GetString());
        Assert.False(string.IsNullOrEmpty(decision.GetProperty("ruleSetVersion").GetString()));
        // The licence counts through its last day, so the approval ends at the start of the next day in Shanghai.
        Assert.Equal($"{licenceEnd.AddDays(1):yyyy-MM-dd}T00:00:00+08:00", decision.GetProperty("validUntil").GetString());
    }

    [Fact]
    public async Task Without_licences_an_approval_lasts_six_months_from_the_check()
    {
        using var client = fixture.ClientFor();
        using var response = await client.PostAsJsonAsync("api/merchants/m1/qualification-checks", Merchant());
        var decision = await DecisionAsync(response);

        var checkedAt = DateTimeOffset.Parse(decision.GetProperty("checkedAt").GetString()!);
        var validUntil = DateTimeOffset.Parse(decision.GetProperty("validUntil").GetString()!);
        Assert.Equal(TimeSpan.FromHours(8), validUntil.Offset);
        Assert.Equal(checkedAt.ToOffset(TimeSpan.FromHours(8)).DateTime.AddMonths(6), validUntil.DateTime);
    }

    [Fact]
    public async Task A_merchant_decision_lists_every_failing_reason_at_once()
    {
        using var client = fixture.ClientFor();
        using var response = await client.PostAsJsonAsync("api/merchants/m2/qualification-checks", Merchant(
            creditCode: "91440300715267260G",
            repId: "11010519491231002Y",
            categories: ["e_cigarettes", "cosmetics", "food"],
            licences: [Licence("food_business_licence", Today.AddYears(-2), Today.AddDays(-1))]));
        var decision = await DecisionAsync(response);

        Assert.Equal("rejected", decision.GetProperty("decision").GetString());
        var codes = Codes(decision);
        Assert.Contains("CREDIT_CODE_INVALID", codes);
        Assert.Contains("ID_NUMBER_INVALID", codes);
        Assert.Contains("CATEGORY_PROHIBITED", codes);
        Assert.Contains("LICENCE_MISSING", codes);
        Assert.Contains("LICENCE_EXPIRED", codes);
        Assert.False(decision.TryGetProperty("validUntil", out _));
        var fields = decision.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("field").GetString()).ToList();
        Assert.Contains("creditCode", fields);
        Assert.Contains("legalRepresentative.idNumber", fields);
    }

    [Fact]
    public async Task Hosts_under_16_are_rejected_and_16_is_reached_on_the_16th_birthday()
    {
        using var client = fixture.ClientFor();
        var turnsSixteenTomorrow = TestIdentities.Person(Today.AddYears(-16).AddDays(1));
        var turnsSixteenToday = TestIdentities.Person(Today.AddYears(-16));
        var guardian = new { guardianName = "李四", guardianIdNumber = TestIdentities.AdultPerson(), documentRef = "consent-001" };

        using var under = await client.PostAsJsonAsync("api/hosts/h1/qualification-checks", new { name = "小王", idNumber = turnsSixteenTomorrow, guardianConsent = guardian });
        Assert.Contains("HOST_UNDER_16", Codes(await DecisionAsync(under)));

        using var sixteen = await client.PostAsJsonAsync("api/hosts/h2/qualification-checks", new { name = "小李", idNumber = turnsSixteenToday, guardianConsent = guardian });
        Assert.Equal("approved", (await DecisionAsync(sixteen)).GetProperty("decision").GetString());
    }

    [Fact]
    public async Task A_16_or_17_year_old_needs_the_consent_of_an_adult_guardian()
    {
        using var client = fixture.ClientFor();
        var seventeen = TestIdentities.Person(Today.AddYears(-17).AddDays(-10));

        using var none = await client.PostAsJsonAsync("api/hosts/h3/qualification-checks", new { name = "小赵", idNumber = seventeen });
        Assert.Equal(["GUARDIAN_CONSENT_REQUIRED"], Codes(await DecisionAsync(none)));

        var minorGuardian = new { guardianName = "赵二", guardianIdNumber = TestIdentities.Person(Today.AddYears(-17)), documentRef = "consent-002" };
        using var minor = await client.PostAsJsonAsync("api/hosts/h3/qualification-checks", new { name = "小赵", idNumber = seventeen, guardianConsent = minorGuardian });
        Assert.Equal(["GUARDIAN_CONSENT_REQUIRED"], Codes(await DecisionAsync(minor)));
    }

    [Fact]
    public async Task Professional_content_needs_a_current_certificate_and_an_avatar_needs_portrait_consent()
    {
        using var client = fixture.ClientFor();
        using var response = await client.PostAsJsonAsync("api/hosts/h4/qualification-checks", new
        {
            name = "王医生",
            idNumber = TestIdentities.AdultPerson(),
            professionalFields = new object[]
            {
                new { field = "medical", certificateNumber = "110000000001", validTo = Today.AddDays(-1).ToString("yyyy-MM-dd") },
                new { field = "legal", certificateNumber = (string?)null, validTo = Today.AddYears(1).ToString("yyyy-MM-dd") },
            },
            virtualAvatar = new { portraitOwnerConsent = false },
        });
        var decision = await DecisionAsync(response);

        Assert.Equal("rejected", decision.GetProperty("decision").GetString());
        var codes = Codes(decision);
        Assert.Equal(2, codes.Count(c => c == "PROFESSIONAL_QUALIFICATION_REQUIRED"));
        Assert.Contains("PORTRAIT_CONSENT_REQUIRED", codes);
    }

    [Fact]
    public async Task A_public_figure_or_overseas_host_otherwise_qualified_goes_to_manual_review()
    {
        using var client = fixture.ClientFor();
        using var response = await client.PostAsJsonAsync("api/hosts/h5/qualification-checks", new
        {
            name = "Alex Chan",
            idNumber = TestIdentities.Person(Today.AddYears(-40), region: "810000"),
            isPublicFigure = true,
            isOverseas = true,
        });
        var decision = await DecisionAsync(response);

        Assert.Equal("manual_review", decision.GetProperty("decision").GetString());
        Assert.Contains("ADVANCE_REPORT_REQUIRED", Codes(decision));
    }

    [Fact]
    public async Task Malformed_id_numbers_are_a_rejection_but_lower_case_x_and_spaces_are_accepted()
    {
        using var client = fixture.ClientFor();
        using var bad = await client.PostAsJsonAsync("api/hosts/h6/qualification-checks", new { name = "甲", idNumber = "110105194902300021" });
        Assert.Equal(["ID_NUMBER_INVALID"], Codes(await DecisionAsync(bad)));

        var withX = "11010519491231002X";
        TestIdentities.Issued.Add(withX);
        using var lower = await client.PostAsJsonAsync("api/hosts/h7/qualification-checks", new { name = "乙", idNumber = "  " + withX.ToLowerInvariant() + " " });
        var decision = await DecisionAsync(lower);
        Assert.Equal("approved", decision.GetProperty("decision").GetString());
        Assert.DoesNotContain(withX[6..14], decision.ToString());
    }

    [Fact]
    public async Task A_blacklisted_person_is_rejected_under_any_host_id_and_a_blacklisted_entity_under_any_merchant_id()
    {
        using var client = fixture.ClientFor();
        var person = TestIdentities.AdultPerson();
        var company = TestIdentities.CreditCode();

        using var first = await client.PostAsJsonAsync("api/hosts/old-account/qualification-checks", new { name = "钱五", idNumber = person });
        Assert.Equal("approved", (await DecisionAsync(first)).GetProperty("decision").GetString());

        using var listed = await client.PostAsJsonAsync("api/blacklist", new { subjectType = "person", idNumber = person, reason = "repeated false advertising" });
        Assert.Equal(HttpStatusCode.Created, listed.StatusCode);
        var entry = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement;
        Assert.DoesNotContain(person[6..14], entry.ToString());
        using var listedEntity = await client.PostAsJsonAsync("api/blacklist", new { subjectType = "entity", creditCode = company, reason = "counterfeit goods" });
        Assert.Equal(HttpStatusCode.Created, listedEntity.StatusCode);

        using var again = await client.PostAsJsonAsync("api/hosts/brand-new-account/qualification-checks", new { name = "钱五", idNumber = person.ToLowerInvariant() });
        Assert.Equal(["BLACKLISTED"], Codes(await DecisionAsync(again)));

        using var asRepresentative = await client.PostAsJsonAsync("api/merchants/new-shop/qualification-checks", Merchant(creditCode: company, repId: person, repName: "钱五"));
        var codes = Codes(await DecisionAsync(asRepresentative));
        Assert.Equal(2, codes.Count(c => c == "BLACKLISTED"));
    }

    [Fact]
    public async Task A_different_name_for_an_id_number_already_verified_is_a_name_mismatch()
    {
        using var client = fixture.ClientFor();
        var person = TestIdentities.AdultPerson();
        using var first = await client.PostAsJsonAsync("api/hosts/a/qualification-checks", new { name = "孙 六", idNumber = person });
        Assert.Equal("approved", (await DecisionAsync(first)).GetProperty("decision").GetString());

        using var sameName = await client.PostAsJsonAsync("api/hosts/b/qualification-checks", new { name = "孙  六 ", idNumber = person });
        Assert.Equal("approved", (await DecisionAsync(sameName)).GetProperty("decision").GetString());

        using var other = await client.PostAsJsonAsync("api/hosts/c/qualification-checks", new { name = "周七", idNumber = person });
        Assert.Equal(["NAME_MISMATCH"], Codes(await DecisionAsync(other)));
    }

    [Fact]
    public async Task A_stored_decision_is_returned_by_its_route_and_is_invisible_to_another_platform()
    {
        using var platformA = fixture.ClientFor();
        using var platformB = fixture.ClientFor();
        using var posted = await platformA.PostAsJsonAsync("api/hosts/h8/qualification-checks", new { name = "吴八", idNumber = TestIdentities.AdultPerson() });
        var decision = await DecisionAsync(posted);
        var checkId = decision.GetProperty("checkId").GetString();

        using var fetched = await platformA.GetAsync($"api/hosts/h8/qualification-checks/{checkId}");
        Assert.Equal(decision.ToString(), (await DecisionAsync(fetched)).ToString());

        using var foreign = await platformB.GetAsync($"api/hosts/h8/qualification-checks/{checkId}");
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "CHECK_NOT_FOUND");
        using var wrongAccount = await platformA.GetAsync($"api/merchants/h8/qualification-checks/{checkId}");
        await wrongAccount.AssertProblemAsync(HttpStatusCode.NotFound, "CHECK_NOT_FOUND");
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_response_and_stores_no_second_record()
    {
        using var client = fixture.ClientFor();
        var body = $$"""{"name":"郑九","idNumber":"{{TestIdentities.AdultPerson()}}"}""";

        async Task<HttpResponseMessage> PostAsync(string key, string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/hosts/h9/qualification-checks") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }

        using var first = await PostAsync("key-1", body);
        using var retry = await PostAsync("key-1", body);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());

        var platform = client.DefaultRequestHeaders.GetValues("X-Platform-Id").Single();
        var checks = await fixture.Azurite.CountRowsAsync("qualification", $"{platform}|host|h9", "check|");
        Assert.Equal(1, checks);

        using var reused = await PostAsync("key-1", body.Replace("郑九", "郑十", StringComparison.Ordinal));
        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
        Assert.Equal(1, await fixture.Azurite.CountRowsAsync("qualification", $"{platform}|host|h9", "check|"));
    }
}
