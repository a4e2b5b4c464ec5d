using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LiveCommerce.Api.Tests.Screening;

[Collection(LocalHostCollection.Name)]
public sealed class ScreeningApiTests(LocalHostFixture fixture)
{
    private static readonly object[] List =
    [
        new { term = "电子烟", category = "tobacco", severity = "prohibited" },
        new { term = "vape", category = "tobacco", severity = "prohibited" },
        new { term = "保健品", category = "health_food", severity = "restricted", requiredLicence = "food_business_licence" },
    ];

    private static async Task<int> PutListAsync(HttpClient client, string listId, object[] entries)
    {
        using var response = await client.PutAsJsonAsync($"api/negative-lists/{listId}", new { entries });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("version").GetInt32();
    }

    private static async Task<JsonElement> ScreenAsync(HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync("api/product-screenings", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Verdict(JsonElement screening, string sku) =>
        screening.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("sku").GetString() == sku).GetProperty("verdict").GetString()!;

    [Fact]
    public async Task Each_put_makes_a_new_version_and_screening_uses_the_one_asked_for_or_the_latest()
    {
        using var client = fixture.ClientFor();
        Assert.Equal(1, await PutListAsync(client, "main", [List[0]]));
        Assert.Equal(2, await PutListAsync(client, "main", [List[1]]));

        var item = new { sku = "sku-1", title = "新款电子烟 vape pen" };
        var latest = await ScreenAsync(client, new { listId = "main", items = new[] { item } });
        Assert.Equal(2, latest.GetProperty("listVersion").GetInt32());
        var match = latest.GetProperty("results")[0].GetProperty("matches").EnumerateArray().Single();
        Assert.Equal("vape", match.GetProperty("term").GetString());

        var first = await ScreenAsync(client, new { listId = "main", listVersion = 1, items = new[] { item } });
        Assert.Equal(1, first.GetProperty("listVersion").GetInt32());
        Assert.Equal("电子烟", first.GetProperty("results")[0].GetProperty("matches")[0].GetProperty("term").GetString());
    }

    [Fact]
    public async Task Evasions_are_caught_and_offsets_index_the_original_field_text()
    {
        using var client = fixture.ClientFor();
        await PutListAsync(client, "l", List);
        var title = "限时 電 子*煙 特价";
        var screening = await ScreenAsync(client, new
        {
            listId = "l",
            items = new[] { new { sku = "a", title, brand = "ＶＡＰＥ", description = "普通商品" } },
        });

        Assert.Equal("prohibited", Verdict(screening, "a"));
        var matches = screening.GetProperty("results")[0].GetProperty("matches").EnumerateArray().ToList();
        var inTitle = matches.Single(m => m.GetProperty("field").GetString() == "title");
        var start = inTitle.GetProperty("start").GetInt32();
        var length = inTitle.GetProperty("length").GetInt32();
        Assert.Equal("電 子*煙", title.Substring(start, length));
        Assert.Equal("電 子*煙", inTitle.GetProperty("matchedText").GetString());
        Assert.Contains(matches, m => m.GetProperty("field").GetString() == "brand" && m.GetProperty("term").GetString() == "vape");
    }

    [Fact]
    public async Task A_restricted_term_is_allowed_only_for_a_merchant_holding_a_current_licence()
    {
        using var client = fixture.ClientFor();
        await PutListAsync(client, "l", List);
        var today = TestIdentities.TodayInShanghai;
        async Task QualifyAsync(string merchantId, object[] licences) =>
            (await client.PostAsJsonAsync($"api/merchants/{merchantId}/qualification-checks", new
            {
                legalName = "x",
                creditCode = TestIdentities.CreditCode(),
                legalRepresentative = new { name = "法人", idNumber = TestIdentities.AdultPerson() },
                categories = new[] { "general" },
                licences,
            })).EnsureSuccessStatusCode();
        await QualifyAsync("licensed", [new { type = "food_business_licence", number = "JY1", validFrom = today.AddYears(-1).ToString("yyyy-MM-dd"), validTo = today.AddYears(1).ToString("yyyy-MM-dd") }]);
        await QualifyAsync("unlicensed", []);

        var items = new[] { new { sku = "s", title = "进口保健品礼盒" } };
        Assert.Equal("allowed", Verdict(await ScreenAsync(client, new { listId = "l", merchantId = "licensed", items }), "s"));
        Assert.Equal("restricted", Verdict(await ScreenAsync(client, new { listId = "l", merchantId = "unlicensed", items }), "s"));
        Assert.Equal("restricted", Verdict(await ScreenAsync(client, new { listId = "l", merchantId = "never-checked", items }), "s"));
        Assert.Equal("review", Verdict(await ScreenAsync(client, new { listId = "l", items }), "s"));
    }

    [Fact]
    public async Task Lists_are_per_platform_and_unknown_lists_are_404()
    {
        using var platformA = fixture.ClientFor();
        using var platformB = fixture.ClientFor();
        await PutListAsync(platformA, "private", List);

        using var foreign = await platformB.PostAsJsonAsync("api/product-screenings", new { listId = "private", items = new[] { new { sku = "x", title = "电子烟" } } });
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "LIST_NOT_FOUND");
        using var noVersion = await platformA.PostAsJsonAsync("api/product-screenings", new { listId = "private", listVersion = 9, items = new[] { new { sku = "x", title = "y" } } });
        await noVersion.AssertProblemAsync(HttpStatusCode.NotFound, "LIST_VERSION_NOT_FOUND");
    }

