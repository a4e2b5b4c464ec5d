using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Testing;
using static LiveCommerce.Api.Tests.Cases.CaseWire;

namespace LiveCommerce.Api.Tests.Cases;

/// <summary>The case workflow on the engine: the reminder and the escalation happen by durable timers, once.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class ReviewCaseWorkflowApiTests
{
    private static async Task<IReadOnlyList<string>> EventTypesAsync(HttpClient reviewer, string caseId) =>
        [.. (await GetAsync(reviewer, $"api/review-cases/{caseId}")).GetProperty("events").EnumerateArray().Select(e => Str(e, "type"))];

    [Fact]
    public async Task A_case_past_its_due_date_is_reminded_then_escalated_by_its_workflow_and_a_decision_ends_it()
    {
        // A host whose clock runs 10 days behind opens the case: its reminder and escalation instants are already in
        // the real past, so the durable timers fire at once.
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string> { ["LocalHost:ClockOffset"] = "-10.00:00:00" });
        var platform = LocalHostFixture.NewPlatform();
        using var api = host.CreateClient(platform);
        using var reviewer = host.CreateClientAs(platform, "rev-1", Reviewer);
        await CheckPublicFigureAsync(api, "h1");
        var caseId = Str(await OpenCaseOfAsync(reviewer, "h1"), "caseId");

        var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
        IReadOnlyList<string> types;
        do
        {
            await Task.Delay(500);
            types = await EventTypesAsync(reviewer, caseId);
        }
        while (!types.Contains("overdue") && DateTimeOffset.UtcNow < deadline);

        Assert.Equal(["opened", "reminded", "overdue"], types);
        await OkAsync(await reviewer.PostAsJsonAsync($"api/review-cases/{caseId}/decision", new { decision = "approved", reasonCodes = Array.Empty<string>(), note = "late but fine" }));
        Assert.Equal("current", Str(await GetAsync(api, "api/hosts/h1/qualification"), "status"));
        Assert.Equal(["opened", "reminded", "overdue", "approved"], await EventTypesAsync(reviewer, caseId));
    }
}
