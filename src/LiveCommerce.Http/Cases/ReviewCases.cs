using LiveCommerce.Storage.Events;
using LiveCommerce.Storage.Tipping;
using LiveCommerce.Domain.Tipping;
using LiveCommerce.Domain.Events;
using System.Text.Json;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Cases;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Domain.Sanctions;
using LiveCommerce.Http.Identity;
using LiveCommerce.Http.Json;
using LiveCommerce.Storage.Cases;
using LiveCommerce.Storage.Filings;
using LiveCommerce.Storage.Identity;
using LiveCommerce.Storage.Sanctions;
using LiveCommerce.Workflows.Cases;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Http.Cases;

/// <summary>Why a decision was not taken (mapped to problem details by the endpoints).</summary>
public enum DecisionRefusal
{
    NotFound,
    AlreadyDecided,
    NotApplicable,

    /// <summary>The rules reject the account now (a blacklisting since, a lapsed licence): a person cannot approve that.</summary>
    ApprovalNotPossible,

    /// <summary>The account has no stored basis to decide from (no standing, or one from before snapshots were kept).</summary>
    NothingToDecideFrom,
}

/// <summary>
/// Review cases as the service runs them: a check answering <c>manual_review</c> opens one (or joins the account's
/// open case), reviewers assign and decide, and a final decision's effects are stored: for a qualification case a new
/// review record (<c>trigger: "manual_review"</c>, <c>reviewedBy</c>) that becomes the account's standing, for an
/// appeal the sanction's revocation. Effects are idempotent and keyed by the case, so the request, a retry and the
/// case's workflow can each complete them; the case row records that they were (<see cref="CaseRecord.AppliedCheckId"/>).
/// </summary>
public sealed class ReviewCases(
    ReviewCaseStore cases,
    QualificationStore qualification,
    SanctionStore sanctions,
    CalendarStore calendars,
    PlatformPolicies policies,
    ReviewCaseWorkflows workflows,
    HostTippingSanctions tipping,
    PlatformEvents events,
    TimeProvider clock,
    ILogger<ReviewCases> logger) : IReviewCaseEffects
{
    private const int ConcurrentChangeAttempts = 5;
    private static readonly QualificationPolicy Policy = new();

    public Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());

    /// <summary>
    /// After a committed qualification check: <c>manual_review</c> opens a case, or joins the account's open one
    /// (a resubmission after <c>needs_more_information</c> puts it back in the queue with a new due date). Any other
    /// outcome is noted on an open case's history and changes nothing else: the reviewer decides.
    /// </summary>
    public async Task OnCheckAsync(PlatformId platform, SubjectKind kind, string accountId, string checkId, Decision outcome, IReadOnlyList<Reason> reasons, CancellationToken cancellationToken)
    {
        var who = kind == SubjectKind.Merchant ? "merchant" : "host";
        var openKey = ReviewCaseStore.OpenKeyOf(platform, who, accountId);
        var now = Now();
        if (outcome != Decision.ManualReview)
        {
            if (await cases.FindOpenCaseIdAsync(platform, openKey, cancellationToken) is { } openId)
            {
                await cases.AppendEventOnceAsync(platform, openId, "check|" + checkId,
                    new CaseEvent("checked_again", now, "system", Json(new { checkId, decision = DecisionIds.Of(outcome) })), cancellationToken);
            }

            return;
        }

        var deadline = await DeadlineAsync(platform, now, cancellationToken);
        var subject = kind == SubjectKind.Merchant ? SanctionSubject.Merchant(accountId) : SanctionSubject.Host(accountId);
        var caseKind = kind == SubjectKind.Merchant ? ReviewCaseKind.MerchantQualification : ReviewCaseKind.HostQualification;
        var reasonsJson = Json(reasons.Select(ReasonBody.Of));
        var fresh = new CaseRecord(ReviewCase.Open(NewCaseId(), caseKind, now, deadline), subject, checkId, null, reasonsJson, null, null);
        var restarted = false;
        var opening = await cases.OpenOrAttachAsync(
            platform, openKey, fresh, new CaseEvent("opened", now, "system", Json(new { checkId })),
            current =>
            {
                var next = current.Case.Resubmit(deadline).Case;
                if (next is null)
                {
                    return null;
                }

                restarted = current.Case.Status == ReviewCaseStatus.AwaitingInformation;
                return (current with { Case = next, CheckId = checkId, ReasonsJson = reasonsJson },
                    new CaseEvent("resubmitted", now, "system", Json(new { checkId, previousCheckId = current.CheckId })));
            },
            cancellationToken);

        if (!opening.Attached)
        {
            logger.LogInformation("Review case {CaseId} opened for {Kind} {AccountId} on {Platform}, due {DueBy}", fresh.Case.CaseId, who, accountId, platform.Value, opening.Case.Case.Deadline.DueBy);
            await workflows.StartAsync(platform.Value, fresh.Case, cancellationToken);
        }
        else if (restarted)
        {
            await workflows.DeadlineChangedAsync(platform.Value, opening.Case.Case, cancellationToken);
        }
    }

    /// <summary>Opens the appeal of a sanction (one open appeal per sanction); <c>Attached</c> when one is already open.</summary>
    public async Task<CaseOpening> OpenAppealAsync(PlatformId platform, SanctionRecord sanction, string statement, string actor, CancellationToken cancellationToken)
    {
        var now = Now();
        var deadline = await DeadlineAsync(platform, now, cancellationToken);
        var rung = SanctionLadder.Of(sanction.Measure);
        var reasons = Json(new[] { new ReasonBody("SANCTION_APPEALED", $"Appeal against {rung.Id} ({rung.Article}): {sanction.Reason}", null) });
        var fresh = new CaseRecord(ReviewCase.Open(NewCaseId(), ReviewCaseKind.SanctionAppeal, now, deadline), sanction.Subject, null, sanction.SanctionId, reasons, statement, null);
        var opening = await cases.OpenOrAttachAsync(
            platform, ReviewCaseStore.OpenKeyOf(platform, "appeal", sanction.SanctionId), fresh,
            new CaseEvent("opened", now, actor, Json(new { sanctionId = sanction.SanctionId })), _ => null, cancellationToken);
        if (!opening.Attached)
        {
            await workflows.StartAsync(platform.Value, fresh.Case, cancellationToken);
        }

        return opening;
    }

    public async Task<(CaseRecord? Case, bool Decided)> AssignAsync(PlatformId platform, string caseId, string assignee, string actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ConcurrentChangeAttempts; attempt++)
        {
            if (await cases.FindAsync(platform, caseId, cancellationToken) is not { } current)
            {
                return (null, false);
            }

            if (current.Case.Assign(assignee).Case is not { } next)
            {
                return (current, true);
            }

            var changed = current with { Case = next };
            if (await cases.TryUpdateAsync(platform, changed, new CaseEvent("assigned", Now(), actor, Json(new { assignee })), null, cancellationToken))
            {
                return (changed, false);
            }
        }

        throw new InvalidOperationException($"Case {caseId} changed {ConcurrentChangeAttempts} times while it was assigned.");
    }

    /// <summary>A reviewer's decision; on success the case as decided (its effects stored), else why not.</summary>
    public async Task<(CaseRecord? Case, DecisionRefusal? Refusal, IReadOnlyList<Reason> Reasons)> DecideAsync(
        PlatformId platform, string caseId, CaseDecision decision, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ConcurrentChangeAttempts; attempt++)
        {
            if (await cases.FindAsync(platform, caseId, cancellationToken) is not { } current)
            {
                return (null, DecisionRefusal.NotFound, []);
            }

            if (current.Case.IsDecided)
            {
                await ApplyAsync(platform, current, cancellationToken); // a request that crashed after its decision
                return (current, DecisionRefusal.AlreadyDecided, []);
            }

            if (current.Case.Kind != ReviewCaseKind.SanctionAppeal && decision.Verdict != ReviewVerdict.NeedsMoreInformation)
            {
                var (refusal, reasons) = await CheckDecidableAsync(platform, current, decision, cancellationToken);
                if (refusal is not null)
                {
                    return (current, refusal, reasons);
                }
            }

            var result = current.Case.Decide(decision.Verdict, decision.DecidedBy, decision.DecidedAt);
            if (result.Case is not { } next)
            {
                return (current, result.Refusal == CaseRefusal.AlreadyDecided ? DecisionRefusal.AlreadyDecided : DecisionRefusal.NotApplicable, []);
            }

            var changed = current with { Case = next, Decision = decision };
            var entry = new CaseEvent(CaseIds.Of(decision.Verdict), decision.DecidedAt, decision.DecidedBy,
                Json(new { reasonCodes = decision.ReasonCodes, note = decision.Note, missingItems = decision.MissingItems }));
            if (!await cases.TryUpdateAsync(platform, changed, entry, next.IsDecided ? OpenKeyOf(platform, current) : null, cancellationToken))
            {
                continue;
            }

            logger.LogInformation("Review case {CaseId} on {Platform}: {Verdict} by {Reviewer}", caseId, platform.Value, CaseIds.Of(decision.Verdict), decision.DecidedBy);
            if (next.IsDecided)
            {
                await ApplyAsync(platform, changed, cancellationToken);
                await workflows.DecidedAsync(platform.Value, caseId, cancellationToken);
                await events.PublishAsync(platform, EventTypes.ReviewCaseDecided, caseId, new
                {
                    caseId,
                    kind = CaseIds.Of(changed.Case.Kind),
                    decision = CaseIds.Of(decision.Verdict),
                    reasonCodes = decision.ReasonCodes,
                    decidedBy = decision.DecidedBy,
                }, cancellationToken);
            }

            return (await cases.FindAsync(platform, caseId, cancellationToken) ?? changed, null, []);
        }

        throw new InvalidOperationException($"Case {caseId} changed {ConcurrentChangeAttempts} times while it was decided.");
    }

    public async Task RemindAsync(ReviewCaseRef reference, CancellationToken cancellationToken)
    {
        var platform = PlatformOf(reference.Platform);
        if (await cases.FindAsync(platform, reference.CaseId, cancellationToken) is { Case.IsDecided: false } open)
        {
            await cases.AppendEventOnceAsync(platform, open.Case.CaseId, "reminded|" + open.Case.Deadline.DueBy.ToString("yyyy-MM-dd", null),
                new CaseEvent("reminded", Now(), "system", Json(new { assignee = open.Case.Assignee, dueBy = ApiTime.Format(open.Case.Deadline.DueBy) })), cancellationToken);
            logger.LogInformation("Review case {CaseId} on {Platform} is due today; assignee {Assignee}", open.Case.CaseId, platform.Value, open.Case.Assignee ?? "(none)");
        }
    }

    public async Task EscalateAsync(ReviewCaseRef reference, CancellationToken cancellationToken)
    {
        var platform = PlatformOf(reference.Platform);
        if (await cases.FindAsync(platform, reference.CaseId, cancellationToken) is { Case.IsDecided: false } open)
        {
            await cases.AppendEventOnceAsync(platform, open.Case.CaseId, "overdue|" + open.Case.Deadline.DueBy.ToString("yyyy-MM-dd", null),
                new CaseEvent("overdue", Now(), "system", Json(new { assignee = open.Case.Assignee, dueBy = ApiTime.Format(open.Case.Deadline.DueBy) })), cancellationToken);
            // The platform event review_case.overdue goes out here once the event feed (issue #13, branch events) is on main.
            logger.LogWarning("Review case {CaseId} on {Platform} is overdue (due {DueBy}); assignee {Assignee}", open.Case.CaseId, platform.Value, open.Case.Deadline.DueBy, open.Case.Assignee ?? "(none)");
        }
    }

    public async Task ApplyDecisionAsync(ReviewCaseRef reference, CancellationToken cancellationToken)
    {
        var platform = PlatformOf(reference.Platform);
        if (await cases.FindAsync(platform, reference.CaseId, cancellationToken) is { } decided)
        {
            await ApplyAsync(platform, decided, cancellationToken);
        }
    }

    public static string OpenKeyOf(PlatformId platform, CaseRecord record) =>
        record.Case.Kind == ReviewCaseKind.SanctionAppeal
            ? ReviewCaseStore.OpenKeyOf(platform, "appeal", record.SanctionId ?? string.Empty)
            : ReviewCaseStore.OpenKeyOf(platform, record.Subject.KindId, record.Subject.Id);

    private async Task<(DecisionRefusal?, IReadOnlyList<Reason>)> CheckDecidableAsync(PlatformId platform, CaseRecord current, CaseDecision decision, CancellationToken cancellationToken)
    {
        var kind = KindOf(current);
        var standing = await qualification.FindStandingAsync(platform, kind, current.Subject.Id, cancellationToken);
        if (standing?.Snapshot is null)
        {
            return (DecisionRefusal.NothingToDecideFrom, []);
        }

        if (decision.Verdict == ReviewVerdict.Approved)
        {
            var (facts, _) = await StandingFacts.ReadAsync(qualification, platform, kind, standing, decision.DecidedAt, cancellationToken);
            var approval = Policy.ApproveAfterReview(standing.Snapshot, decision.DecidedAt, facts);
            if (approval.Outcome != Decision.Approved)
            {
                return (DecisionRefusal.ApprovalNotPossible, approval.Reasons);
            }
        }

        return (null, []);
    }

    /// <summary>Stores a final decision's effects unless they are (each step is idempotent), then marks the case.</summary>
    private async Task ApplyAsync(PlatformId platform, CaseRecord record, CancellationToken cancellationToken)
    {
        if (record.AppliedCheckId is not null || !record.Case.IsDecided || record.Decision is not { } decision)
        {
            return;
        }

        string applied;
        if (record.Case.Kind == ReviewCaseKind.SanctionAppeal)
        {
            applied = record.SanctionId ?? string.Empty;
            if (decision.Verdict == ReviewVerdict.Approved && await sanctions.FindAsync(platform, applied, cancellationToken) is { } sanction)
            {
                await sanctions.RevokeAsync(platform, sanction, new SanctionRevocation(decision.DecidedAt, record.Case.CaseId, decision.DecidedBy), cancellationToken);
                foreach (var subjectHash in sanction.BlacklistedSubjects)
                {
                    await qualification.LiftBlacklistAsync(platform, subjectHash, SanctionRecord.BlacklistIdOf(sanction.SanctionId), decision.DecidedAt, cancellationToken);
                }

                if (sanction.Subject.Kind == SanctionSubjectKind.Host && SanctionLadder.Of(sanction.Measure).SuspendsTipping)
                {
                    await tipping.EndAsync(platform, sanction.Subject.Id, new HostTippingSuspension(sanction.SanctionId, sanction.StartsAt, sanction.EndsAt), decision.DecidedAt, cancellationToken);
                }

                await events.PublishAsync(platform, EventTypes.SanctionEnded, sanction.SanctionId + "|revoked", new { sanctionId = sanction.SanctionId, status = "revoked", caseId = record.Case.CaseId }, cancellationToken);
                logger.LogInformation("Sanction {SanctionId} on {Platform} revoked by appeal {CaseId}", sanction.SanctionId, platform.Value, record.Case.CaseId);
            }
        }
        else
        {
            applied = await ApplyQualificationAsync(platform, record, decision, cancellationToken);
            if (decision.Verdict == ReviewVerdict.Rejected)
            {
                await sanctions.RecordViolationAsync(platform, record.Subject, record.Case.CaseId, decision.DecidedAt, cancellationToken);
            }
        }

        // The platform event review_case.decided goes out here once the event feed (branch events) is on main.
        await cases.MarkAppliedAsync(platform, record.Case.CaseId, applied, cancellationToken);
    }

    /// <summary>The reviewer's decision as a new review record and the account's standing; returns its check id.</summary>
    private async Task<string> ApplyQualificationAsync(PlatformId platform, CaseRecord record, CaseDecision decision, CancellationToken cancellationToken)
    {
        var kind = KindOf(record);
        var accountId = record.Subject.Id;
        var checkId = "qc_" + record.Case.CaseId[(record.Case.CaseId.IndexOf('_') + 1)..]; // one review record per case
        for (var attempt = 1; attempt <= ConcurrentChangeAttempts; attempt++)
        {
            var standing = await qualification.FindStandingAsync(platform, kind, accountId, cancellationToken);
            if (standing?.Snapshot is null)
            {
                logger.LogWarning("Review case {CaseId}: {Kind} {AccountId} has no stored basis; no review record written", record.Case.CaseId, kind, accountId);
                return "none";
            }

            var (facts, person) = await StandingFacts.ReadAsync(qualification, platform, kind, standing, decision.DecidedAt, cancellationToken);
            var outcome = decision.Verdict == ReviewVerdict.Approved
                ? Policy.ApproveAfterReview(standing.Snapshot, decision.DecidedAt, facts)
                : Policy.Reverify(standing.Snapshot, decision.DecidedAt, facts) with
                {
                    Outcome = Decision.Rejected,
                    Reasons = [.. decision.ReasonCodes.Select(code => new Reason(code, decision.Note ?? "Rejected by a reviewer."))],
                    ValidUntil = null,
                    EarliestLicenceExpiry = null,
                };
            var trigger = new ManualReviewTrigger(record.Case.CaseId, decision.DecidedBy, decision.ReasonCodes, decision.Note, record.CheckId ?? standing.CheckId);
            var body = ReviewRecords.BodyOf(checkId, record.Subject.Field, accountId, outcome, review: trigger);
            var commit = await qualification.CommitReverificationAsync(
                platform, kind, accountId, standing,
                ReviewRecords.CheckOf(checkId, body, outcome, review: trigger),
                ReviewRecords.StandingOf(checkId, outcome, standing.SubjectHash, standing.RepresentativeHash, standing.NameHash),
                "case-" + record.Case.CaseId, decision.DecidedAt, cancellationToken);
            if (commit == ReverificationCommit.StandingChanged)
            {
                continue;
            }

            var personHash = kind == SubjectKind.Merchant ? standing.RepresentativeHash : standing.SubjectHash;
            var masked = standing.Snapshot.MaskedIdentifiers.GetValueOrDefault(kind == SubjectKind.Merchant ? "legalRepresentative.idNumber" : "idNumber");
            if (commit == ReverificationCommit.Committed && outcome.Outcome == Decision.Approved && personHash is not null && standing.NameHash is { } nameHash && masked is not null && person?.VerifiedNameHash is null)
            {
                // A first approval binds the verified name (conditional insert); if another name won meanwhile, that one stays.
                _ = await qualification.TryBindVerifiedNameAsync(platform, personHash, "person", masked, nameHash, cancellationToken);
            }

            return checkId;
        }

        throw new InvalidOperationException($"The standing of {kind} '{accountId}' changed {ConcurrentChangeAttempts} times while case {record.Case.CaseId} was applied.");
    }

    private async Task<CaseDeadline> DeadlineAsync(PlatformId platform, Instant at, CancellationToken cancellationToken)
    {
        var calendar = calendars.LoadAsync(platform, cancellationToken);
        var days = policies.DueWorkingDaysAsync(platform, cancellationToken);
        return CaseDeadline.For(await calendar, at, await days);
    }

    private static SubjectKind KindOf(CaseRecord record) =>
        record.Subject.Kind == SanctionSubjectKind.Merchant ? SubjectKind.Merchant : SubjectKind.Host;

    private static PlatformId PlatformOf(string value) =>
        PlatformId.TryParse(value, out var platform) ? platform : throw new ArgumentException($"'{value}' is not a platform id.", nameof(value));

    private static string NewCaseId() => "rc_" + Guid.CreateVersion7().ToString("N");

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ApiJson.Options);
}
