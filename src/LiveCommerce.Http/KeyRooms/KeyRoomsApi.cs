using LiveCommerce.Storage.KeyRooms;
using LiveCommerce.Workflows.KeyRooms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Http.KeyRooms;

/// <summary>Services and routes of the contract's "Key rooms and inspection scheduling" section and its extensions.</summary>
public static class KeyRoomsApi
{
    public static IServiceCollection AddKeyRooms(this IServiceCollection services)
    {
        services.AddSingleton<KeyRoomThresholdStore>();
        services.AddSingleton<KeyRoomEndpoints>();
        services.AddSingleton<InspectionScheduleEndpoints>();

        // Stored days and the evening run that plans them (the workflow, its activities, the port it uses).
        services.AddSingleton<InspectionDayStore>();
        services.AddSingleton<IInspectionDays>(sp => sp.GetRequiredService<InspectionDayStore>());
        services.AddDailyInspectionPlanning();
        services.AddSingleton<InspectionDayEndpoints>();
        return services;
    }

    public static RouteGroupBuilder MapKeyRooms(this RouteGroupBuilder api)
    {
        api.MapPut("/key-room-thresholds", (HttpRequest r, KeyRoomEndpoints h) => h.PutThresholds(r));
        api.MapGet("/key-room-thresholds", (HttpRequest r, KeyRoomEndpoints h) => h.GetThresholds(r));
        api.MapPost("/key-room-evaluations", (HttpRequest r, KeyRoomEndpoints h) => h.Evaluate(r));
        api.MapPost("/inspection-schedules", (HttpRequest r, InspectionScheduleEndpoints h) => h.Plan(r));
        api.MapPut("/inspection-days/{date}", (HttpRequest r, string date, InspectionDayEndpoints h) => h.PutDay(r, date));
        api.MapGet("/inspection-days/{date}", (HttpRequest r, string date, InspectionDayEndpoints h) => h.GetDay(r, date));
        api.MapGet("/inspection-days/{date}/schedule", (HttpRequest r, string date, InspectionDayEndpoints h) => h.GetSchedule(r, date));
        api.MapPost("/inspection-days/{date}/replan", (HttpRequest r, string date, InspectionDayEndpoints h) => h.Replan(r, date));
        return api;
    }
}
