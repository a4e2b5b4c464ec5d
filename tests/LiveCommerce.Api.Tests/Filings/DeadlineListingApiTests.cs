using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static LiveCommerce.Api.Tests.Filings.FilingApi;

namespace LiveCommerce.Api.Tests.Filings;

/// <summary>The listings by date behind the console's deadline calendar: filings by deadline, disputes by respondBy.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class DeadlineListingApiTests(LocalHostFixture fixture)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));

    [Fact]
    public async Task Filings_are_listed_by_deadline_within_the_range_earliest_first_with_late_ones_marked_and_only_the_callers()
    {
        using var client = fixture.ClientFor();
        await LoadHypotheticalYearAsync(client, Now.Year + 1); // the far event's deadline lies in a year not built in
        var soon = await CreateAsync(client, "e-soon", Event(Now.AddDays(30).ToString("yyyy-MM-dd'T'10:00:00+08:00")));
        var late = await CreateAsync(client, "e-late", Event(Now.AddDays(3).ToString("yyyy-MM-dd'T'10:00:00+08:00")));
        await CreateAsync(client, "e-far", Event(Now.AddDays(200).ToString("yyyy-MM-dd'T'10:00:00+08:00")));
        using var other = fixture.ClientFor();
        await CreateAsync(other, "e-other", Event(Now.AddDays(30).ToString("yyyy-MM-dd'T'10:00:00+08:00")));

        var from = Now.AddDays(-40).ToString("yyyy-MM-dd");
        var to = Now.AddDays(60).ToString("yyyy-MM-dd");
        using var response = await client.GetAsync($"api/filings?from={from}&to={to}");
        var body = await ReadAsync(response, HttpStatusCode.OK);

        var listed = body.GetProperty("filings").EnumerateArray().ToList();
        Assert.Equal(["e-late", "e-soon"], listed.Select(f => f.GetProperty("eventId").GetString()));
        Assert.Equal("late", listed[0].GetProperty("status").GetString());
        Assert.Equal(late.GetProperty("filingDeadline").GetString(), listed[0].GetProperty("filingDeadline").GetString());
        Assert.Equal(soon.GetProperty("filingDeadline").GetString(), listed[1].GetProperty("filingDeadline").GetString());
        Assert.False(body.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Disputes_are_listed_by_respond_by_within_the_range()
    {
        using var client = fixture.ClientFor();
        using var started = await client.PostAsJsonAsync("api/disputes/d-listed/evidence-bundles", new
        {
            orderId = "o-1",
            purchasedAt = Now.AddHours(-1),
            sessionId = "s-1",
            roomId = "r-1",
            sku = "sku-1",
            consumerClaim = "not as described",
        });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        using var response = await client.GetAsync($"api/disputes?from={Now.AddDays(-1):yyyy-MM-dd}&to={Now.AddDays(60):yyyy-MM-dd}");
        var body = await ReadAsync(response, HttpStatusCode.OK);
        var dispute = Assert.Single(body.GetProperty("disputes").EnumerateArray());
        Assert.Equal("d-listed", dispute.GetProperty("disputeId").GetString());
        Assert.Equal("o-1", dispute.GetProperty("orderId").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", dispute.GetProperty("respondBy").GetString());

        using var before = await client.GetAsync($"api/disputes?from={Now.AddDays(-30):yyyy-MM-dd}&to={Now.AddDays(-2):yyyy-MM-dd}");
        Assert.Empty((await ReadAsync(before, HttpStatusCode.OK)).GetProperty("disputes").EnumerateArray());
    }

    [Theory]
    [InlineData("api/filings")]
    [InlineData("api/filings?from=2026-01-01")]
    [InlineData("api/filings?from=2026-13-01&to=2026-12-31")]
    [InlineData("api/filings?from=2026-02-01&to=2026-01-01")]
    [InlineData("api/disputes?from=2024-01-01&to=2026-01-01")]
    public async Task A_missing_malformed_reversed_or_too_long_range_is_a_validation_problem(string path)
    {
        using var client = fixture.ClientFor();
        using var response = await client.GetAsync(path);
        var problem = await ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateArray());
    }
}
