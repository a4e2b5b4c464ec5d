using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Testing;
using static LiveCommerce.Api.Tests.Cases.CaseWire;

namespace LiveCommerce.Api.Tests.Cases;

[Collection(LocalHostCollection.Name)]
public sealed class ReviewCaseApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task A_manual_review_opens_a_case_that_a_reviewer_assigns_to_herself_and_approves_into_a_new_review_record()
    {
        var wire = new CaseWire(fixture);
        using var platform = wire.PlatformApi();
        using var reviewer = wire.Staff("rev-li");
        var check = await CheckPublicFigureAsync(platform, "h1");

        var opened = await OpenCaseOfAsync(reviewer, "h1");
        var caseId = Str(opened, "caseId");
        Assert.Equal("host_qualification", Str(opened, "kind"));
        Assert.Equal("open", Str(opened, "status"));
        Assert.Equal(Str(check, "checkId"), Str(opened, "checkId"));
        Assert.NotEmpty(opened.GetProperty("reasons").EnumerateArray());
        var openedOn = DateOnly.FromDateTime(DateTimeOffset.Parse(Str(opened, "openedAt")).ToOffset(TimeSpan.FromHours(8)).DateTime);
        var dueBy = DateOnly.Parse(Str(opened, "dueBy"));
        Assert.True(dueBy.DayNumber - openedOn.DayNumber >= 3, $"due {dueBy} is not 3 working days after {openedOn}");
        Assert.False(opened.GetProperty("overdue").GetBoolean());

        // Platforms' systems do not see the queue, and cannot decide.
        await (await platform.GetAsync("api/review-cases")).AssertProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN_ROLE");
        await (await platform.PostAsJsonAsync($"api/review-cases/{caseId}/decision", new { decision = "approved", reasonCodes = Array.Empty<string>(), note = "ok" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN_ROLE");

        var assigned = await OkAsync(await reviewer.PostAsJsonAsync($"api/review-cases/{caseId}/assignment", new { }));
        Assert.Equal("rev-li", Str(assigned, "assignee"));
        Assert.Equal("assigned", Str(assigned, "status"));
        Assert.Single((await GetAsync(reviewer, "api/review-cases?status=assigned")).GetProperty("cases").EnumerateArray());

        var decided = await OkAsync(await reviewer.PostAsJsonAsync($"api/review-cases/{caseId}/decision", new { decision = "approved", reasonCodes = Array.Empty<string>(), note = "Agency contract seen." }));
        Assert.Equal("decided", Str(decided, "status"));
        Assert.Equal("rev-li", Str(decided.GetProperty("decision"), "decidedBy"));
        var recordId = Str(decided.GetProperty("decision"), "reviewRecordId");

        // The decision is a review record of its own, and the account's standing follows it.
        var record = await GetAsync(platform, $"api/hosts/h1/qualification-checks/{recordId}");
        Assert.Equal("approved", Str(record, "decision"));
        Assert.Equal("manual_review", Str(record, "trigger"));
        Assert.Equal("rev-li", Str(record, "reviewedBy"));
        Assert.Equal(Str(check, "checkId"), Str(record, "previousCheckId"));
        var standing = await GetAsync(platform, "api/hosts/h1/qualification");
        Assert.Equal("current", Str(standing, "status"));
        Assert.Equal(recordId, Str(standing, "checkId"));
        Assert.True(DateTimeOffset.Parse(Str(standing, "validUntil")) > DateTimeOffset.UtcNow.AddDays(170));

        await (await reviewer.PostAsJsonAsync($"api/review-cases/{caseId}/decision", new { decision = "rejected", reasonCodes = new[] { "FAKE" }, note = "no" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "CASE_ALREADY_DECIDED");
        await (await reviewer.PostAsJsonAsync($"api/review-cases/{caseId}/assignment", new { assignee = "rev-wang" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "CASE_ALREADY_DECIDED");

        // What the console shows: the check's reasons, the account's history and the case's own.
        var detail = await GetAsync(reviewer, $"api/review-cases/{caseId}");
        Assert.Equal([Str(check, "checkId"), recordId], detail.GetProperty("accountHistory").EnumerateArray().Select(h => Str(h, "checkId")));
        Assert.Equal(["opened", "assigned", "approved"], detail.GetProperty("events").EnumerateArray().Select(e => Str(e, "type")));
        Assert.Equal(0, detail.GetProperty("ratingFile").GetProperty("violationCount").GetInt32());
    }

    [Fact]
    public async Task Asking_for_documents_waits_for_the_platform_and_its_next_check_joins_the_same_case_which_a_rejection_then_closes()
    {
        var wire = new CaseWire(fixture);
        using var platform = wire.PlatformApi();
        using var reviewer = wire.Staff("rev-zhao");
        var person = TestIdentities.AdultPerson();
        await CheckPublicFigureAsync(platform, "h2", person);
        var caseId = Str(await OpenCaseOfAsync(reviewer, "h2"), "caseId");

        await (await reviewer.PostAsJsonAsync($"api/review-cases/{caseId}/decision", new { decision = "needs_more_information", reasonCodes = Array.Empty<string>(), note = "n" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var waiting = await OkAsync(await reviewer.PostAsJsonAsync($"api/review-cases/{caseId}/decision",
            new { decision = "needs_more_information", reasonCodes = Array.Empty<string>(), note = "Send the agency contract.", missingItems = new[] { "agency_contract" } }));
        Assert.Equal("awaiting_information", Str(waiting, "status"));
        Assert.Equal(["agency_contract"], waiting.GetProperty("decision").GetProperty("missingItems").EnumerateArray().Select(i => i.GetString()));

        var again = await CheckPublicFigureAsync(platform, "h2", person);
        var joined = await OpenCaseOfAsync(reviewer, "h2");
        Assert.Equal(caseId, Str(joined, "caseId"));
        Assert.Equal("open", Str(joined, "status"));
        Assert.Equal(Str(again, "checkId"), Str(joined, "checkId"));

        await (await reviewer.PostAsJsonAsync($"api/review-cases/{caseId}/decision", new { decision = "rejected", reasonCodes = Array.Empty<string>(), note = "n" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var rejected = await OkAsync(await reviewer.PostAsJsonAsync($"api/review-cases/{caseId}/decision", new { decision = "rejected", reasonCodes = new[] { "CONTRACT_FORGED" }, note = "The contract is forged." }));
        Assert.Equal("decided", Str(rejected, "status"));

        var standing = await GetAsync(platform, "api/hosts/h2/qualification");
        Assert.Equal("not_approved", Str(standing, "status"));
        var record = await GetAsync(platform, $"api/hosts/h2/qualification-checks/{Str(standing, "checkId")}");
        Assert.Equal("rejected", Str(record, "decision"));
        Assert.Equal(Str(rejected.GetProperty("decision"), "reviewRecordId"), Str(record, "checkId"));
        Assert.Equal(["CONTRACT_FORGED"], record.GetProperty("reasons").EnumerateArray().Select(r => Str(r, "code")));

        // The rejection is a violation on the host's rating file, and the default policy suggests a warning.
        var file = await GetAsync(platform, "api/hosts/h2/rating-file");
        Assert.Equal(1, file.GetProperty("violationCount").GetInt32());
        Assert.Equal("case_rejected", Str(file.GetProperty("violations")[0], "kind"));
        Assert.Equal("warning", Str(file, "suggestedMeasure"));
        Assert.True(file.GetProperty("suggestionOnly").GetBoolean());
        Assert.Empty((await GetAsync(platform, "api/sanctions?subject=host:h2")).GetProperty("sanctions").EnumerateArray());

        // A new manual review after the decision opens a new case.
        await CheckPublicFigureAsync(platform, "h2", person);
        Assert.NotEqual(caseId, Str(await OpenCaseOfAsync(reviewer, "h2"), "caseId"));
    }

    [Fact]
    public async Task An_approval_the_rules_now_reject_is_refused_with_the_reasons()
    {
        var wire = new CaseWire(fixture);
        using var platform = wire.PlatformApi();
        using var reviewer = wire.Staff("rev-qian");
        var person = TestIdentities.AdultPerson();
        await CheckPublicFigureAsync(platform, "h3", person);
        var caseId = Str(await OpenCaseOfAsync(reviewer, "h3"), "caseId");
        (await platform.PostAsJsonAsync("api/blacklist", new { subjectType = "person", idNumber = person, reason = "fraud" })).EnsureSuccessStatusCode();

        var refused = await (await reviewer.PostAsJsonAsync($"api/review-cases/{caseId}/decision", new { decision = "approved", reasonCodes = Array.Empty<string>(), note = "ok" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "APPROVAL_NOT_POSSIBLE");
        Assert.Contains(refused.GetProperty("reasons").EnumerateArray(), r => Str(r, "code") == "BLACKLISTED");
        Assert.Equal("open", Str(await GetAsync(reviewer, $"api/review-cases/{caseId}"), "status"));
    }

    [Fact]
    public async Task Cases_of_one_platform_are_invisible_to_another_and_unknown_cases_are_404()
    {
        var wire = new CaseWire(fixture);
        using var platform = wire.PlatformApi();
        await CheckPublicFigureAsync(platform, "h4");
        using var ours = wire.Staff("rev-a");
        var caseId = Str(await OpenCaseOfAsync(ours, "h4"), "caseId");

        using var theirs = new CaseWire(fixture).Staff("rev-b");
        Assert.Empty((await GetAsync(theirs, "api/review-cases")).GetProperty("cases").EnumerateArray());
        await (await theirs.GetAsync($"api/review-cases/{caseId}")).AssertProblemAsync(HttpStatusCode.NotFound, "CASE_NOT_FOUND");
        await (await theirs.PostAsJsonAsync($"api/review-cases/{caseId}/decision", new { decision = "approved", reasonCodes = Array.Empty<string>() }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "CASE_NOT_FOUND");
        await (await ours.GetAsync("api/review-cases/rc_nope")).AssertProblemAsync(HttpStatusCode.NotFound, "CASE_NOT_FOUND");
    }

    [Fact]
    public async Task The_due_count_is_a_platform_setting_and_a_case_past_its_due_date_is_overdue_at_a_glance()
    {
        // Its own storage: a second host with a moved clock reads the same cases.
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var today = await LocalHostProcess.StartAsync(azurite.ConnectionString);
        var platform = LocalHostFixture.NewPlatform();
        using (var admin = today.CreateClientAs(platform, "admin-1", Admin))
        using (var reviewer = today.CreateClientAs(platform, "rev-1", Reviewer))
        using (var api = today.CreateClient(platform))
        {
            Assert.Equal(3, (await GetAsync(admin, "api/review-case-settings")).GetProperty("dueWorkingDays").GetInt32());
            await (await reviewer.PutAsJsonAsync("api/review-case-settings", new { dueWorkingDays = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN_ROLE");
            var set = await OkAsync(await admin.PutAsJsonAsync("api/review-case-settings", new { dueWorkingDays = 1 }));
            Assert.Equal(1, set.GetProperty("version").GetInt32());
            Assert.Equal("admin-1", Str(set, "setBy"));

            await CheckPublicFigureAsync(api, "h5");
            var opened = await OpenCaseOfAsync(reviewer, "h5");
            var openedOn = DateOnly.FromDateTime(DateTimeOffset.Parse(Str(opened, "openedAt")).ToOffset(TimeSpan.FromHours(8)).DateTime);
            Assert.InRange(DateOnly.Parse(Str(opened, "dueBy")).DayNumber - openedOn.DayNumber, 1, 12);
            Assert.Empty((await GetAsync(reviewer, "api/review-cases?overdue=true")).GetProperty("cases").EnumerateArray());
        }

        await today.KillAsync();
        await using var later = await LocalHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string> { ["LocalHost:ClockOffset"] = "20.00:00:00" });
        using var laterReviewer = later.CreateClientAs(platform, "rev-1", Reviewer);
        var overdue = Assert.Single((await GetAsync(laterReviewer, "api/review-cases?overdue=true")).GetProperty("cases").EnumerateArray());
        Assert.True(overdue.GetProperty("overdue").GetBoolean());
        Assert.Equal("h5", Str(overdue.GetProperty("subject"), "hostId"));
    }
}