    [Fact]
    public async Task Bad_input_is_a_problem_and_more_than_10000_items_is_413()
    {
        using var client = fixture.ClientFor();
        await PutListAsync(client, "l", List);

        using var badList = await client.PutAsJsonAsync("api/negative-lists/l", new { entries = new object[] { new { term = "x", category = "c", severity = "forbidden" }, new { category = "c", severity = "restricted", requiredLicence = "fishing" } } });
        var problem = await badList.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("entries[0].severity", "INVALID_VALUE");
        problem.AssertFieldError("entries[1].term", "REQUIRED");
        problem.AssertFieldError("entries[1].requiredLicence", "INVALID_VALUE");

        using var missing = await client.PostAsJsonAsync("api/product-screenings", new { items = new[] { new { title = "t" } } });
        var missingProblem = await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        missingProblem.AssertFieldError("listId", "REQUIRED");
        missingProblem.AssertFieldError("items[0].sku", "REQUIRED");

        var many = Enumerable.Range(0, 10_001).Select(i => new { sku = $"s{i}", title = "t" }).ToArray();
        using var tooMany = await client.PostAsJsonAsync("api/product-screenings", new { listId = "l", items = many });
        await tooMany.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");

        // The list's stored versions are untouched by the rejected PUT.
        var current = await client.GetFromJsonAsync<JsonElement>("api/negative-lists/l");
        Assert.Equal(1, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_full_batch_of_10000_items_is_screened_and_replayed_by_its_idempotency_key()
    {
        using var client = fixture.ClientFor();
        await PutListAsync(client, "l", List);
        var items = Enumerable.Range(0, 10_000).Select(i => new { sku = $"s{i}", title = i % 100 == 0 ? "电子烟套装" : "纯棉T恤 夏季新款", description = "舒适透气" }).ToArray();
        var json = JsonSerializer.Serialize(new { listId = "l", items }, JsonSerializerOptions.Web);

        async Task<string> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/product-screenings") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", "batch-1");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        var first = await PostAsync();
        var results = JsonDocument.Parse(first).RootElement.GetProperty("results");
        Assert.Equal(10_000, results.GetArrayLength());
        Assert.Equal(100, results.EnumerateArray().Count(r => r.GetProperty("verdict").GetString() == "prohibited"));

        await PutListAsync(client, "l", [List[2]]); // a new version must not change the replay
        Assert.Equal(first, await PostAsync());
    }

    private static JsonElement Result(JsonElement screening, string sku) =>
        screening.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("sku").GetString() == sku);

