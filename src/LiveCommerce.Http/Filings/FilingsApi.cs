using LiveCommerce.Storage.Filings;
using LiveCommerce.Workflows;
using LiveCommerce.Workflows.Filings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Http.Filings;

/// <summary>Services and routes of the contract's "Themed event filings" section.</summary>
public static class FilingsApi
{
    public static IServiceCollection AddFilings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<FilingStore>();
        services.AddSingleton<CalendarEndpoints>();
        services.AddSingleton<FilingEndpoints>();

        // Reminders and escalation: the port the workflow's activities use (the tasks: LiveCommerceTasks).
        services.AddSingleton<IFilingNotices, FilingNoticeQueue>();
        return services;
    }

    public static RouteGroupBuilder MapFilings(this RouteGroupBuilder api)
    {
        api.MapPut("/calendars/cn/{year}", (HttpRequest r, string year, CalendarEndpoints h) => h.Put(r, year));
        api.MapGet("/calendars/cn/{year}", (HttpRequest r, string year, CalendarEndpoints h) => h.Get(r, year));
        api.MapPost("/events/{eventId}/filings", (HttpRequest r, string eventId, FilingEndpoints h, IWorkflowClient w) => h.Create(r, eventId, w));
        api.MapPost("/events/{eventId}/filings/receipt", (HttpRequest r, string eventId, FilingEndpoints h, IWorkflowClient w) => h.RecordReceipt(r, eventId, w));
        api.MapGet("/events/{eventId}/filings", (HttpRequest r, string eventId, FilingEndpoints h) => h.Get(r, eventId));
        api.MapGet("/filings", (HttpRequest r, FilingEndpoints h) => h.List(r));
        return api;
    }
}
