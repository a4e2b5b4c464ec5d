using LiveCommerce.Http.KeyRooms;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveCommerce.Functions.KeyRooms;

/// <summary>The contract's "Key rooms and inspection scheduling" routes and their extensions: one line each over the shared handlers.</summary>
public sealed class KeyRoomFunctions(KeyRoomEndpoints keyRooms, InspectionScheduleEndpoints schedules, InspectionDayEndpoints days)
{
    [Function("KeyRoomThresholdsPut")]
    public Task<IResult> PutThresholds(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "key-room-thresholds")] HttpRequest request) => keyRooms.PutThresholds(request);

    [Function("KeyRoomThresholdsGet")]
    public Task<IResult> GetThresholds(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "key-room-thresholds")] HttpRequest request) => keyRooms.GetThresholds(request);

    [Function("KeyRoomEvaluation")]
    public Task<IResult> Evaluate(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "key-room-evaluations")] HttpRequest request) => keyRooms.Evaluate(request);

    [Function("InspectionSchedule")]
    public Task<IResult> Plan(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "inspection-schedules")] HttpRequest request) => schedules.Plan(request);

    [Function("InspectionDayPut")]
    public Task<IResult> PutDay(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "inspection-days/{date}")] HttpRequest request,
        string date) => days.PutDay(request, date);

    [Function("InspectionDayGet")]
    public Task<IResult> GetDay(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "inspection-days/{date}")] HttpRequest request,
        string date) => days.GetDay(request, date);

    [Function("InspectionDayScheduleGet")]
    public Task<IResult> GetSchedule(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "inspection-days/{date}/schedule")] HttpRequest request,
        string date) => days.GetSchedule(request, date);

    [Function("InspectionDayReplan")]
    public Task<IResult> Replan(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "inspection-days/{date}/replan")] HttpRequest request,
        string date) => days.Replan(request, date);
}
