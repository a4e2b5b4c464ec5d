using LiveCommerce.Storage.Events;
using LiveCommerce.Storage.Tipping;
using LiveCommerce.Domain.Tipping;
using LiveCommerce.Domain.Events;
using System.Security.Cryptography;
using System.Text;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Sanctions;
using LiveCommerce.Http.Cases;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Storage.Sanctions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Http.Sanctions;

/// <summary>
/// The contract's "Sanctions" (Order 117 arts. 12, 14): impose a measure of the ladder (roles <c>compliance.*</c>),
/// list a subject's history, read one, and appeal it (a <c>sanction_appeal</c> case). A sanction's status is computed
/// from its term and its revocation at the moment asked (it ends by itself at <c>endsAt</c>); nothing is rewritten.
/// </summary>
public sealed class SanctionEndpoints(
    SanctionStore store,
    QualificationStore qualification,
    ReviewCases reviewCases,
    HostTippingSanctions tipping,
    PlatformEvents events,
    IdempotentPosts posts,
    ILogger<SanctionEndpoints> logger)
{
    // A sanction may be entered a little after the fact (clock skew, a form filled in); history is not backdated further.
    private static readonly Duration Backdating = Duration.FromMinutes(5);

    public Task<IResult> Impose(HttpRequest request) => posts.HandleAsync<SanctionRequest>(request, StaffAccess.Compliance, async post =>
    {
        var actor = Actor.Of(post.Caller);
        var b = post.Body;
        var now = reviewCases.Now();
        var v = new RequestValidator();
        var subject = BindSubject(b.Subject, v);
        SanctionMeasure measure = default;
        if (b.Measure is null)
        {
            v.Add("measure", "REQUIRED", "'measure' is required.");
        }
        else if (!SanctionLadder.TryParse(b.Measure, out measure))
        {
            v.Add("measure", "INVALID_VALUE", $"'{b.Measure}' is not one of: {string.Join(", ", SanctionLadder.Ids)}.");
        }

        var reason = v.RequiredString(b.Reason, "reason", 500);
        var facts = v.RequiredString(b.Facts, "facts", 4000);
        var startsAt = v.Time(b.StartsAt, "startsAt", required: false) ?? now;
        var endsAt = v.Time(b.EndsAt, "endsAt", required: false);
        if (startsAt < now - Backdating)
        {
            v.Add("startsAt", "OUT_OF_RANGE", "'startsAt' may not lie in the past: sanctions are not backdated.");
        }

        if (b.Measure is not null && v.Errors.All(e => e.Field != "measure"))
        {
            var rung = SanctionLadder.Of(measure);
            if (rung.End == EndRule.None && endsAt is not null)
            {
                v.Add("endsAt", "NOT_ALLOWED", $"A {rung.Id} has no term; leave 'endsAt' out.");
            }
            else if (rung.End == EndRule.Required && endsAt is null && b.EndsAt is null)
            {
                v.Add("endsAt", "REQUIRED", $"A {rung.Id} needs 'endsAt' (Order 117 art. 12: a time-limited ban).");
            }

            if (measure == SanctionMeasure.Blacklist && b.StartsAt is not null && startsAt > now)
            {
                v.Add("startsAt", "NOT_ALLOWED", "A blacklisting starts when it is imposed (Order 117 art. 14); leave 'startsAt' out.");
            }
        }

        if (endsAt is { } end && end <= startsAt)
        {
            v.Add("endsAt", "OUT_OF_RANGE", "'endsAt' must lie after 'startsAt'.");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var sanctionId = post.Key is { } key
            ? "sn_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{actor.Platform.Value}\n{key.Scope}\n{key.Value}")))[..32]
            : "sn_" + Guid.CreateVersion7().ToString("N");
        var blacklisted = measure == SanctionMeasure.Blacklist ? await BlacklistTargetsAsync(actor.Platform, subject!, post.Cancellation) : [];
        var sanction = new SanctionRecord(sanctionId, subject!, measure, reason, facts, Instant.Max(startsAt, now - Backdating), endsAt, now, actor.Sub, [.. blacklisted.Select(t => t.Hash)]);
        await store.ImposeAsync(actor.Platform, sanction, post.Cancellation);
        foreach (var target in blacklisted)
        {
            await qualification.BlacklistAsync(actor.Platform, target.Hash, target.Type, target.Masked,
                new BlacklistEntry(SanctionRecord.BlacklistIdOf(sanctionId), reason, now, endsAt), actor.Sub, post.Cancellation);
        }

        // A measure that suspends a host's tipping (Sanctions ladder) is recorded where the tip check reads it, and the
        // host's pending tips are refunded (each exactly once, with tip.refunded) once it is in force.
        if (subject!.Kind == SanctionSubjectKind.Host && SanctionLadder.Of(measure).SuspendsTipping)
        {
            await tipping.SuspendAsync(actor.Platform, subject.Id, new HostTippingSuspension(sanctionId, sanction.StartsAt, endsAt), now, post.Cancellation);
        }

        await events.PublishAsync(actor.Platform, EventTypes.SanctionImposed, sanctionId, CaseBodies.Of(sanction, now), post.Cancellation);
        logger.LogInformation("Sanction {SanctionId} on {Platform}: {Measure} on {Subject} by {Actor}", sanctionId, actor.Platform.Value, SanctionLadder.Of(measure).Id, subject!.ToString(), actor.Sub);
        return JsonText.Of(201, CaseBodies.Of(sanction, now), $"/api/sanctions/{sanctionId}");
    });

    public async Task<IResult> List(HttpRequest request)
    {
        if (!StaffAccess.TryAuthorize(request, out var actor, out var problem, StaffAccess.Anyone))
        {
            return problem;
        }

        var raw = request.Query["subject"].ToString();
        var parts = raw.Split(':', 2);
        if (parts.Length != 2 || !SanctionSubject.TryParseKind(parts[0], out var kind) || !PlatformId.IsWellFormedKey(parts[1], 64))
        {
            return Problem.Validation([new FieldError("subject", raw.Length == 0 ? "REQUIRED" : "INVALID_FORMAT",
                "'subject' names one subject as host:{hostId}, merchant:{merchantId} or room:{roomId}.")]);
        }

        var subject = new SanctionSubject(kind, parts[1]);
        var now = reviewCases.Now();
        var history = await store.HistoryAsync(actor.Platform, subject, request.HttpContext.RequestAborted);
        return JsonText.Of(200, new { subject = CaseBodies.SubjectOf(subject), sanctions = history.Select(s => CaseBodies.Of(s, now)).ToList() });
    }

    public async Task<IResult> Get(HttpRequest request, string sanctionId)
    {
        if (!StaffAccess.TryAuthorize(request, out var actor, out var problem, StaffAccess.Anyone))
        {
            return problem;
        }

        return await FindAsync(actor.Platform, sanctionId, request.HttpContext.RequestAborted) is { } sanction
            ? JsonText.Of(200, CaseBodies.Of(sanction, reviewCases.Now()))
            : NotFound(sanctionId);
    }

    public Task<IResult> Appeal(HttpRequest request, string sanctionId) => posts.HandleAsync<AppealRequest>(request, StaffAccess.Anyone, async post =>
    {
        var actor = Actor.Of(post.Caller);
        var v = new RequestValidator();
        var statement = v.RequiredString(post.Body.Statement, "statement", 4000);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        if (await FindAsync(actor.Platform, sanctionId, post.Cancellation) is not { } sanction)
        {
            return NotFound(sanctionId);
        }

        var status = sanction.Term.StatusAt(reviewCases.Now());
        if (status is SanctionStatus.Ended or SanctionStatus.Revoked)
        {
            return Problem.Conflict("SANCTION_NOT_IN_FORCE", $"Sanction '{sanctionId}' is {SanctionTerm.Id(status)}; there is nothing left to appeal.");
        }

        var opening = await reviewCases.OpenAppealAsync(actor.Platform, sanction, statement, actor.Sub, post.Cancellation);
        return opening.Attached
            ? Problem.Conflict("APPEAL_ALREADY_OPEN", $"Sanction '{sanctionId}' has an open appeal.").With("caseId", opening.Case.Case.CaseId)
            : JsonText.Of(201, CaseBodies.Of(opening.Case, reviewCases.Now()), $"/api/review-cases/{opening.Case.Case.CaseId}");
    });

    private Task<SanctionRecord?> FindAsync(PlatformId platform, string sanctionId, CancellationToken cancellationToken) =>
        PlatformId.IsWellFormedKey(sanctionId, 64) ? store.FindAsync(platform, sanctionId, cancellationToken) : Task.FromResult<SanctionRecord?>(null);

    private static Problem NotFound(string sanctionId) => Problem.NotFound("SANCTION_NOT_FOUND", $"No sanction '{sanctionId}'.");

    private static SanctionSubject? BindSubject(SanctionSubjectBody? body, RequestValidator v)
    {
        if (body is null)
        {
            v.Add("subject", "REQUIRED", "'subject' is required: { hostId } or { merchantId } or { roomId }.");
            return null;
        }

        var named = new (SanctionSubjectKind Kind, string? Id, string Field)[]
            {
                (SanctionSubjectKind.Host, body.HostId, "subject.hostId"),
                (SanctionSubjectKind.Merchant, body.MerchantId, "subject.merchantId"),
                (SanctionSubjectKind.Room, body.RoomId, "subject.roomId"),
            }
            .Where(s => s.Id is not null)
            .ToList();
        if (named.Count != 1)
        {
            v.Add("subject", named.Count == 0 ? "REQUIRED" : "INVALID_VALUE", "'subject' names exactly one of hostId, merchantId, roomId.");
            return null;
        }

        var id = v.Key(named[0].Id, named[0].Field);
        return new SanctionSubject(named[0].Kind, id);
    }

    /// <summary>
    /// Who a blacklist measure blacklists (Order 117 art. 14, "no comeback under a new account"): the people and
    /// entities behind the account, by the keyed hashes its standing keeps, so the entry follows them to every account.
    /// A room, or an account never checked, has no identity on record: the sanction then binds that account only.
    /// </summary>
    private async Task<IReadOnlyList<(string Hash, string Type, string Masked)>> BlacklistTargetsAsync(PlatformId platform, SanctionSubject subject, CancellationToken cancellationToken)
    {
        if (subject.Kind == SanctionSubjectKind.Room)
        {
            return [];
        }

        var kind = subject.Kind == SanctionSubjectKind.Merchant ? SubjectKind.Merchant : SubjectKind.Host;
        if (await qualification.FindStandingAsync(platform, kind, subject.Id, cancellationToken) is not { } standing)
        {
            return [];
        }

        var masked = standing.Snapshot?.MaskedIdentifiers ?? new Dictionary<string, string>();
        var targets = new List<(string, string, string)>();
        if (kind == SubjectKind.Host && standing.SubjectHash is { } person)
        {
            targets.Add((person, "person", masked.GetValueOrDefault("idNumber", "(masked)")));
        }
        else if (kind == SubjectKind.Merchant)
        {
            if (standing.SubjectHash is { } entity)
            {
                targets.Add((entity, "entity", masked.GetValueOrDefault("creditCode", "(masked)")));
            }

            if (standing.RepresentativeHash is { } representative)
            {
                targets.Add((representative, "person", masked.GetValueOrDefault("legalRepresentative.idNumber", "(masked)")));
            }
        }

        return targets;
    }
}
