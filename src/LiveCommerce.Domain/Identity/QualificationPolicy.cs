using NodaTime;

namespace LiveCommerce.Domain.Identity;

/// <summary>
/// Decides whether a merchant (room operator) or a host (marketer) may sell live. Lists every failing reason, so one
/// round trip tells the platform everything to fix.
/// </summary>
public sealed class QualificationPolicy(LicenceMatrix matrix)
{
    /// <summary>
    /// The rules encoded here: SAMR/CAC Order No. 117 (直播电商监督管理办法, effective 2026-02-01), Minors
    /// Protection Law art. 76, and the contract's category matrix. Stored with every decision: bump on any change.
    /// </summary>
    public const string RuleSetVersion = "cn-live-commerce-2026.02";

    /// <summary>Minors Protection Law art. 76: no publisher accounts for minors under 16.</summary>
    public const int MinimumHostAge = 16;

    /// <summary>Below this a host needs a guardian's consent (art. 76); a guardian must have reached it.</summary>
    public const int AdultAge = 18;

    /// <summary>Order 117 art. 8: "至少每六个月核验更新一次", at least every six months.</summary>
    public static Period ReverificationInterval { get; } = Period.FromMonths(6);

    public QualificationPolicy()
        : this(LicenceMatrix.Current)
    {
    }

    public QualificationDecision EvaluateMerchant(
        MerchantApplication application, Instant checkedAt, SubjectFacts facts)
    {
        var identity = new IdentityFindings(checkedAt);
        var entity = CheckCreditCode(application.CreditCode, identity, out var creditCodeFinding);
        var person = CheckIdNumber(
            application.LegalRepresentative.IdNumber, "legal representative", "legalRepresentative.", identity, out var idFinding);
        var basis = new MerchantSnapshot
        {
            MaskedIdentifiers = identity.MaskedIdentifiers,
            Warnings = identity.Warnings,
            CreditCodeFinding = creditCodeFinding,
            RepresentativeIdFinding = idFinding,
            Categories = [.. application.Categories],
            Licences = [.. application.Licences],
        };
        return Decide(basis, checkedAt, facts, new QualificationSubjects(entity, person));
    }

    public QualificationDecision EvaluateHost(HostApplication application, Instant checkedAt, SubjectFacts facts)
    {
        var identity = new IdentityFindings(checkedAt);
        var host = CheckIdNumber(application.IdNumber, "host", fieldPrefix: "", identity, out var idFinding);
        var basis = new HostSnapshot
        {
            MaskedIdentifiers = identity.MaskedIdentifiers,
            Warnings = identity.Warnings,
            IdNumberFinding = idFinding,
            AgeFindings = host is null ? [] : CheckAge(host, application.GuardianConsent, identity),
            ProfessionalFields = [.. application.ProfessionalFields],
            VirtualAvatar = application.VirtualAvatar,
            IsPublicFigure = application.IsPublicFigure,
            IsOverseas = application.IsOverseas,
        };
        return Decide(basis, checkedAt, facts, new QualificationSubjects(null, host));
    }

    /// <summary>
    /// Re-verification (Order 117 art. 8) of what an earlier decision relied on, at <paramref name="at"/>: licences and
    /// certificates are judged on that day, the blacklist and the verified name come from <paramref name="facts"/> as
    /// they are now, and an approval runs six months from <paramref name="at"/>. The verdicts on the identifiers are
    /// carried (a valid ID number stays valid; age only grows), so the raw identifiers are not needed. Evaluating the
    /// same application at <paramref name="at"/> gives the same decision whenever those verdicts would not change.
    /// </summary>
    /// <returns>A decision with the same <see cref="QualificationDecision.Basis"/> and no parsed subjects.</returns>
    public QualificationDecision Reverify(QualificationSnapshot snapshot, Instant at, SubjectFacts facts) => snapshot switch
    {
        MerchantSnapshot merchant => Decide(merchant, at, facts, QualificationSubjects.None),
        HostSnapshot host => Decide(host, at, facts, QualificationSubjects.None),
        _ => throw new ArgumentException($"Unknown snapshot type {snapshot.GetType().Name}.", nameof(snapshot)),
    };

    /// <summary>
    /// A reviewer's approval of a <see cref="Decision.ManualReview"/> (Order 117 art. 12: a person decides, on record):
    /// the rules run again, as in <see cref="Reverify"/>, on what the check relied on; the reasons that only asked for
    /// review are waived and kept as warnings. A rejection is not waived: the result is then still rejected.
    /// </summary>
    public QualificationDecision ApproveAfterReview(QualificationSnapshot snapshot, Instant at, SubjectFacts facts) => snapshot switch
    {
        MerchantSnapshot merchant => Decide(merchant, at, facts, QualificationSubjects.None, reviewWaived: true),
        HostSnapshot host => Decide(host, at, facts, QualificationSubjects.None, reviewWaived: true),
        _ => throw new ArgumentException($"Unknown snapshot type {snapshot.GetType().Name}.", nameof(snapshot)),
    };

