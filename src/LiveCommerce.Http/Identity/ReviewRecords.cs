using System.Text.Json;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Http.Json;
using LiveCommerce.Storage.Identity;

namespace LiveCommerce.Http.Identity;

/// <summary>What re-verification adds to a review record: why it was made, and the message that asked for it.</summary>
public sealed record ReverificationTrigger(string CorrelationId, string MessageId, string PreviousCheckId)
{
    public const string Trigger = "reverification";
}

/// <summary>
/// What a reviewer's decision adds to a review record: the case it closed, who decided (the caller's <c>sub</c>), the
/// reviewer's reason codes and note, and the check the case was about.
/// </summary>
public sealed record ManualReviewTrigger(string CaseId, string ReviewedBy, IReadOnlyList<string> ReasonCodes, string? Note, string PreviousCheckId)
{
    public const string Trigger = "manual_review";
}

/// <summary>
/// The stored forms of a qualification decision, the same for a check over HTTP and a re-verification: the review
/// record (the body the contract answers with) and the account's new standing.
/// </summary>
public static class ReviewRecords
{
    /// <summary>The decision as the contract writes it; a re-verification adds <c>trigger</c>, <c>correlationId</c> and <c>previousCheckId</c>.</summary>
    public static string BodyOf(string checkId, string accountField, string accountId, QualificationDecision decision, ReverificationTrigger? reverification = null, ManualReviewTrigger? review = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["checkId"] = checkId,
            [accountField] = accountId,
            ["decision"] = DecisionIds.Of(decision.Outcome),
            ["reasons"] = decision.Reasons.Select(ReasonBody.Of).ToList(),
            ["warnings"] = decision.Warnings.Select(ReasonBody.Of).ToList(),
            ["ruleSetVersion"] = decision.RuleSetVersion,
            ["checkedAt"] = ApiTime.Format(decision.CheckedAt),
            ["subject"] = decision.MaskedIdentifiers,
        };
        if (decision.ValidUntil is { } validUntil)
        {
            body["validUntil"] = ApiTime.Format(validUntil);
        }

        if (reverification is not null)
        {
            body["trigger"] = ReverificationTrigger.Trigger;
            body["correlationId"] = reverification.CorrelationId;
            body["previousCheckId"] = reverification.PreviousCheckId;
        }

        if (review is not null)
        {
            body["trigger"] = ManualReviewTrigger.Trigger;
            body["caseId"] = review.CaseId;
            body["reviewedBy"] = review.ReviewedBy;
            body["reasonCodes"] = review.ReasonCodes;
            body["note"] = review.Note;
            body["previousCheckId"] = review.PreviousCheckId;
        }

        return JsonSerializer.Serialize(body, ApiJson.Options);
    }

    public static CheckRecord CheckOf(string checkId, string body, QualificationDecision decision, ReverificationTrigger? reverification = null, ManualReviewTrigger? review = null) =>
        new(checkId, body, DecisionIds.Of(decision.Outcome), decision.CheckedAt, decision.ValidUntil, decision.RuleSetVersion,
            reverification is not null ? ReverificationTrigger.Trigger : review is not null ? ManualReviewTrigger.Trigger : null,
            reverification?.CorrelationId ?? review?.CaseId);

    /// <param name="subjectHash">The entity's hash for a merchant, the person's for a host.</param>
    /// <param name="representativeHash">A merchant's legal representative; null for a host.</param>
    /// <param name="nameHash">The keyed hash of the name the person was checked under.</param>
    public static StandingRecord StandingOf(string checkId, QualificationDecision decision, string? subjectHash, string? representativeHash, string? nameHash) =>
        new(checkId, DecisionIds.Of(decision.Outcome), decision.CheckedAt, decision.ValidUntil, subjectHash, representativeHash,
            decision.Basis is MerchantSnapshot merchant ? LicencesJson(merchant.Licences) : null,
            nameHash, decision.Basis, decision.EarliestLicenceExpiry);

    /// <summary>The licences of a merchant's standing, as <see cref="StoredLicences"/> reads them.</summary>
    private static string LicencesJson(IEnumerable<Licence> licences) => JsonSerializer.Serialize(
        licences.Select(l => new { type = l.Type.Id, number = l.Number, validFrom = ApiTime.Format(l.ValidFrom), validTo = ApiTime.Format(l.ValidTo) }),
        ApiJson.Options);
}
