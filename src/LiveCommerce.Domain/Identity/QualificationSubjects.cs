using NodaTime;

namespace LiveCommerce.Domain.Identity;

/// <summary>
/// The identifiers of an application that parsed, so storage can hash them (blacklist, verified names). Null where
/// the raw text was invalid: such a subject cannot be looked up, and the decision rejects it anyway.
/// </summary>
public sealed record QualificationSubjects(CreditCode? Entity, ResidentIdNumber? Person)
{
    /// <summary>No parsed identifiers: a re-verification works from hashes and masked forms only.</summary>
    public static QualificationSubjects None { get; } = new(null, null);

    public static QualificationSubjects Of(MerchantApplication application, Instant checkedAt) =>
        new(ParseEntity(application.CreditCode), ParsePerson(application.LegalRepresentative.IdNumber, checkedAt));

    public static QualificationSubjects Of(HostApplication application, Instant checkedAt) =>
        new(null, ParsePerson(application.IdNumber, checkedAt));

    private static CreditCode? ParseEntity(string raw) =>
        CreditCode.TryParse(raw, out var code, out _) ? code : null;

    private static ResidentIdNumber? ParsePerson(string raw, Instant checkedAt) =>
        ResidentIdNumber.TryParse(raw, ChinaTime.DateOf(checkedAt), out var id, out _) ? id : null;
}