    // One path for a first check and a re-verification, in the order of the request's fields.
    private QualificationDecision Decide(MerchantSnapshot basis, Instant at, SubjectFacts facts, QualificationSubjects subjects, bool reviewWaived = false)
    {
        var findings = new QualificationFindings(at);
        findings.Carry(basis.CreditCodeFinding);
        if (facts.EntityBlacklisted)
        {
            findings.Reject(ReasonCodes.Blacklisted, "The merchant is blacklisted.", "creditCode");
        }

        findings.Carry(basis.RepresentativeIdFinding);
        CheckPersonFacts(facts, "legal representative", "legalRepresentative.", findings);

        var seen = new HashSet<ProductCategory>();
        for (var i = 0; i < basis.Categories.Count; i++)
        {
            var category = basis.Categories[i];
            if (seen.Add(category))
            {
                CheckCategory(category, $"categories[{i}]", basis.Licences, findings);
            }
        }

        return findings.ToDecision(basis, subjects, reviewWaived);
    }

    private static QualificationDecision Decide(HostSnapshot basis, Instant at, SubjectFacts facts, QualificationSubjects subjects, bool reviewWaived = false)
    {
        var findings = new QualificationFindings(at);
        findings.Carry(basis.IdNumberFinding);
        CheckPersonFacts(facts, "host", fieldPrefix: "", findings);
        foreach (var finding in basis.AgeFindings)
        {
            findings.Carry(finding);
        }

        CheckProfessionalFields(basis.ProfessionalFields, findings);

        if (basis.VirtualAvatar is { PortraitOwnerConsent: false })
        {
            findings.Reject(
                ReasonCodes.PortraitConsentRequired,
                "A virtual avatar needs the consent of the person whose likeness it uses.",
                "virtualAvatar.portraitOwnerConsent");
        }

        // Listed even when the host is rejected for other reasons: the platform learns it before trying again.
        if (basis.IsPublicFigure)
        {
            findings.RequireReview(
                ReasonCodes.AdvanceReportRequired,
                "A public figure as host must be reported in advance.",
                "isPublicFigure");
        }

        if (basis.IsOverseas)
        {
            findings.RequireReview(
                ReasonCodes.AdvanceReportRequired, "An overseas host must be reported in advance.", "isOverseas");
        }

        return findings.ToDecision(basis, subjects, reviewWaived);
    }

    private static CreditCode? CheckCreditCode(string raw, IdentityFindings findings, out Reason? rejection)
    {
        if (!CreditCode.TryParse(raw, out var code, out var error))
        {
            // Masked all the same: what was typed here may be anything, a person's ID number included.
            findings.RecordIdentifier("creditCode", ResidentIdNumber.Mask(raw));
            rejection = new Reason(ReasonCodes.CreditCodeInvalid, error, "creditCode");
            return null;
        }

        rejection = null;
        findings.RecordIdentifier("creditCode", code.Value);
        foreach (var warning in code.Warnings)
        {
            findings.Warn(warning, CreditCodeWarningMessage(warning), "creditCode");
        }

        return code;
    }

    private static string CreditCodeWarningMessage(string warning) => warning switch
    {
        CreditCode.OrganisationCodeCheckFailed => "The organisation code inside the credit code fails its own check.",
        CreditCode.UnknownRegistrationAuthorityOrEntityType =>
            "The credit code names an unknown registration authority or entity type.",
        _ => "The credit code looks unusual.",
    };

    private static ResidentIdNumber? CheckIdNumber(
        string raw, string role, string fieldPrefix, IdentityFindings findings, out Reason? rejection)
    {
        var field = fieldPrefix + "idNumber";
        if (!ResidentIdNumber.TryParse(raw, findings.Today, out var id, out var error))
        {
            findings.RecordIdentifier(field, ResidentIdNumber.Mask(raw));
            rejection = new Reason(ReasonCodes.IdNumberInvalid, $"The {role}'s ID number is invalid. {error}", field);
            return null;
        }

        rejection = null;
        findings.RecordIdentifier(field, id.Masked);
        return id;
    }

    // Order 117 art. 8: no service to persons whose identity information is inconsistent, nor to barred persons.
    private static void CheckPersonFacts(
        SubjectFacts facts, string role, string fieldPrefix, QualificationFindings findings)
    {
        if (facts.PersonBlacklisted)
        {
            findings.Reject(ReasonCodes.Blacklisted, $"The {role} is blacklisted.", fieldPrefix + "idNumber");
        }

        if (facts.PersonNameMismatch)
        {
            findings.Reject(
                ReasonCodes.NameMismatch,
                $"The {role}'s name differs from the name verified earlier for this ID number.",
                fieldPrefix + "name");
        }
    }

    private void CheckCategory(
        ProductCategory category, string field, IReadOnlyList<Licence> licences, QualificationFindings findings)
    {
        switch (matrix.RequirementFor(category))
        {
            case LicenceRequirement.Prohibited:
                findings.Reject(ReasonCodes.CategoryProhibited, $"Category {category.Id} cannot be sold live.", field);
                break;
            case LicenceRequirement.AnyOf requirement:
                CheckLicence(category, requirement, field, licences, findings);
                break;
        }
    }

