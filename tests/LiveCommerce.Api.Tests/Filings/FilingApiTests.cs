using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using LiveCommerce.Testing;
using static LiveCommerce.Api.Tests.Filings.FilingApi;

namespace LiveCommerce.Api.Tests.Filings;

[Collection(LocalHostCollection.Name)]
public sealed class FilingApiTests(LocalHostFixture fixture)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    // Spring Festival 2026 (02-15..23 off; Saturdays 02-14 and 02-28 worked).
    [InlineData("2026-03-03T20:00:00+08:00", "2026-02-04", "2026-01-28", "2026-02-02", "2026-02-04")]
    [InlineData("2026-03-10T20:00:00+08:00", "2026-02-11", "2026-02-04", "2026-02-09", "2026-02-11")]
    // National Day 2026 (10-01..07 off; Sunday 09-20 and Saturday 10-10 worked): the deadline is the make-up Sunday.
    [InlineData("2026-10-16T19:30:00+08:00", "2026-09-20", "2026-09-14", "2026-09-17", "2026-09-20")]
    // National Day 2025 (10-01..08 off; Sunday 09-28 and Saturday 10-11 worked).
    [InlineData("2025-10-20T10:00:00+08:00", "2025-09-23", "2025-09-16", "2025-09-19", "2025-09-23")]
    // 16:30Z on 10-15 is already 10-16 in Shanghai: the event day is its Shanghai date.
    [InlineData("2026-10-15T16:30:00Z", "2026-09-20", "2026-09-14", "2026-09-17", "2026-09-20")]
    public async Task Deadlines_and_reminders_follow_the_official_calendar_around_holidays(
        string startsAt, string deadline, string fiveLeft, string twoLeft, string lastDay)
    {
        using var client = fixture.ClientFor();

        var filing = await CreateAsync(client, "e1", Event(startsAt));

        Assert.Equal(deadline, filing.GetProperty("filingDeadline").GetString());
        Assert.Equal([fiveLeft, twoLeft, lastDay], Dates(filing.GetProperty("reminders")));
        Assert.Equal("late", filing.GetProperty("status").GetString()); // these deadlines are behind us: recorded, as late
        Assert.EndsWith("+08:00", filing.GetProperty("startsAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_2027_event_needs_the_2027_calendar_and_is_filed_once_it_is_loaded()
    {
        using var client = fixture.ClientFor();
        var body = Event("2027-03-15T20:00:00+08:00");

        using var refused = await PostAsync(client, "api/events/e2027/filings", body);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "CALENDAR_NOT_PUBLISHED");
        Assert.Equal([2027], problem.GetProperty("missingYears").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Contains("2027", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await client.GetAsync("api/events/e2027/filings")).AssertProblemAsync(HttpStatusCode.NotFound, "FILING_NOT_FOUND");

        await LoadHypotheticalYearAsync(client, 2027);
        var filing = await CreateAsync(client, "e2027", body);
        Assert.Equal("2027-02-22", filing.GetProperty("filingDeadline").GetString());

        // Another platform has not loaded 2027.
        using var other = fixture.ClientFor();
        (await (await PostAsync(other, "api/events/e2027/filings", body)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "CALENDAR_NOT_PUBLISHED"))
            .GetProperty("missingYears");
    }

    [Fact]
    public async Task An_event_early_in_an_unloaded_year_names_every_missing_year()
    {
        using var client = fixture.ClientFor();
        using var response = await PostAsync(client, "api/events/e2028/filings", Event("2028-01-05T20:00:00+08:00"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "CALENDAR_NOT_PUBLISHED");
        Assert.Equal([2027, 2028], problem.GetProperty("missingYears").EnumerateArray().Select(y => y.GetInt32()));
    }

    [Fact]
    public async Task An_open_filing_reads_late_once_its_deadline_has_passed_even_before_any_escalation()
    {
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        using var client = fixture.Host.CreateClient(platform);
        var startsAt = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).Date.AddDays(45).AddHours(20);
        await LoadMissingYearsAsync(client, DateTime.UtcNow.Year, startsAt.Year);

        var filing = await CreateAsync(client, "soon", Event(new DateTimeOffset(startsAt, TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz")));
        Assert.Equal("open", filing.GetProperty("status").GetString());
        Assert.Equal("open", (await GetAsync(client, "soon")).GetProperty("status").GetString());

        // The same data seen 40 days later: past the deadline (at least 15 days before the event), with no receipt.
        await using var later = await LocalHostProcess.StartAsync(fixture.Azurite.ConnectionString, LocalHostProcess.Shifted("40.00:00:00"));
        using var laterClient = later.CreateClient(platform);
        Assert.Equal("late", (await GetAsync(laterClient, "soon")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_filing_recorded_after_its_deadline_is_escalated_on_the_queue_by_its_workflow()
    {
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        using var client = fixture.Host.CreateClient(platform);
        await CreateAsync(client, "missed", Event("2026-03-03T20:00:00+08:00"));

        var escalation = await FindQueuedAsync(m => m.GetProperty("platform").GetString() == platform);

        Assert.Equal("escalation", escalation.GetProperty("kind").GetString());
        Assert.Equal("2026-02-04", escalation.GetProperty("filingDeadline").GetString());
        Assert.Equal("2026-02-05T00:00:00+08:00", escalation.GetProperty("at").GetString());
        Assert.Equal($"filing:{platform}:missed:escalation", escalation.GetProperty("messageId").GetString());
    }

    [Fact]
    public async Task Public_figure_and_overseas_guests_add_advance_reports_due_with_the_filing()
    {
        using var client = fixture.ClientFor();
        var filing = await CreateAsync(client, "stars", Event(
            "2026-10-16T19:30:00+08:00",
            guests:
            [
                new { name = "明星甲", isPublicFigure = true, isOverseas = true },
                new { name = "嘉宾乙", isPublicFigure = false, isOverseas = false },
                new { name = "Guest C", isPublicFigure = false, isOverseas = true },
            ]));

        var reports = filing.GetProperty("advanceReports").EnumerateArray()
            .Select(r => (r.GetProperty("guestName").GetString(), r.GetProperty("reason").GetString(), r.GetProperty("dueBy").GetString()))
            .ToList();
        Assert.Equal(
            [("明星甲", "public_figure", "2026-09-20"), ("明星甲", "overseas", "2026-09-20"), ("Guest C", "overseas", "2026-09-20")],
            reports);
    }

    [Fact]
    public async Task A_receipt_files_the_filing_on_time_by_its_Shanghai_date_or_late_and_a_correction_re_decides()
    {
        using var client = fixture.ClientFor();
        await CreateAsync(client, "sf", Event("2026-03-03T20:00:00+08:00")); // deadline 2026-02-04

        using var onTime = await PostAsync(client, "api/events/sf/filings/receipt", new { receiptNumber = "ZJ-2026-0001", submittedAt = "2026-02-04T23:30:00+08:00" });
        var filed = await ReadAsync(onTime, HttpStatusCode.OK);
        Assert.Equal("filed", filed.GetProperty("status").GetString());
        Assert.Equal("ZJ-2026-0001", filed.GetProperty("receipt").GetProperty("receiptNumber").GetString());
        Assert.Equal("filed", (await GetAsync(client, "sf")).GetProperty("status").GetString());

        // 16:30Z on 02-04 is 00:30 on 02-05 in Shanghai: a day late.
        using var corrected = await PostAsync(client, "api/events/sf/filings/receipt", new { receiptNumber = "ZJ-2026-0001", submittedAt = "2026-02-04T16:30:00Z" });
        Assert.Equal("filed_late", (await ReadAsync(corrected, HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal("filed_late", (await GetAsync(client, "sf")).GetProperty("status").GetString());

        var platform = client.DefaultRequestHeaders.GetValues("X-Platform-Id").Single();
        Assert.Equal(2, await fixture.Azurite.CountRowsAsync("filings", $"{platform}|sf", "receipt|"));
    }

    [Fact]
    public async Task A_receipt_needs_a_filing_and_a_past_submission()
    {
        using var client = fixture.ClientFor();
        using var unknown = await PostAsync(client, "api/events/nothing/filings/receipt", new { receiptNumber = "R1", submittedAt = "2026-02-04T10:00:00+08:00" });
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "FILING_NOT_FOUND");

        await CreateAsync(client, "r", Event("2026-03-03T20:00:00+08:00"));
        using var future = await PostAsync(client, "api/events/r/filings/receipt", new { receiptNumber = "R1", submittedAt = DateTimeOffset.UtcNow.AddDays(2).ToString("O") });
        (await future.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("submittedAt", "OUT_OF_RANGE");

        using var missing = await PostRawAsync(client, "api/events/r/filings/receipt", "{}");
        var problem = await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("receiptNumber", "REQUIRED");
        problem.AssertFieldError("submittedAt", "REQUIRED");
    }

    [Fact]
    public async Task Another_platforms_filing_is_not_found()
    {
        using var owner = fixture.ClientFor();
        using var stranger = fixture.ClientFor();
        await CreateAsync(owner, "mine", Event("2026-03-03T20:00:00+08:00"));

        await (await stranger.GetAsync("api/events/mine/filings")).AssertProblemAsync(HttpStatusCode.NotFound, "FILING_NOT_FOUND");
        using var receipt = await PostAsync(stranger, "api/events/mine/filings/receipt", new { receiptNumber = "R1", submittedAt = "2026-02-01T10:00:00+08:00" });
        await receipt.AssertProblemAsync(HttpStatusCode.NotFound, "FILING_NOT_FOUND");
        Assert.Equal("late", (await GetAsync(owner, "mine")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_and_a_second_filing_for_the_event_is_a_conflict()
    {
        using var client = fixture.ClientFor();
        var body = Event("2026-10-16T19:30:00+08:00");

        using var first = await PostAsync(client, "api/events/idem/filings", body, "k-1");
        using var retry = await PostAsync(client, "api/events/idem/filings", body, "k-1");
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal("/api/events/idem/filings", retry.Headers.Location?.ToString());

        using var reused = await PostAsync(client, "api/events/idem/filings", Event("2026-10-17T19:30:00+08:00"), "k-1");
        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
        using var again = await PostAsync(client, "api/events/idem/filings", body);
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "FILING_EXISTS");
        using var otherKey = await PostAsync(client, "api/events/idem/filings", body, "k-2");
        await otherKey.AssertProblemAsync(HttpStatusCode.Conflict, "FILING_EXISTS");

        var platform = client.DefaultRequestHeaders.GetValues("X-Platform-Id").Single();
        Assert.Equal(1, await fixture.Azurite.CountRowsAsync("filings", $"{platform}|idem", "filing"));
    }

    [Fact]
    public async Task Content_and_settings_are_kept_as_given()
    {
        using var client = fixture.ClientFor();
        var json = """{"name":"n","startsAt":"2026-10-16T19:30:00+08:00","guests":[],"hostIds":["h1","h-2"],"content":{"a":[1,2.5,{"b":null}],"长":"文字"},"settings":{}}""";
        await ReadAsync(await PostRawAsync(client, "api/events/raw/filings", json), HttpStatusCode.Created);

        var filing = await GetAsync(client, "raw");
        Assert.Equal("""{"a":[1,2.5,{"b":null}],"长":"文字"}""", filing.GetProperty("content").GetRawText());
        Assert.Equal("{}", filing.GetProperty("settings").GetRawText());
        Assert.Equal(["h1", "h-2"], Dates(filing.GetProperty("hostIds")));
    }

    [Fact]
    public async Task Every_invalid_field_is_listed()
    {
        using var client = fixture.ClientFor();
        var json = """{"startsAt":"2026-10-16T19:30:00","guests":[{"name":"x","isPublicFigure":true},null],"hostIds":["ok","bad id","ok"],"content":"text"}""";
        using var response = await PostRawAsync(client, "api/events/bad/filings", json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("name", "REQUIRED");
        problem.AssertFieldError("startsAt", "INVALID_FORMAT");
        problem.AssertFieldError("guests[0].isOverseas", "REQUIRED");
        problem.AssertFieldError("guests[1]", "REQUIRED");
        problem.AssertFieldError("hostIds[1]", "INVALID_FORMAT");
        problem.AssertFieldError("hostIds[2]", "INVALID_VALUE");
        problem.AssertFieldError("content", "INVALID_TYPE");
        problem.AssertFieldError("settings", "REQUIRED");

        using var wrongType = await PostRawAsync(client, "api/events/bad/filings", """{"name":"n","startsAt":"2026-10-16T19:30:00+08:00","guests":[{"name":"x","isPublicFigure":"yes","isOverseas":false}],"hostIds":["h"],"content":{},"settings":{}}""");
        (await wrongType.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("guests[0].isPublicFigure", "INVALID_TYPE");

        var huge = $$$"""{"name":"n","startsAt":"2026-10-16T19:30:00+08:00","guests":[],"hostIds":["h"],"content":{"x":"{{{new string('a', 70_000)}}}"},"settings":{}}""";
        await (await PostRawAsync(client, "api/events/bad/filings", huge)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        await (await client.GetAsync("api/events/bad/filings")).AssertProblemAsync(HttpStatusCode.NotFound, "FILING_NOT_FOUND");
    }

    /// <summary>
    /// The first message on <c>filing-escalations</c> that matches, waiting for it. Messages are received (hidden for a
    /// minute, not deleted) so the whole queue is scanned, not only the 32 a peek shows; nothing else reads it here.
    /// </summary>
    private async Task<JsonElement> FindQueuedAsync(Func<JsonElement, bool> match)
    {
        var queue = new QueueClient(fixture.Azurite.ConnectionString, "filing-escalations", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var seen = new List<JsonElement>();
        // Generous: a fresh host takes its task hub partitions only after the lease interval, and the machine may be busy.
        for (var deadline = DateTime.UtcNow.AddSeconds(120); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value)
            {
                seen.Add(JsonDocument.Parse(message.Body.ToString()).RootElement.Clone());
            }

            if (seen.FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }
        }

        throw new TimeoutException($"No matching message on filing-escalations among {seen.Count}.");
    }

    /// <summary>Loads a made-up schedule for each year in the range that has no official one yet.</summary>
    private static async Task LoadMissingYearsAsync(HttpClient client, int from, int to)
    {
        for (var year = from; year <= to; year++)
        {
            using var found = await client.GetAsync($"api/calendars/cn/{year}");
            if (found.StatusCode == HttpStatusCode.NotFound)
            {
                await LoadHypotheticalYearAsync(client, year);
            }
        }
    }
}
