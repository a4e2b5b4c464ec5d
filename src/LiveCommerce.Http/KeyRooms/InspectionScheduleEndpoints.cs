using LiveCommerce.Domain.KeyRooms;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Idempotency;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.KeyRooms;

/// <summary>The contract's <c>POST /api/inspection-schedules</c>: plan a window given in full, store nothing but the idempotent answer.</summary>
public sealed class InspectionScheduleEndpoints(IdempotentPosts posts, ExactSolverSettings solver)
{
    private const int MaxBodyBytes = 24 * 1024 * 1024;

    public Task<IResult> Plan(HttpRequest request) => posts.HandleAsync<InspectionScheduleRequest>(request, PlatformRoles.Any, PlanAsync, MaxBodyBytes);

    private Task<IResult> PlanAsync(PostRequest<InspectionScheduleRequest> post)
    {
        var b = post.Body;
        if (InspectionRequestReader.TooLarge(b.Sessions?.Count ?? 0, b.Inspectors?.Count ?? 0) is { } tooLarge)
        {
            return Task.FromResult<IResult>(tooLarge);
        }

        var v = new RequestValidator();
        var (from, to) = InspectionRequestReader.ReadWindow(b.From, b.To, v);
        var slotMinutes = InspectionRequestReader.ReadSlotMinutes(b.SlotMinutes, v, required: true);
        var sessions = InspectionRequestReader.ReadSessions(b.Sessions, "sessions", v);
        var inspectors = InspectionRequestReader.ReadInspectors(b.Inspectors, "inspectors", v);
        var schedule = new ScheduleRequest(from, to, slotMinutes, sessions, inspectors);
        InspectionRequestReader.AddSchedulerProblems(schedule, v);
        return Task.FromResult<IResult>(v.HasErrors ? v.ToProblem() : JsonText.Of(200, InspectionPlanBody.Of(InspectionScheduler.Plan(schedule, solver))));
    }
}
