using LiveCommerce.Domain.KeyRooms;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Idempotency;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.KeyRooms;

/// <summary>The contract's <c>POST /api/inspection-schedules</c>: plan a window given in full, store nothing but the idempotent answer.</summary>
public sealed class InspectionScheduleEndpoints(IdempotencyLedger ledger)
{
    private const int MaxBodyBytes = 24 * 1024 * 1024;

    public async Task<IResult> Plan(HttpRequest request)
    {
        if (!TenantResolver.TryResolve(request, out var platform, out var problem) ||
            !IdempotencyKey.TryRead(request, out var key, out problem))
        {
            return problem;
        }

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<InspectionScheduleRequest>(request, MaxBodyBytes, cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (key is not null && await ledger.FindAsync(platform, key.Scope, key.Value, body.Fingerprint, cancellation) is { } earlier)
        {
            return IdempotencyKey.Answer(earlier);
        }

        var b = body.Value!;
        if (InspectionRequestReader.TooLarge(b.Sessions?.Count ?? 0, b.Inspectors?.Count ?? 0) is { } tooLarge)
        {
            return tooLarge;
        }

        var v = new RequestValidator();
        var (from, to) = InspectionRequestReader.ReadWindow(b.From, b.To, v);
        var slotMinutes = InspectionRequestReader.ReadSlotMinutes(b.SlotMinutes, v, required: true);
        var sessions = InspectionRequestReader.ReadSessions(b.Sessions, "sessions", v);
        var inspectors = InspectionRequestReader.ReadInspectors(b.Inspectors, "inspectors", v);
        var schedule = new ScheduleRequest(from, to, slotMinutes, sessions, inspectors);
        InspectionRequestReader.AddSchedulerProblems(schedule, v);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var response = JsonText.Of(200, InspectionPlanBody.Of(InspectionScheduler.Plan(schedule)));
        if (key is not null && await ledger.RecordAsync(platform, key.Scope, key.Value, body.Fingerprint, response.Response, cancellation) is { } winner)
        {
            return IdempotencyKey.Answer(winner);
        }

        return response;
    }
}
