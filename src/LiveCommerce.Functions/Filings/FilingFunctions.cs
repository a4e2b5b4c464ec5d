using LiveCommerce.Functions.Workflows;
using LiveCommerce.Http.Filings;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LiveCommerce.Functions.Filings;

/// <summary>
/// The contract's "Themed event filings": one line per route over the shared handlers (the filing workflow, with its
/// reminders and escalation, is the shared class, registered once in LiveCommerceTasks).
/// </summary>
public sealed class FilingFunctions(
    CalendarEndpoints calendars,
    FilingEndpoints filings)
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
        string eventId,
        [DurableClient] DurableTaskClient durable) => filings.Create(request, eventId, new DurableWorkflowClient(durable));

    [Function("FilingReceipt")]
    public Task<IResult> RecordReceipt(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "events/{eventId}/filings/receipt")] HttpRequest request,
        string eventId,
        [DurableClient] DurableTaskClient durable) => filings.RecordReceipt(request, eventId, new DurableWorkflowClient(durable));

    [Function("FilingGet")]
    public Task<IResult> GetFiling(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "events/{eventId}/filings")] HttpRequest request,
        string eventId) => filings.Get(request, eventId);



}
