using LiveCommerce.Domain.Identity;
using LiveCommerce.Http.Identity;
using LiveCommerce.Storage.Identity;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Http.BackgroundChecks;

/// <summary>
/// Re-verifies one merchant or host from what its latest decision relied on (the snapshot its standing keeps) and
/// the blacklist and verified name as they are now; the decision is stored as a new review record with
/// <c>trigger: "reverification"</c> and becomes the account's standing. Idempotent per message: the processed-message
/// row commits in the same transaction as the decision.
/// </summary>
public sealed class AccountReverification(QualificationStore store, TimeProvider clock, ILogger<AccountReverification> logger)
{
    private static readonly QualificationPolicy Policy = new();

    // A check over HTTP may replace the standing between our read and our commit: re-read and re-verify that one.
    private const int ConcurrentChangeAttempts = 5;

    public async Task<BackgroundCheckOutcome> ReverifyAsync(BackgroundCheckMessage message, SubjectKind kind, string accountId, CancellationToken cancellationToken)
    {
        var platform = message.Platform;
        var who = kind == SubjectKind.Merchant ? "merchant" : "host";
        for (var attempt = 1; ; attempt++)
        {
            var standing = await store.FindStandingAsync(platform, kind, accountId, cancellationToken);
            if (standing is null)
            {
                return new BackgroundCheckOutcome.Unprocessable("ACCOUNT_NOT_FOUND", $"The {who} '{accountId}' has no qualification check on record.");
            }

            if (standing.Snapshot is null)
            {
                return new BackgroundCheckOutcome.Unprocessable(
                    "NOTHING_TO_REVERIFY", $"The latest check of {who} '{accountId}' kept nothing to re-verify from; check the {who} again over HTTP.");
            }

            var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
            var (entityHash, personHash) = kind == SubjectKind.Merchant ? (standing.SubjectHash, standing.RepresentativeHash) : (null, standing.SubjectHash);
            var entity = entityHash is null ? Task.FromResult<SubjectRecord?>(null) : store.FindSubjectAsync(platform, entityHash, cancellationToken);
            var person = personHash is null ? Task.FromResult<SubjectRecord?>(null) : store.FindSubjectAsync(platform, personHash, cancellationToken);
            await Task.WhenAll(entity, person);
            var facts = new SubjectFacts
            {
                EntityBlacklisted = entity.Result?.IsBlacklistedAt(now) == true,
                PersonBlacklisted = person.Result?.IsBlacklistedAt(now) == true,
                PersonNameMismatch = person.Result?.VerifiedNameHash is { } verified && standing.NameHash is { } checkedUnder && verified != checkedUnder,
            };
            var decision = Policy.Reverify(standing.Snapshot, now, facts);

            // Derived from the message: a re-delivery would write the same record, and the message row refuses it first.
            var checkId = "qc_" + BackgroundCheckMessage.DerivedId(platform.Value, who, accountId, message.MessageId)[3..];
            var trigger = new ReverificationTrigger(message.CorrelationId, message.MessageId, standing.CheckId);
            var body = ReviewRecords.BodyOf(checkId, who + "Id", accountId, decision, trigger);
            var commit = await store.CommitReverificationAsync(
                platform, kind, accountId, standing,
                ReviewRecords.CheckOf(checkId, body, decision, trigger),
                ReviewRecords.StandingOf(checkId, decision, standing.SubjectHash, standing.RepresentativeHash, standing.NameHash),
                message.MessageId, now, cancellationToken);
            switch (commit)
            {
                case ReverificationCommit.AlreadyProcessed:
                    return new BackgroundCheckOutcome.Duplicate();
                case ReverificationCommit.StandingChanged when attempt < ConcurrentChangeAttempts:
                    continue;
                case ReverificationCommit.StandingChanged:
                    throw new InvalidOperationException($"The standing of {who} '{accountId}' changed {attempt} times while it was re-verified.");
            }

            // As after a first approval over HTTP: the name an approval verified is kept for NAME_MISMATCH.
            var masked = standing.Snapshot.MaskedIdentifiers.GetValueOrDefault(kind == SubjectKind.Merchant ? "legalRepresentative.idNumber" : "idNumber");
            if (decision.Outcome == Decision.Approved && personHash is not null && standing.NameHash is { } nameHash && masked is not null && person.Result?.VerifiedNameHash is null)
            {
                await store.TryBindVerifiedNameAsync(platform, personHash, "person", masked, nameHash, cancellationToken);
            }

            var outcome = DecisionIds.Of(decision.Outcome);
            logger.LogInformation(
                "Re-verified {Kind} {AccountId} on {Platform} as {CheckId}: {Decision} ({Reasons}), was {PreviousOutcome}",
                who, accountId, platform.Value, checkId, outcome, string.Join(",", decision.Reasons.Select(r => r.Code)), standing.Outcome);
            return new BackgroundCheckOutcome.Done($"{who} {accountId} re-verified as {checkId}: {outcome}");
        }
    }
}
