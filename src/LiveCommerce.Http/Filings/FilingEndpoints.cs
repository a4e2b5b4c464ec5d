using System.Text.Json;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Filings;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Filings;
using LiveCommerce.Storage.Idempotency;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Workflows;
using Microsoft.DurableTask;
using LiveCommerce.Workflows.Filings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Http.Filings;

/// <summary>
/// The contract's "Themed event filings": one filing per event, its deadline on the platform's official calendar
/// (never guessed: CALENDAR_NOT_PUBLISHED), reminders, advance reports for public-figure and overseas guests, and
/// the authority's receipt. The status is re-judged at every read, so <c>late</c> shows as soon as the deadline
/// has passed. Reminders and the escalation are <see cref="FilingWorkflow"/>'s; the workflow client is a parameter,
/// as Durable Functions binds it per function.
/// </summary>
public sealed class FilingEndpoints(CalendarStore calendars, FilingStore filings, TimeProvider clock, ILogger<FilingEndpoints> logger)
{
    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxListed = 500;

    // A receipt's submission time may run ahead of our clock by this much (the platform's clock, not a future date).
    private static readonly Duration ClockSkew = Duration.FromMinutes(5);

    public async Task<IResult> Create(HttpRequest request, string eventId, IWorkflowClient workflows)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformApi) ||
            !IdempotencyKey.TryRead(request, out var key, out problem))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<FilingRequest>(request, MaxBodyBytes, cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var v = new RequestValidator();
        v.Key(eventId, "eventId");
        var b = body.Value!;
        var name = v.RequiredString(b.Name, "name", 200);
        var startsAt = v.Time(b.StartsAt, "startsAt", required: true);
        var guests = BindGuests(b.Guests, v);
        var hostIds = BindHostIds(b.HostIds, v);
        var content = JsonObjectOf(b.Content, "content", v);
        var settings = JsonObjectOf(b.Settings, "settings", v);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var calendar = await calendars.LoadAsync(platform, cancellation);
        var computed = FilingDeadline.Compute(startsAt!.Value, calendar)
            .Then(deadline => deadline.Reminders(calendar).Map(reminders => (Deadline: deadline, Reminders: reminders)));
        if (!computed.TryGetValue(out var schedule, out var notPublished))
        {
            return NotPublished(notPublished);
        }

        var now = Now();
        var status = FilingLifecycle.Created(schedule.Deadline, now);
        var document = FilingDocument.Recorded(
            eventId, name, startsAt.Value, guests, hostIds, content, settings,
            schedule.Deadline, schedule.Reminders, AdvanceReport.For(guests, schedule.Deadline), now);
        var filing = new FilingRecord(eventId, document, schedule.Deadline, status, now, null);
        var response = new StoredResponse(201, FilingDocument.Answer(filing, status), LocationOf(eventId));

        // Whenever the filing exists, its workflow is started (a no-op if it runs): a retry after a crash between the
        // two writes starts what the first attempt did not.
        var write = await filings.CreateAsync(platform, filing, Idempotency(key, body.Fingerprint), response, cancellation);
        switch (write)
        {
            case FilingWrite.Earlier { Outcome: IdempotencyOutcome.Replay } earlier:
                await StartWorkflowAsync(workflows, platform, filing, calendar, cancellation);
                return IdempotencyKey.Answer(earlier.Outcome);
            case FilingWrite.Earlier earlier:
                return IdempotencyKey.Answer(earlier.Outcome);
            case FilingWrite.AlreadyExists:
                if (await filings.FindAsync(platform, eventId, cancellation) is { } existing)
                {
                    await StartWorkflowAsync(workflows, platform, existing, calendar, cancellation);
                }

                return Problem.Conflict("FILING_EXISTS", $"Event '{eventId}' already has a filing; GET {LocationOf(eventId)} to see it.");
        }

        await StartWorkflowAsync(workflows, platform, filing, calendar, cancellation);

        logger.LogInformation(
            "Filing for event {EventId} on {Platform}: deadline {Deadline}, {Status}",
            eventId, platform.Value, ApiTime.Format(schedule.Deadline.Date), FilingStatusIds.Of(status));
        return new JsonText(response);
    }

    public async Task<IResult> RecordReceipt(HttpRequest request, string eventId, IWorkflowClient workflows)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformApi) ||
            !IdempotencyKey.TryRead(request, out var key, out problem))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<ReceiptRequest>(request, cancellationToken: cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var v = new RequestValidator();
        var wellFormedEventId = PlatformId.IsWellFormedKey(eventId, 64);
        var receiptNumber = v.RequiredString(body.Value!.ReceiptNumber, "receiptNumber", 100);
        var submittedAt = v.Time(body.Value.SubmittedAt, "submittedAt", required: true);
        var now = Now();
        if (submittedAt > now + ClockSkew)
        {
            v.Add("submittedAt", "OUT_OF_RANGE", "'submittedAt' lies in the future.");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        // A receipt recorded after the deadline for a filing submitted in time still makes it filed; a second receipt
        // (a correction) re-decides the status. The write is conditional on the filing read, so retry on a race.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var filing = wellFormedEventId ? await filings.FindAsync(platform, eventId, cancellation) : null;
            if (filing is null)
            {
                return NotFound(eventId);
            }

            var receipt = new FilingReceipt(receiptNumber, submittedAt!.Value, now);
            var status = FilingLifecycle.ReceiptRecorded(filing.Deadline, receipt.SubmittedAt);
            var response = new StoredResponse(200, FilingDocument.Answer(filing with { Receipt = receipt }, status));
            var write = await filings.RecordReceiptAsync(platform, filing, receipt, status, Idempotency(key, body.Fingerprint), response, cancellation);
            switch (write)
            {
                case FilingWrite.Earlier earlier:
                    return IdempotencyKey.Answer(earlier.Outcome);
                case FilingWrite.Committed:
                    logger.LogInformation("Receipt for event {EventId} on {Platform}: {Status}", eventId, platform.Value, FilingStatusIds.Of(status));
                    await workflows.RaiseEventAsync(
                        FilingWorkflow.InstanceIdFor(platform.Value, eventId),
                        FilingWorkflow.ReceiptEvent,
                        new FilingReceiptEvent(receiptNumber, receipt.SubmittedAt.ToDateTimeOffset(), FilingStatusIds.Of(status)),
                        cancellation);
                    return new JsonText(response);
            }
        }

        return Problem.Conflict("FILING_CHANGED", "The filing kept changing while the receipt was recorded; retry.");
    }

    public async Task<IResult> Get(HttpRequest request, string eventId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        var filing = PlatformId.IsWellFormedKey(eventId, 64)
            ? await filings.FindAsync(platform, eventId, request.HttpContext.RequestAborted)
            : null;
        if (filing is null)
        {
            return NotFound(eventId);
        }

        // Late as soon as the deadline has passed, whether or not the escalation has run yet.
        var status = FilingLifecycle.TimePassed(filing.Status, filing.Deadline, Now());
        return new JsonText(new StoredResponse(200, FilingDocument.Answer(filing, status)));
    }

    /// <summary>The platform's filings with a deadline in <c>?from=&amp;to=</c>, earliest first (the console's deadline calendar).</summary>
    public async Task<IResult> List(HttpRequest request)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any) ||
            !DateRange.TryRead(request, out var from, out var to, out problem))
        {
            return problem;
        }

        var platform = caller.Platform;

        var found = await filings.ListByDeadlineAsync(platform, from, to, MaxListed + 1, request.HttpContext.RequestAborted);
        var now = Now();
        var listed = found
            .OrderBy(f => f.Deadline.Date).ThenBy(f => f.EventId, StringComparer.Ordinal)
            .Take(MaxListed)
            .Select(f => JsonDocument.Parse(FilingDocument.Answer(f, FilingLifecycle.TimePassed(f.Status, f.Deadline, now))).RootElement)
            .ToList();
        return JsonText.Of(200, new { from = ApiTime.Format(from), to = ApiTime.Format(to), filings = listed, truncated = found.Count > MaxListed });
    }

    /// <summary>Starts the filing's reminders-and-escalation workflow, unless it exists already.</summary>
    private static async Task StartWorkflowAsync(IWorkflowClient workflows, PlatformId platform, FilingRecord filing, WorkingDayCalendar calendar, CancellationToken cancellation)
    {
        var reminders = filing.Deadline.Reminders(calendar).Match(r => r, _ => []);
        var input = new FilingWorkflowInput(
            platform.Value,
            filing.EventId,
            ApiTime.Format(filing.Deadline.Date),
            [.. reminders.Select(r => new ReminderPlan(r.WorkingDaysLeft, ApiTime.Format(r.On), r.At.ToDateTimeOffset()))],
            filing.Deadline.LateFrom.ToDateTimeOffset());
        await workflows.ScheduleNewAsync(FilingWorkflow.Name, input, new StartOrchestrationOptions(FilingWorkflow.InstanceIdFor(platform.Value, filing.EventId)), cancellation);
    }

    /// <summary>422 naming every year to load; loading them may show that an earlier one is needed too.</summary>
    internal static Problem NotPublished(CalendarNotPublished failure) =>
        Problem.Unprocessable(
                CalendarNotPublished.Code,
                $"{failure.Message} Load it with PUT /api/calendars/cn/{{year}} once the State Council notice is out.")
            .With("missingYears", failure.Years);

    private static Problem NotFound(string eventId) =>
        Problem.NotFound("FILING_NOT_FOUND", $"No filing for event '{eventId}'.");

    private static string LocationOf(string eventId) => $"/api/events/{eventId}/filings";

    private static IdempotencyWrite? Idempotency(IdempotencyKey? key, string fingerprint) =>
        key is null ? null : new IdempotencyWrite(key.Scope, key.Value, fingerprint);

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());

    private static List<EventGuest> BindGuests(IReadOnlyList<GuestBody?>? bodies, RequestValidator v)
    {
        var guests = new List<EventGuest>();
        var list = v.RequiredList(bodies, "guests", maxItems: 100, allowEmpty: true);
        for (var i = 0; i < list.Count; i++)
        {
            var field = $"guests[{i}]";
            if (list[i] is not { } g)
            {
                v.Add(field, "REQUIRED", $"'{field}' must be an object.");
                continue;
            }

            var name = v.RequiredString(g.Name, field + ".name", 100);
            var publicFigure = v.RequiredValue(g.IsPublicFigure, field + ".isPublicFigure");
            var overseas = v.RequiredValue(g.IsOverseas, field + ".isOverseas");
            guests.Add(new EventGuest(name, publicFigure, overseas));
        }

        return guests;
    }

    private static List<string> BindHostIds(IReadOnlyList<string?>? values, RequestValidator v)
    {
        var hostIds = new List<string>();
        var list = v.RequiredList(values, "hostIds", maxItems: 50);
        for (var i = 0; i < list.Count; i++)
        {
            var hostId = v.Key(list[i], $"hostIds[{i}]");
            if (hostIds.Contains(hostId, StringComparer.Ordinal))
            {
                v.Add($"hostIds[{i}]", "INVALID_VALUE", $"'{hostId}' is listed twice.");
            }

            hostIds.Add(hostId);
        }

        return hostIds;
    }

    /// <summary>A free-form JSON object, stored as given.</summary>
    private static JsonElement JsonObjectOf(JsonElement? value, string field, RequestValidator v)
    {
        if (value is not { ValueKind: not JsonValueKind.Null } element)
        {
            v.Add(field, "REQUIRED", $"'{field}' is required (an object, possibly empty).");
            return default;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            v.Add(field, "INVALID_TYPE", $"'{field}' must be a JSON object.");
        }

        return element;
    }
}
