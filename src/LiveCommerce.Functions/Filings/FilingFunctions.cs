using LiveCommerce.Http.Filings;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveCommerce.Functions.Filings;

/// <summary>The contract's "Themed event filings" routes: one line each over the shared handlers.</summary>
public sealed class FilingFunctions(CalendarEndpoints calendars, FilingEndpoints filings)
{
    [Function("CalendarYearPut")]
    public Task<IResult> PutCalendarYear(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "calendars/cn/{year}")] HttpRequest request,
        string year) => calendars.Put(request, year);

    [Function("CalendarYearGet")]
    public Task<IResult> GetCalendarYear(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "calendars/cn/{year}")] HttpRequest request,
        string year) => calendars.Get(request, year);

    [Function("FilingCreate")]
    public Task<IResult> CreateFiling(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "events/{eventId}/filings")] HttpRequest request,
        string eventId) => filings.Create(request, eventId);

    [Function("FilingReceipt")]
    public Task<IResult> RecordReceipt(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "events/{eventId}/filings/receipt")] HttpRequest request,
        string eventId) => filings.RecordReceipt(request, eventId);

    [Function("FilingGet")]
    public Task<IResult> GetFiling(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "events/{eventId}/filings")] HttpRequest request,
        string eventId) => filings.Get(request, eventId);
}
