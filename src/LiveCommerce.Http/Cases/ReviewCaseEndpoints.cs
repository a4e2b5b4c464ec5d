using System.Text.Json;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Cases;
using LiveCommerce.Domain.Sanctions;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Identity;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Ratings;
using LiveCommerce.Storage.Cases;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Storage.Policies;
using LiveCommerce.Storage.Sanctions;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Cases;

/// <summary>
/// The contract's "Review cases": the reviewers' queue (<c>GET /api/review-cases</c>), one case with everything needed
/// to decide it, assignment and decision (roles <c>compliance.*</c>), and the platform's review-case settings.
/// </summary>
public sealed class ReviewCaseEndpoints(
    ReviewCases reviewCases,
    ReviewCaseStore store,
    QualificationStore qualification,
    SanctionStore sanctions,
    RatingFiles ratings,
    PlatformPolicyStore policyStore,
    IdempotentPosts posts)
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;
    private const int MaxReasonCodes = 20;
    private const int MaxMissingItems = 50;

    public async Task<IResult> List(HttpRequest request)
    {
        if (!StaffAccess.TryAuthorize(request, out var actor, out var problem, StaffAccess.Compliance))
        {
            return problem;
        }

        var v = new RequestValidator();
        var query = request.Query;
        ReviewCaseStatus? status = null;
        if (query["status"].ToString() is { Length: > 0 } s)
        {
            if (CaseIds.TryParseStatus(s, out var parsed))
            {
                status = parsed;
            }
            else
            {
                v.Add("status", "INVALID_VALUE", $"'{s}' is not one of: {string.Join(", ", CaseIds.Statuses)}.");
            }
        }

        var overdue = false;
        if (query["overdue"].ToString() is { Length: > 0 } o && !bool.TryParse(o, out overdue))
        {
            v.Add("overdue", "INVALID_VALUE", "'overdue' must be true or false.");
        }

        var limit = DefaultPageSize;
        if (query["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > MaxPageSize))
        {
            v.Add("limit", "OUT_OF_RANGE", $"'limit' must be 1-{MaxPageSize}.");
        }

        var continuation = query["continuation"].ToString() is { Length: > 0 } c ? c : null;
        if (continuation is { Length: > 1000 })
        {
            v.Add("continuation", "TOO_LONG", "'continuation' is not one this service gave.");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var now = reviewCases.Now();
        (IReadOnlyList<CaseRecord> Cases, string? Continuation) page;
        try
        {
            page = await store.ListAsync(actor.Platform, status, overdue ? now : null, limit, continuation, request.HttpContext.RequestAborted);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 400 && continuation is not null)
        {
            return Problem.BadRequest("CONTINUATION_INVALID", "'continuation' is not one this service gave.");
        }

        return JsonText.Of(200, new Dictionary<string, object?>
        {
            ["cases"] = page.Cases.Select(r => CaseBodies.Of(r, now)).ToList(),
            ["continuation"] = page.Continuation,
        }.Where(p => p.Value is not null).ToDictionary());
    }

    /// <summary>One case with what a reviewer needs: the check's reasons, the account's history, the rating file's suggestion, the case's own history.</summary>
    public async Task<IResult> Get(HttpRequest request, string caseId)
    {
        if (!StaffAccess.TryAuthorize(request, out var actor, out var problem, StaffAccess.Compliance))
        {
            return problem;
        }

        var cancellation = request.HttpContext.RequestAborted;
        var platform = actor.Platform;
        if (await FindAsync(platform, caseId, cancellation) is not { } record)
        {
            return NotFound(caseId);
        }

        var now = reviewCases.Now();
        var body = CaseBodies.Of(record, now);
        var file = await ratings.GetAsync(platform, record.Subject, now, cancellation);
        body["suggestedMeasure"] = file.SuggestedMeasure is { } m ? SanctionLadder.Of(m).Id : null;
        body["ratingFile"] = RatingFiles.BodyOf(record.Subject, file);
        body["events"] = (await store.EventsAsync(platform, record.Case.CaseId, cancellation))
            .Select(e => new { type = e.Type, at = ApiTime.Format(e.At), actor = e.Actor, details = JsonSerializer.Deserialize<JsonElement>(e.DetailJson) })
            .ToList();
        if (record.Case.Kind == ReviewCaseKind.SanctionAppeal)
        {
            body["sanctionHistory"] = (await sanctions.HistoryAsync(platform, record.Subject, cancellation)).Select(s => CaseBodies.Of(s, now)).ToList();
        }
        else
        {
            var kind = record.Subject.Kind == SanctionSubjectKind.Merchant ? SubjectKind.Merchant : SubjectKind.Host;
            var history = await qualification.ListChecksAsync(platform, kind, record.Subject.Id, cancellation);
            body["accountHistory"] = history.Select(h => new Dictionary<string, object?>
            {
                ["checkId"] = h.CheckId,
                ["decision"] = h.Outcome,
                ["checkedAt"] = ApiTime.Format(h.CheckedAt),
                ["validUntil"] = ApiTime.Format(h.ValidUntil),
                ["trigger"] = h.Trigger,
            }.Where(p => p.Value is not null).ToDictionary()).ToList();
            body["sanctionHistory"] = (await sanctions.HistoryAsync(platform, record.Subject, cancellation)).Select(s => CaseBodies.Of(s, now)).ToList();
        }

        return JsonText.Of(200, body.Where(p => p.Value is not null).ToDictionary());
    }

    public Task<IResult> Assign(HttpRequest request, string caseId) => posts.HandleAsync<AssignmentRequest>(request, StaffAccess.Compliance, async post =>
    {
        var actor = Actor.Of(post.Caller);
        var v = new RequestValidator();
        var assignee = v.OptionalString(post.Body.Assignee, "assignee", 200) ?? actor.Sub;
        if (string.IsNullOrWhiteSpace(assignee))
        {
            v.Add("assignee", "REQUIRED", "'assignee' must not be blank.");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        if (!PlatformId.IsWellFormedKey(caseId, 64))
        {
            return NotFound(caseId);
        }

        var (record, decided) = await reviewCases.AssignAsync(actor.Platform, caseId, assignee, actor.Sub, post.Cancellation);
        return record is null ? NotFound(caseId)
            : decided ? AlreadyDecided(caseId)
            : JsonText.Of(200, CaseBodies.Of(record, reviewCases.Now()));
    });

    public Task<IResult> Decide(HttpRequest request, string caseId) => posts.HandleAsync<CaseDecisionRequest>(request, StaffAccess.Compliance, async post =>
    {
        var actor = Actor.Of(post.Caller);
        var b = post.Body;
        var v = new RequestValidator();
        ReviewVerdict verdict = default;
        if (b.Decision is null)
        {
            v.Add("decision", "REQUIRED", "'decision' is required.");
        }
        else if (!CaseIds.TryParseVerdict(b.Decision, out verdict))
        {
            v.Add("decision", "INVALID_VALUE", $"'{b.Decision}' is not one of: {string.Join(", ", CaseIds.Verdicts)}.");
        }

        var codes = v.OptionalList(b.ReasonCodes, "reasonCodes", MaxReasonCodes);
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i] is not { Length: >= 1 and <= 64 } code || !code.All(ch => ch is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                v.Add($"reasonCodes[{i}]", "INVALID_FORMAT", $"'reasonCodes[{i}]' must be an UPPER_SNAKE code of 1-64 characters.");
            }
        }

        if (verdict == ReviewVerdict.Rejected && b.Decision is not null && codes.Count == 0)
        {
            v.Add("reasonCodes", "REQUIRED", "A rejection needs at least one reason code: the review record says why.");
        }

        var note = v.OptionalString(b.Note, "note", 2000);
        var missing = v.OptionalList(b.MissingItems, "missingItems", MaxMissingItems);
        for (var i = 0; i < missing.Count; i++)
        {
            v.RequiredString(missing[i], $"missingItems[{i}]", 200);
        }

        if (verdict == ReviewVerdict.NeedsMoreInformation && b.Decision is not null && missing.Count == 0)
        {
            v.Add("missingItems", "REQUIRED", "'needs_more_information' names the missing items for the platform.");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        if (!PlatformId.IsWellFormedKey(caseId, 64))
        {
            return NotFound(caseId);
        }

        var decision = new CaseDecision(verdict, codes, note, missing, actor.Sub, reviewCases.Now());
        var (record, refusal, reasons) = await reviewCases.DecideAsync(actor.Platform, caseId, decision, post.Cancellation);
        return refusal switch
        {
            null => JsonText.Of(200, CaseBodies.Of(record!, reviewCases.Now())),
            DecisionRefusal.NotFound => NotFound(caseId),
            DecisionRefusal.AlreadyDecided => AlreadyDecided(caseId),
            DecisionRefusal.NotApplicable => Problem.Unprocessable("DECISION_NOT_APPLICABLE", "An appeal is approved or rejected; it cannot ask for more documents."),
            DecisionRefusal.ApprovalNotPossible => Problem.Unprocessable(
                    "APPROVAL_NOT_POSSIBLE", "The rules reject this account now; a reviewer may waive a reason for review, never a rejection.")
                .With("reasons", reasons.Select(ReasonBody.Of).ToList()),
            _ => Problem.Conflict("NOTHING_TO_DECIDE_FROM", "The account has no stored check to decide from; ask the platform to check it again."),
        };
    });

    public async Task<IResult> GetSettings(HttpRequest request)
    {
        if (!StaffAccess.TryAuthorize(request, out var actor, out var problem, StaffAccess.Compliance))
        {
            return problem;
        }

        var set = await policyStore.FindLatestAsync(actor.Platform, PlatformPolicies.CaseSettings, request.HttpContext.RequestAborted);
        return SettingsBody(set);
    }

    public async Task<IResult> PutSettings(HttpRequest request)
    {
        if (!StaffAccess.TryAuthorize(request, out var actor, out var problem, StaffAccess.AdminOnly))
        {
            return problem;
        }

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<CaseSettingsRequest>(request, 16 * 1024, cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var v = new RequestValidator();
        var days = (int)v.Range(body.Value!.DueWorkingDays, "dueWorkingDays", 1, CaseDeadline.MaxWorkingDays);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var json = JsonSerializer.Serialize(new PlatformPolicies.CaseSettingsDocument(days), ApiJson.Options);
        var saved = await VersionedPolicies.SaveAsync(policyStore, actor, PlatformPolicies.CaseSettings, json, reviewCases.Now(), cancellation);
        return saved is null ? VersionedPolicies.Changed() : SettingsBody(saved);
    }

    private static IResult SettingsBody(PolicyVersion? set) => JsonText.Of(200, new Dictionary<string, object?>
    {
        ["dueWorkingDays"] = set is null ? CaseDeadline.DefaultWorkingDays : JsonSerializer.Deserialize<PlatformPolicies.CaseSettingsDocument>(set.Json, ApiJson.Options)!.DueWorkingDays,
        ["version"] = set?.Version ?? 0,
        ["default"] = set is null,
        ["setAt"] = ApiTime.Format(set?.SetAt),
        ["setBy"] = set?.SetBy,
    }.Where(p => p.Value is not null).ToDictionary());

    private Task<CaseRecord?> FindAsync(PlatformId platform, string caseId, CancellationToken cancellationToken) =>
        PlatformId.IsWellFormedKey(caseId, 64) ? store.FindAsync(platform, caseId, cancellationToken) : Task.FromResult<CaseRecord?>(null);

    private static Problem NotFound(string caseId) => Problem.NotFound("CASE_NOT_FOUND", $"No review case '{caseId}'.");

    private static Problem AlreadyDecided(string caseId) => Problem.Conflict("CASE_ALREADY_DECIDED", $"Review case '{caseId}' is decided; a decision is final.");
}

/// <summary>Saving a new version of a platform policy: unchanged documents keep their version; concurrent writers get 409.</summary>
internal static class VersionedPolicies
{
    public static async Task<PolicyVersion?> SaveAsync(PlatformPolicyStore store, Actor actor, string policy, string json, NodaTime.Instant at, CancellationToken cancellationToken)
    {
        var latest = await store.FindLatestAsync(actor.Platform, policy, cancellationToken);
        if (latest is not null && latest.Json == json)
        {
            return latest;
        }

        var next = new PolicyVersion((latest?.Version ?? 0) + 1, json, at, actor.Sub);
        return await store.TryAddAsync(actor.Platform, policy, next, cancellationToken) ? next : null;
    }

    public static Problem Changed() => Problem.Conflict("POLICY_CHANGED", "Another version was saved at the same moment; read it and try again.");
}
