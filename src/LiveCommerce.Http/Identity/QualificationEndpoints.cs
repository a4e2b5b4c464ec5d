using LiveCommerce.Domain;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Http.Identity;

/// <summary>
/// The contract's "Merchants and hosts": qualification checks (each decision stored as its review record) and the
/// blacklist. Hot path of a check: one read of the subject (blacklist and verified name), one transaction.
/// </summary>
public sealed class QualificationEndpoints(
    QualificationStore store,
    AccountStandings standings,
    SubjectHasher hasher,
    TimeProvider clock,
    ILogger<QualificationEndpoints> logger)
{
    private static readonly QualificationPolicy Policy = new();

    public async Task<IResult> CheckMerchant(HttpRequest request, string merchantId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformApi) ||
            !IdempotencyKey.TryRead(request, out var key, out problem))
        {
            return problem;
        }

        var platform = caller.Platform;

        var body = await JsonBody.ReadAsync<MerchantCheckRequest>(request, cancellationToken: request.HttpContext.RequestAborted);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var v = new RequestValidator();
        v.Key(merchantId, "merchantId");
        var application = BindMerchant(body.Value!, v);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var now = Now();
        var subjects = QualificationSubjects.Of(application!, now);
        var entityHash = subjects.Entity is { } entity ? hasher.Hash(entity) : null;
        var personHash = subjects.Person is { } person ? hasher.Hash(person) : null;

        // Two point reads, in parallel: the entity and its legal representative are separate subjects.
        var cancellation = request.HttpContext.RequestAborted;
        var entityRecord = entityHash is null ? Task.FromResult<SubjectRecord?>(null) : store.FindSubjectAsync(platform, entityHash, cancellation);
        var personRecord = personHash is null ? Task.FromResult<SubjectRecord?>(null) : store.FindSubjectAsync(platform, personHash, cancellation);
        await Task.WhenAll(entityRecord, personRecord);

        var facts = new SubjectFacts
        {
            EntityBlacklisted = entityRecord.Result?.IsBlacklistedAt(now) == true,
            PersonBlacklisted = personRecord.Result?.IsBlacklistedAt(now) == true,
            PersonNameMismatch = NameDiffers(personRecord.Result, application!.LegalRepresentative.Name),
        };
        var decision = Policy.EvaluateMerchant(application, now, facts);
        var nameHash = personHash is null ? null : hasher.HashName(application.LegalRepresentative.Name);
        if (decision.Outcome == Decision.Approved && personHash is not null && personRecord.Result?.VerifiedNameHash is null &&
            !await store.TryBindVerifiedNameAsync(platform, personHash, "person", subjects.Person!.Masked, nameHash!, cancellation))
        {
            decision = Policy.EvaluateMerchant(application, now, facts with { PersonNameMismatch = true });
        }

        var answer = await CommitAsync(platform, SubjectKind.Merchant, merchantId, "merchantId", decision, entityHash, personHash, nameHash, key, body.Fingerprint, cancellation);
        return answer.Result;
    }

    public async Task<IResult> CheckHost(HttpRequest request, string hostId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformApi) ||
            !IdempotencyKey.TryRead(request, out var key, out problem))
        {
            return problem;
        }

        var platform = caller.Platform;

        var body = await JsonBody.ReadAsync<HostCheckRequest>(request, cancellationToken: request.HttpContext.RequestAborted);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var v = new RequestValidator();
        v.Key(hostId, "hostId");
        var application = BindHost(body.Value!, v);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var now = Now();
        var cancellation = request.HttpContext.RequestAborted;
        var person = QualificationSubjects.Of(application!, now).Person;
        var personHash = person is null ? null : hasher.Hash(person);
        var record = personHash is null ? null : await store.FindSubjectAsync(platform, personHash, cancellation);

        var facts = new SubjectFacts
        {
            PersonBlacklisted = record?.IsBlacklistedAt(now) == true,
            PersonNameMismatch = NameDiffers(record, application!.Name),
        };
        var decision = Policy.EvaluateHost(application, now, facts);
        var nameHash = personHash is null ? null : hasher.HashName(application.Name);
        if (decision.Outcome == Decision.Approved && personHash is not null && record?.VerifiedNameHash is null &&
            !await store.TryBindVerifiedNameAsync(platform, personHash, "person", person!.Masked, nameHash!, cancellation))
        {
            decision = Policy.EvaluateHost(application, now, facts with { PersonNameMismatch = true });
        }

        var answer = await CommitAsync(platform, SubjectKind.Host, hostId, "hostId", decision, personHash, null, nameHash, key, body.Fingerprint, cancellation);
        return answer.Result;
    }

    public Task<IResult> GetMerchantCheck(HttpRequest request, string merchantId, string checkId) =>
        GetCheck(request, SubjectKind.Merchant, merchantId, checkId);

    public Task<IResult> GetHostCheck(HttpRequest request, string hostId, string checkId) =>
        GetCheck(request, SubjectKind.Host, hostId, checkId);

    public Task<IResult> GetMerchantStanding(HttpRequest request, string merchantId) =>
        GetStanding(request, SubjectKind.Merchant, merchantId, "merchantId");

    public Task<IResult> GetHostStanding(HttpRequest request, string hostId) =>
        GetStanding(request, SubjectKind.Host, hostId, "hostId");

    /// <summary>
    /// The account's standing now: current only while its latest decision is an approval within validUntil and none
    /// of its subjects is blacklisted. A lapsed approval says REVERIFICATION_DUE (Order 117 art. 8, six months).
    /// </summary>
    private async Task<IResult> GetStanding(HttpRequest request, SubjectKind kind, string accountId, string accountField)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        var v = new RequestValidator();
        v.Key(accountId, accountField);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var standing = await standings.GetAsync(platform, kind, accountId, Now(), request.HttpContext.RequestAborted);
        return JsonText.Of(200, new Dictionary<string, object?>
        {
            [accountField] = accountId,
            ["status"] = standing.Status,
            ["checkId"] = standing.CheckId,
            ["decision"] = standing.Decision,
            ["checkedAt"] = ApiTime.Format(standing.CheckedAt),
            ["validUntil"] = ApiTime.Format(standing.ValidUntil),
            ["reasons"] = standing.Reasons.Select(ReasonBody.Of).ToList(),
        }.Where(p => p.Value is not null).ToDictionary());
    }

    private async Task<IResult> GetCheck(HttpRequest request, SubjectKind kind, string accountId, string checkId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        // Ids that could never have been stored are simply not found; the same answer as another platform's check.
        var stored = PlatformId.IsWellFormedKey(accountId, 64) && PlatformId.IsWellFormedKey(checkId, 64)
            ? await store.FindCheckBodyAsync(platform, kind, accountId, checkId, request.HttpContext.RequestAborted)
            : null;
        return stored is null
            ? Problem.NotFound("CHECK_NOT_FOUND", $"No qualification check '{checkId}' for this {(kind == SubjectKind.Merchant ? "merchant" : "host")}.")
            : new JsonText(new Storage.Idempotency.StoredResponse(200, stored));
    }

    private async Task<(IResult Result, bool Committed)> CommitAsync(
        PlatformId platform, SubjectKind kind, string accountId, string accountField, QualificationDecision decision,
        string? subjectHash, string? representativeHash, string? nameHash, IdempotencyKey? key, string fingerprint, CancellationToken cancellation)
    {
        var checkId = "qc_" + Guid.CreateVersion7().ToString("N");
        var json = ReviewRecords.BodyOf(checkId, accountField, accountId, decision);

        // The standing keeps the decision's basis (masked identifiers, hashes, licences): a re-verification works from it.
        var replay = await store.CommitCheckAsync(
            platform,
            kind,
            accountId,
            ReviewRecords.CheckOf(checkId, json, decision),
            ReviewRecords.StandingOf(checkId, decision, subjectHash, representativeHash, nameHash),
            key is null ? null : new IdempotencyWrite(key.Scope, key.Value, fingerprint),
            cancellation);
        if (replay is not null)
        {
            return (IdempotencyKey.Answer(replay), false);
        }

        logger.LogInformation(
            "Qualification check {CheckId} for {Kind} {AccountId} on {Platform}: {Decision} ({Reasons})",
            checkId, kind, accountId, platform.Value, DecisionIds.Of(decision.Outcome), string.Join(",", decision.Reasons.Select(r => r.Code)));
        return (new JsonText(new Storage.Idempotency.StoredResponse(200, json)), true);
    }

    private bool NameDiffers(SubjectRecord? record, string name) =>
        record?.VerifiedNameHash is { } verified && !string.Equals(verified, hasher.HashName(name), StringComparison.Ordinal);

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());

    private static MerchantApplication? BindMerchant(MerchantCheckRequest body, RequestValidator v)
    {
        var legalName = v.RequiredString(body.LegalName, "legalName");
        var creditCode = v.RequiredString(body.CreditCode, "creditCode", 64);
        string repName = string.Empty, repId = string.Empty;
        if (body.LegalRepresentative is null)
        {
            v.Add("legalRepresentative", "REQUIRED", "'legalRepresentative' is required.");
        }
        else
        {
            repName = v.RequiredString(body.LegalRepresentative.Name, "legalRepresentative.name", 100);
            repId = v.RequiredString(body.LegalRepresentative.IdNumber, "legalRepresentative.idNumber", 64);
        }

        var categoryIds = v.RequiredList(body.Categories, "categories", 50);
        var categories = new List<ProductCategory>();
        for (var i = 0; i < categoryIds.Count; i++)
        {
            if (v.Enum<ProductCategory>(categoryIds[i], $"categories[{i}]", ProductCategory.TryParse!, ProductCategory.AllIds) is { } category)
            {
                categories.Add(category);
            }
        }

        var licenceBodies = v.OptionalList(body.Licences, "licences", 50);
        var licences = new List<Licence>();
        for (var i = 0; i < licenceBodies.Count; i++)
        {
            var field = $"licences[{i}]";
            var l = licenceBodies[i];
            if (l is null)
            {
                v.Add(field, "REQUIRED", $"'{field}' must be an object.");
                continue;
            }

            var type = v.Enum<LicenceType>(l.Type, field + ".type", LicenceType.TryParse!, LicenceType.AllIds);
            var number = v.RequiredString(l.Number, field + ".number", 100);
            var from = v.Date(l.ValidFrom, field + ".validFrom", required: true);
            var to = v.Date(l.ValidTo, field + ".validTo", required: true);
            if (from is { } f && to is { } t && t < f)
            {
                v.Add(field + ".validTo", "OUT_OF_RANGE", $"'{field}.validTo' is before its validFrom.");
            }
            else if (type is not null && from is not null && to is not null)
            {
                licences.Add(new Licence(type, number, from.Value, to.Value));
            }
        }

        return v.HasErrors ? null : new MerchantApplication(legalName, creditCode, new Person(repName, repId), categories, licences);
    }

    private static HostApplication? BindHost(HostCheckRequest body, RequestValidator v)
    {
        var name = v.RequiredString(body.Name, "name", 100);
        var idNumber = v.RequiredString(body.IdNumber, "idNumber", 64);

        GuardianConsent? consent = null;
        if (body.GuardianConsent is { } g)
        {
            consent = new GuardianConsent(
                v.OptionalString(g.GuardianName, "guardianConsent.guardianName", 100),
                v.OptionalString(g.GuardianIdNumber, "guardianConsent.guardianIdNumber", 64),
                v.OptionalString(g.DocumentRef, "guardianConsent.documentRef", 200));
        }

        var fields = new List<ProfessionalCredential>();
        var fieldBodies = v.OptionalList(body.ProfessionalFields, "professionalFields", 20);
        for (var i = 0; i < fieldBodies.Count; i++)
        {
            var path = $"professionalFields[{i}]";
            var f = fieldBodies[i];
            if (f is null)
            {
                v.Add(path, "REQUIRED", $"'{path}' must be an object.");
                continue;
            }

            var field = ProfessionalFields.Parse(f.Field, path + ".field", v);
            var certificate = v.OptionalString(f.CertificateNumber, path + ".certificateNumber", 100);
            var validTo = v.Date(f.ValidTo, path + ".validTo", required: false);
            if (field is { } known)
            {
                fields.Add(new ProfessionalCredential(known, certificate, validTo));
            }
        }

        VirtualAvatar? avatar = null;
        if (body.VirtualAvatar is { } a)
        {
            avatar = new VirtualAvatar(v.RequiredValue(a.PortraitOwnerConsent, "virtualAvatar.portraitOwnerConsent"));
        }

        return v.HasErrors
            ? null
            : new HostApplication(name, idNumber, consent, body.IsPublicFigure ?? false, body.IsOverseas ?? false, fields, avatar);
    }
}

/// <summary>The contract's ids for a decision.</summary>
public static class DecisionIds
{
    public static string Of(Decision decision) => decision switch
    {
        Decision.Approved => "approved",
        Decision.Rejected => "rejected",
        _ => "manual_review",
    };
}

/// <summary>A reason as the contract writes it: { code, message, field? }.</summary>
public sealed record ReasonBody(string Code, string Message, string? Field)
{
    public static ReasonBody Of(Reason reason) => new(reason.Code, reason.Message, reason.Field);
}

internal static class ProfessionalFields
{
    private static readonly string[] Ids = ["medical", "financial", "legal", "education"];

    public static ProfessionalField? Parse(string? value, string field, RequestValidator v)
    {
        if (value is null)
        {
            v.Add(field, "REQUIRED", $"'{field}' is required.");
            return null;
        }

        switch (value)
        {
            case "medical": return ProfessionalField.Medical;
            case "financial": return ProfessionalField.Financial;
            case "legal": return ProfessionalField.Legal;
            case "education": return ProfessionalField.Education;
            default:
                v.Add(field, "INVALID_VALUE", $"'{value}' is not one of: {string.Join(", ", Ids)}.");
                return null;
        }
    }
}