    [Fact]
    public async Task Matches_say_how_they_were_found_and_the_default_rules_decide_by_kind()
    {
        using var client = fixture.ClientFor();
        await PutListAsync(client, "evasion", [List[0], new { term = "枪支", category = "weapons", severity = "prohibited" }]);
        var screening = await ScreenAsync(client, new
        {
            listId = "evasion",
            items = new object[]
            {
                new { sku = "exact", title = "电子烟" },
                new { sku = "pinyin", title = "正品 dian zi yan 批发" },
                new { sku = "homophone", title = "电子湮" },
                new { sku = "initials", title = "dzy 现货" },
                new { sku = "split", title = "木仓支" },
                new { sku = "two-words", title = "儿童水枪 支持七天无理由" },
            },
        });

        var exact = Result(screening, "exact").GetProperty("matches")[0];
        Assert.Equal(("exact", 1.0, "block"), (exact.GetProperty("kind").GetString(), exact.GetProperty("confidence").GetDouble(), exact.GetProperty("effect").GetString()));

        var pinyin = Result(screening, "pinyin");
        Assert.Equal("prohibited", pinyin.GetProperty("verdict").GetString());
        var pinyinMatch = pinyin.GetProperty("matches")[0];
        Assert.Equal("pinyin", pinyinMatch.GetProperty("kind").GetString());
        Assert.Equal("dian zi yan", "正品 dian zi yan 批发".Substring(pinyinMatch.GetProperty("start").GetInt32(), pinyinMatch.GetProperty("length").GetInt32()));
        Assert.InRange(pinyinMatch.GetProperty("confidence").GetDouble(), 0.6, 0.99);

        Assert.Equal("review", Verdict(screening, "homophone"));
        Assert.Equal("homophone", Result(screening, "homophone").GetProperty("matches")[0].GetProperty("kind").GetString());

        Assert.Equal("allowed", Verdict(screening, "initials"));
        var initials = Result(screening, "initials").GetProperty("matches")[0];
        Assert.Equal(("initials", "inform"), (initials.GetProperty("kind").GetString(), initials.GetProperty("effect").GetString()));

        Assert.Equal("prohibited", Verdict(screening, "split"));
        Assert.Equal("split", Result(screening, "split").GetProperty("matches")[0].GetProperty("kind").GetString());

        Assert.Equal("allowed", Verdict(screening, "two-words"));
        Assert.Equal(0, Result(screening, "two-words").GetProperty("matches").GetArrayLength());
    }

    [Fact]
    public async Task A_list_version_s_verdict_rules_decide_which_kinds_block_review_or_inform()
    {
        using var client = fixture.ClientFor();
        await PutListAsync(client, "rules", [List[0]]);
        using (var put = await client.PutAsJsonAsync("api/negative-lists/rules", new
        {
            entries = new[] { List[0] },
            verdictRules = new { kinds = new Dictionary<string, string> { ["initials"] = "block", ["homophone"] = "inform", ["pinyin"] = "review" }, minBlockConfidence = 0.3 },
        }))
        {
            var body = JsonDocument.Parse(await put.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal("block", body.GetProperty("verdictRules").GetProperty("kinds").GetProperty("initials").GetString());
            Assert.Equal("block", body.GetProperty("verdictRules").GetProperty("kinds").GetProperty("split").GetString()); // a default kept
            Assert.Equal(0.3, body.GetProperty("verdictRules").GetProperty("minBlockConfidence").GetDouble());
        }

        var items = new[] { new { sku = "i", title = "dzy 现货" }, new { sku = "h", title = "电子湮" }, new { sku = "p", title = "dianziyan" } };
        var v2 = await ScreenAsync(client, new { listId = "rules", items });
        Assert.Equal(("prohibited", "allowed", "review"), (Verdict(v2, "i"), Verdict(v2, "h"), Verdict(v2, "p")));

        // Version 1 was put without rules: the defaults still decide for it.
        var v1 = await ScreenAsync(client, new { listId = "rules", listVersion = 1, items });
        Assert.Equal(("allowed", "review", "prohibited"), (Verdict(v1, "i"), Verdict(v1, "h"), Verdict(v1, "p")));
        var got = await client.GetFromJsonAsync<JsonElement>("api/negative-lists/rules?version=1");
        Assert.Equal("inform", got.GetProperty("verdictRules").GetProperty("kinds").GetProperty("initials").GetString());
        Assert.Equal(0.6, got.GetProperty("verdictRules").GetProperty("minBlockConfidence").GetDouble());
    }

    [Fact]
    public async Task Unknown_kinds_effects_or_confidences_in_verdict_rules_are_a_problem()
    {
        using var client = fixture.ClientFor();
        using var response = await client.PutAsJsonAsync("api/negative-lists/bad-rules", new
        {
            entries = new[] { List[0] },
            verdictRules = new { kinds = new Dictionary<string, string> { ["soundalike"] = "block", ["initials"] = "forbid" }, minBlockConfidence = 1.5 },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("verdictRules.kinds.soundalike", "INVALID_VALUE");
        problem.AssertFieldError("verdictRules.kinds.initials", "INVALID_VALUE");
        problem.AssertFieldError("verdictRules.minBlockConfidence", "OUT_OF_RANGE");
        using var missing = await client.GetAsync("api/negative-lists/bad-rules");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
