using LiveCommerce.Storage.KeyRooms;
using LiveCommerce.Workflows.KeyRooms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using LiveCommerce.Domain.KeyRooms;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Http.KeyRooms;

/// <summary>Services and routes of the contract's "Key rooms and inspection scheduling" section and its extensions.</summary>
public static class KeyRoomsApi
{
    public static IServiceCollection AddKeyRooms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SolverSettings(configuration));
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

    /// <summary>The exact solver's settings (<c>KeyRooms:Solver:*</c>); a host with unusable ones does not start.</summary>
    public static ExactSolverSettings SolverSettings(IConfiguration configuration)
    {
        var section = configuration.GetSection(ExactSolverSettings.Section);
        var defaults = ExactSolverSettings.Default;
        var settings = new ExactSolverSettings(
            section.GetValue(nameof(ExactSolverSettings.Enabled), defaults.Enabled),
            section.GetValue(nameof(ExactSolverSettings.TimeLimit), defaults.TimeLimit),
            section.GetValue(nameof(ExactSolverSettings.Workers), defaults.Workers),
            section.GetValue(nameof(ExactSolverSettings.MaxPairs), defaults.MaxPairs));
        var problems = settings.Validate();
        return problems.Count == 0 ? settings : throw new InvalidOperationException(string.Join("; ", problems));
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
