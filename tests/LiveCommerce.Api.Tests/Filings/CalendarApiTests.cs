using System.Net;
using System.Net.Http.Json;
using static LiveCommerce.Api.Tests.Filings.FilingApi;

namespace LiveCommerce.Api.Tests.Filings;

[Collection(LocalHostCollection.Name)]
public sealed class CalendarApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task The_official_years_are_built_in_and_a_later_year_is_not_published_until_loaded()
    {
        using var client = fixture.ClientFor();

        var year2025 = await ReadAsync(await client.GetAsync("api/calendars/cn/2025"), HttpStatusCode.OK);
        Assert.Equal("builtin", year2025.GetProperty("source").GetString());
        Assert.Equal(248, year2025.GetProperty("workingDays").GetInt32());
        Assert.Equal(["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"], Dates(year2025.GetProperty("makeUpWorkdays")));

        using var missing = await client.GetAsync("api/calendars/cn/2027");
        await missing.AssertProblemAsync(HttpStatusCode.NotFound, "CALENDAR_NOT_PUBLISHED");

        using var put = await client.PutAsJsonAsync("api/calendars/cn/2027", new
        {
            holidays = new[] { "2027-01-01", "2027-02-06", "2027-02-05" },
            makeUpWorkdays = new[] { "2027-02-13" },
        });
        var loaded = await ReadAsync(put, HttpStatusCode.OK);
        Assert.Equal(["2027-01-01", "2027-02-05", "2027-02-06"], Dates(loaded.GetProperty("holidays")));
        Assert.Equal("loaded", loaded.GetProperty("source").GetString());
        Assert.Equal(261 - 2 + 1, loaded.GetProperty("workingDays").GetInt32()); // 2027 has 261 weekdays; 02-06 is a Saturday
        Assert.Equal(loaded.ToString(), (await ReadAsync(await client.GetAsync("api/calendars/cn/2027"), HttpStatusCode.OK)).ToString());
    }

    [Fact]
    public async Task Every_invalid_entry_is_named_by_its_position()
    {
        using var client = fixture.ClientFor();
        using var response = await client.PutAsJsonAsync("api/calendars/cn/2027", new
        {
            holidays = new[] { "2027-01-01", "2027-13-01", "2027-10-01", "2026-10-01" },
            makeUpWorkdays = new[] { "2027-09-27", "2027-10-01" },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        problem.AssertFieldError("holidays[1]", "INVALID_FORMAT");
        problem.AssertFieldError("holidays[3]", "OUT_OF_RANGE");
        problem.AssertFieldError("makeUpWorkdays[0]", "INVALID_VALUE"); // a Monday
        problem.AssertFieldError("makeUpWorkdays[1]", "INVALID_VALUE"); // also a holiday, and a Friday

        using var year = await client.PutAsJsonAsync("api/calendars/cn/27", new { holidays = Array.Empty<string>(), makeUpWorkdays = Array.Empty<string>() });
        (await year.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("year", "INVALID_FORMAT");

        using var absent = await client.PutAsJsonAsync("api/calendars/cn/2027", new { holidays = Array.Empty<string>() });
        (await absent.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED")).AssertFieldError("makeUpWorkdays", "REQUIRED");
        await (await client.GetAsync("api/calendars/cn/2027")).AssertProblemAsync(HttpStatusCode.NotFound, "CALENDAR_NOT_PUBLISHED");
    }

    [Fact]
    public async Task A_platform_replacing_a_year_changes_its_own_deadlines_only()
    {
        using var platformA = fixture.ClientFor();
        using var platformB = fixture.ClientFor();

        // Platform A's 2026 with one more day off on Monday 2 March: its deadline moves a working day earlier.
        var builtin = await ReadAsync(await platformA.GetAsync("api/calendars/cn/2026"), HttpStatusCode.OK);
        var holidays = Dates(builtin.GetProperty("holidays")).Append("2026-03-02").ToArray();
        using var put = await platformA.PutAsJsonAsync("api/calendars/cn/2026", new { holidays, makeUpWorkdays = Dates(builtin.GetProperty("makeUpWorkdays")) });
        Assert.Equal(builtin.GetProperty("workingDays").GetInt32() - 1, (await ReadAsync(put, HttpStatusCode.OK)).GetProperty("workingDays").GetInt32());

        var a = await CreateAsync(platformA, "spring", Event("2026-03-03T20:00:00+08:00"));
        var b = await CreateAsync(platformB, "spring", Event("2026-03-03T20:00:00+08:00"));
        Assert.Equal("2026-02-03", a.GetProperty("filingDeadline").GetString());
        Assert.Equal("2026-02-04", b.GetProperty("filingDeadline").GetString());
        Assert.Equal("builtin", (await ReadAsync(await platformB.GetAsync("api/calendars/cn/2026"), HttpStatusCode.OK)).GetProperty("source").GetString());
    }
}
