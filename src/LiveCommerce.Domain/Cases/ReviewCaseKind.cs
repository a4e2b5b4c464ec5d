namespace LiveCommerce.Domain.Cases;

/// <summary>What a review case is about. Contract ids: <c>host_qualification</c>, <c>merchant_qualification</c>, <c>sanction_appeal</c>.</summary>
public enum ReviewCaseKind
{
    HostQualification,
    MerchantQualification,
    SanctionAppeal,
}

/// <summary>Where a case stands. Contract ids: <c>open</c>, <c>assigned</c>, <c>awaiting_information</c>, <c>decided</c>.</summary>
public enum ReviewCaseStatus
{
    Open,
    Assigned,

    /// <summary>A reviewer asked the platform for more documents; the account's next check re-opens the case.</summary>
    AwaitingInformation,
    Decided,
}

/// <summary>A reviewer's decision. Contract ids: <c>approved</c>, <c>rejected</c>, <c>needs_more_information</c>.</summary>
public enum ReviewVerdict
{
    Approved,
    Rejected,
    NeedsMoreInformation,
}

/// <summary>The contract's ids of the case enums, in one place.</summary>
public static class CaseIds
{
    public static string Of(ReviewCaseKind kind) => kind switch
    {
        ReviewCaseKind.HostQualification => "host_qualification",
        ReviewCaseKind.MerchantQualification => "merchant_qualification",
        _ => "sanction_appeal",
    };

    public static string Of(ReviewCaseStatus status) => status switch
    {
        ReviewCaseStatus.Open => "open",
        ReviewCaseStatus.Assigned => "assigned",
        ReviewCaseStatus.AwaitingInformation => "awaiting_information",
        _ => "decided",
    };

    public static string Of(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.Approved => "approved",
        ReviewVerdict.Rejected => "rejected",
        _ => "needs_more_information",
    };

    public static readonly IReadOnlyList<string> Statuses = ["open", "assigned", "awaiting_information", "decided"];

    public static readonly IReadOnlyList<string> Verdicts = ["approved", "rejected", "needs_more_information"];

    public static bool TryParseKind(string value, out ReviewCaseKind kind) => TryParse(value, Of, out kind);

    public static bool TryParseStatus(string value, out ReviewCaseStatus status) => TryParse(value, Of, out status);

    public static bool TryParseVerdict(string value, out ReviewVerdict verdict) => TryParse(value, Of, out verdict);

    private static bool TryParse<T>(string value, Func<T, string> id, out T parsed)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(id(candidate), value, StringComparison.Ordinal))
            {
                parsed = candidate;
                return true;
            }
        }

        parsed = default;
        return false;
    }
}
