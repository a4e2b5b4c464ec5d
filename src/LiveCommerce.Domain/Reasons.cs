namespace LiveCommerce.Domain;

/// <summary>One reason behind a decision. Codes are part of the public contract and never change meaning.</summary>
public sealed record Reason(string Code, string Message, string? Field = null);

/// <summary>The stable reason codes of the HTTP contract (docs/api.md, "Decisions and reason codes").</summary>
public static class ReasonCodes
{
    public const string IdNumberInvalid = "ID_NUMBER_INVALID";
    public const string CreditCodeInvalid = "CREDIT_CODE_INVALID";
    public const string HostUnder16 = "HOST_UNDER_16";
    public const string GuardianConsentRequired = "GUARDIAN_CONSENT_REQUIRED";
    public const string Blacklisted = "BLACKLISTED";
    public const string LicenceMissing = "LICENCE_MISSING";
    public const string LicenceExpired = "LICENCE_EXPIRED";
    public const string ProfessionalQualificationRequired = "PROFESSIONAL_QUALIFICATION_REQUIRED";
    public const string AdvanceReportRequired = "ADVANCE_REPORT_REQUIRED";
    public const string PortraitConsentRequired = "PORTRAIT_CONSENT_REQUIRED";
    public const string ReverificationDue = "REVERIFICATION_DUE";
    public const string NameMismatch = "NAME_MISMATCH";
    public const string CategoryProhibited = "CATEGORY_PROHIBITED";
}
