using LiveCommerce.Domain;
using LiveCommerce.Domain.KeyRooms;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Idempotency;
using LiveCommerce.Storage.KeyRooms;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace LiveCommerce.Http.KeyRooms;

/// <summary>
/// Extension: a platform's stored days of inspection planning. The platform stores a day's sessions and inspectors;
/// the evening run (<c>DailyInspectionPlanWorkflow</c>) plans tomorrow from them; a replan after a key session is
/// added or an inspector drops out keeps what it can of the stored plan and says what moved.
/// </summary>
public sealed class InspectionDayEndpoints(InspectionDayStore days, IdempotentPosts posts, TimeProvider clock, ExactSolverSettings solver)
{
    private const int MaxBodyBytes = 24 * 1024 * 1024;
    private const int CommitAttempts = 3;

    public async Task<IResult> PutDay(HttpRequest request, string date)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformApi))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<InspectionDayRequest>(request, MaxBodyBytes, cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        if (InspectionRequestReader.TooLarge(b.Sessions?.Count ?? 0, b.Inspectors?.Count ?? 0) is { } tooLarge)
        {
            return tooLarge;
        }

        var v = new RequestValidator();
        var day = InspectionRequestReader.ReadDate(date, v);
        var slotMinutes = InspectionRequestReader.ReadSlotMinutes(b.SlotMinutes, v, required: false);
        var sessions = InspectionRequestReader.ReadSessions(b.Sessions, "sessions", v);
        var inspectors = InspectionRequestReader.ReadInspectors(b.Inspectors, "inspectors", v);
        if (day is not { } d)
        {
            return v.ToProblem();
        }

        InspectionRequestReader.RequireStartOn(d, sessions, "sessions", v);
        var input = new ScheduleRequest(ChinaTime.StartOf(d), ChinaTime.StartOf(d.PlusDays(1)), slotMinutes, sessions, inspectors);
        InspectionRequestReader.AddSchedulerProblems(input, v);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var stored = await days.SaveInputAsync(platform, d, input, clock.GetUtcNow(), cancellation);
        return JsonText.Of(200, new
        {
            date = ApiTime.Format(d),
            inputVersion = stored.Version,
            slotMinutes = stored.SlotMinutes,
            sessionCount = stored.SessionCount,
            keySessionCount = stored.KeySessionCount,
            inspectorCount = stored.InspectorCount,
            updatedAt = ApiTime.Format(Instant.FromDateTimeOffset(stored.UpdatedAt)),
        });
    }

    public async Task<IResult> GetDay(HttpRequest request, string date)
    {
        if (!TryReadDay(request, date, out var platform, out var d, out var problem))
        {
            return problem;
        }

        var cancellation = request.HttpContext.RequestAborted;
        var day = await days.FindDayAsync(platform, d, cancellation);
        if (day is null)
        {
            return DayNotFound(d);
        }

        var input = await days.LoadInputAsync(platform, d, day.Input.Version, cancellation)
            ?? throw new InvalidOperationException($"Input version {day.Input.Version} of {date} is missing.");
        return JsonText.Of(200, new Dictionary<string, object?>
        {
            ["date"] = ApiTime.Format(d),
            ["inputVersion"] = day.Input.Version,
            ["updatedAt"] = ApiTime.Format(Instant.FromDateTimeOffset(day.Input.UpdatedAt)),
            ["slotMinutes"] = input.SlotMinutes,
            ["sessions"] = input.Sessions.Select(InspectionPlanBody.Session),
            ["inspectors"] = input.Inspectors.Select(InspectionPlanBody.Inspector),
            ["schedule"] = day.Schedule is { } s ? ScheduleHeader(day, s) : null,
        });
    }

    public async Task<IResult> GetSchedule(HttpRequest request, string date)
    {
        if (!TryReadDay(request, date, out var platform, out var d, out var problem))
        {
            return problem;
        }

        var cancellation = request.HttpContext.RequestAborted;
        var day = await days.FindDayAsync(platform, d, cancellation);
        if (day is null)
        {
            return DayNotFound(d);
        }

        if (day.Schedule is not { } schedule)
        {
            return Problem.NotFound(
                "SCHEDULE_NOT_FOUND",
                $"{ApiTime.Format(d)} has no plan yet: the evening run plans tomorrow, or POST /api/inspection-days/{ApiTime.Format(d)}/replan plans now.");
        }

        var body = ScheduleHeader(day, schedule);
        InspectionPlanBody.Write(body, await days.LoadPlanAsync(platform, d, schedule.PlanId, cancellation));
        return JsonText.Of(200, body);
    }

    public Task<IResult> Replan(HttpRequest request, string date) =>
        posts.HandleAsync<ReplanRequest>(request, PlatformRoles.Any, post => ReplanAsync(post, date), MaxBodyBytes);

    private async Task<IResult> ReplanAsync(PostRequest<ReplanRequest> post, string date)
    {
        var (platform, cancellation) = (post.Platform, post.Cancellation);
        var v = new RequestValidator();
        if (InspectionRequestReader.ReadDate(date, v) is not { } d)
        {
            return v.ToProblem();
        }

        var changes = InspectionDayChanges.Read(post.Body, d, v);

        // Read, plan, commit only if the day did not change meanwhile; else read again (a concurrent PUT or replan).
        for (var attempt = 1; ; attempt++)
        {
            var day = await days.FindDayAsync(platform, d, cancellation);
            if (day is null)
            {
                return v.HasErrors ? v.ToProblem() : DayNotFound(d);
            }

            // Checked against the stored day even when the change set has errors of its own: every error at once.
            var stored = await days.LoadInputAsync(platform, d, day.Input.Version, cancellation)
                ?? throw new InvalidOperationException($"Input version {day.Input.Version} of {date} is missing.");
            var next = changes.ApplyTo(stored, v);
            if (v.HasErrors)
            {
                return v.ToProblem();
            }

            var plan = day.Schedule is { } schedule
                ? InspectionScheduler.Replan(next, await days.LoadPlanAsync(platform, d, schedule.PlanId, cancellation), solver)
                : FirstPlan(next);
            var committed = await days.TryCommitReplanAsync(platform, day, changes.IsEmpty ? null : next, plan, clock.GetUtcNow(), cancellation);
            if (committed is not null)
            {
                var answer = ScheduleHeader(committed, committed.Schedule!);
                InspectionPlanBody.Write(answer, plan);
                return JsonText.Of(200, answer);
            }

            if (attempt == CommitAttempts)
            {
                return Problem.Conflict("INSPECTION_DAY_CHANGED", $"{ApiTime.Format(d)} kept changing while it was replanned; retry.");
            }
        }
    }

    // With no plan to keep, every covered session is newly covered: the same report a replan gives.
    private SchedulePlan FirstPlan(ScheduleRequest request)
    {
        var plan = InspectionScheduler.Plan(request, solver);
        return plan with { Changes = new PlanChanges([], [], [.. plan.Assignments.Select(a => a.SessionId)], [], []) };
    }

    private static Dictionary<string, object?> ScheduleHeader(InspectionDay day, InspectionScheduleInfo schedule) => new()
    {
        ["date"] = ApiTime.Format(day.Date),
        ["inputVersion"] = schedule.InputVersion,
        ["currentInputVersion"] = day.Input.Version,
        ["stale"] = day.ScheduleIsStale,
        ["trigger"] = schedule.Trigger,
        ["plannedAt"] = ApiTime.Format(Instant.FromDateTimeOffset(schedule.PlannedAt)),
    };

    private static bool TryReadDay(HttpRequest request, string date, out PlatformId platform, out LocalDate day, out IResult problem)
    {
        day = default;
        platform = default;
        if (!CallerAccess.TryAuthorize(request, out var caller, out var tenancy, PlatformRoles.Any))
        {
            problem = tenancy;
            return false;
        }

        platform = caller.Platform;

        var v = new RequestValidator();
        if (InspectionRequestReader.ReadDate(date, v) is not { } d)
        {
            problem = v.ToProblem();
            return false;
        }

        day = d;
        problem = null!;
        return true;
    }

    private static Problem DayNotFound(LocalDate date) =>
        Problem.NotFound("DAY_NOT_FOUND", $"No sessions and inspectors are stored for {ApiTime.Format(date)}.");
}