    /// <summary>
    /// A current licence of a suitable type satisfies the category; of several, the approval relies on the one valid
    /// longest. Otherwise EXPIRED when a suitable one has lapsed, else MISSING, which includes a suitable licence
    /// not valid yet: the merchant holds none in force, and nothing of theirs has expired.
    /// </summary>
    private static void CheckLicence(
        ProductCategory category,
        LicenceRequirement.AnyOf requirement,
        string categoryField,
        IReadOnlyList<Licence> licences,
        QualificationFindings findings)
    {
        var today = findings.Today;

        // Tuples keep each licence's index for the reason's field; FirstOrDefault of none has a null Licence.
        var suitable = licences
            .Select((licence, index) => (Licence: licence, Index: index))
            .Where(x => requirement.IsSatisfiedBy(x.Licence.Type))
            .ToList();

        var current = suitable
            .Where(x => x.Licence.IsValidOn(today))
            .OrderByDescending(x => x.Licence.ValidTo)
            .FirstOrDefault();
        if (current.Licence is not null)
        {
            findings.RelyOn(current.Licence.ExpiresAt);
            return;
        }

        var (lastExpired, index) = suitable
            .Where(x => x.Licence.ValidTo < today)
            .OrderByDescending(x => x.Licence.ValidTo)
            .FirstOrDefault();
        if (lastExpired is not null)
        {
            findings.Reject(
                ReasonCodes.LicenceExpired,
                $"The {lastExpired.Type.Id} for category {category.Id} expired on {lastExpired.ValidTo:uuuu-MM-dd}.",
                $"licences[{index}]");
            return;
        }

        var accepted = string.Join(" or ", requirement.Types.Select(t => t.Id).Order(StringComparer.Ordinal));
        var notYetValid = suitable.Count > 0 ? " (one is not valid yet)" : string.Empty;
        findings.Reject(
            ReasonCodes.LicenceMissing,
            $"Category {category.Id} needs a current {accepted}{notYetValid}.",
            categoryField);
    }

    private static List<Reason> CheckAge(ResidentIdNumber host, GuardianConsent? consent, IdentityFindings findings)
    {
        var age = host.AgeOn(findings.Today);
        if (age < MinimumHostAge)
        {
            return [new Reason(ReasonCodes.HostUnder16, "The host is under 16 on the check date.", "idNumber")];
        }

        return age < AdultAge ? CheckGuardianConsent(consent, findings) : [];
    }

    /// <summary>Each missing or wrong part of the consent is its own reason, pointing at that part.</summary>
    private static List<Reason> CheckGuardianConsent(GuardianConsent? consent, IdentityFindings findings)
    {
        const string code = ReasonCodes.GuardianConsentRequired;
        if (consent is null)
        {
            return [new Reason(code, "A host aged 16 or 17 needs a guardian's consent.", "guardianConsent")];
        }

        var rejections = new List<Reason>();
        if (string.IsNullOrWhiteSpace(consent.GuardianName))
        {
            rejections.Add(new Reason(code, "The guardian's name is missing.", "guardianConsent.guardianName"));
        }

        const string idField = "guardianConsent.guardianIdNumber";
        if (!ResidentIdNumber.TryParse(consent.GuardianIdNumber, findings.Today, out var guardian, out var error))
        {
            findings.RecordIdentifier(idField, ResidentIdNumber.Mask(consent.GuardianIdNumber));
            rejections.Add(new Reason(code, $"The guardian's ID number is invalid. {error}", idField));
        }
        else
        {
            findings.RecordIdentifier(idField, guardian.Masked);
            if (guardian.AgeOn(findings.Today) < AdultAge)
            {
                rejections.Add(new Reason(code, "The guardian is not an adult.", idField));
            }
        }

        if (string.IsNullOrWhiteSpace(consent.DocumentRef))
        {
            rejections.Add(new Reason(code, "The reference to the signed consent is missing.", "guardianConsent.documentRef"));
        }

        return rejections;
    }

    /// <summary>
    /// Each field the host declares needs a current certificate; of several for one field, the approval relies on the
    /// one valid longest. A field without one is reported once, at its first entry.
    /// </summary>
    private static void CheckProfessionalFields(
        IReadOnlyList<ProfessionalCredential> credentials, QualificationFindings findings)
    {
        var byField = credentials
            .Select((credential, index) => (Credential: credential, Index: index))
            .GroupBy(x => x.Credential.Field);

        foreach (var entries in byField)
        {
            var current = entries
                .Select(x => x.Credential)
                .Where(c => c.IsCurrentOn(findings.Today))
                .MaxBy(c => c.ValidTo);
            if (current?.ExpiresAt is { } expiresAt)
            {
                findings.RelyOn(expiresAt);
                continue;
            }

            var field = entries.Key.ToString().ToLowerInvariant();
            findings.Reject(
                ReasonCodes.ProfessionalQualificationRequired,
                $"Content in the {field} field needs a current practising certificate with a number and an end date.",
                $"professionalFields[{entries.First().Index}]");
        }
    }
}
