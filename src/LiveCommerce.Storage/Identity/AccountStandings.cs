using LiveCommerce.Domain;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Workflows.Identity;
using NodaTime;

namespace LiveCommerce.Storage.Identity;

/// <summary>Whether an account may sell live at a given instant, and why not.</summary>
public sealed record AccountStanding(
    string Status,
    string? CheckId,
    string? Decision,
    Instant? CheckedAt,
    Instant? ValidUntil,
    IReadOnlyList<Reason> Reasons,
    string? LicencesJson)
{
    public const string Current = "current";
    public const string Lapsed = "lapsed";
    public const string NotApproved = "not_approved";
    public const string Blacklisted = "blacklisted";
    public const string NeverChecked = "never_checked";

    public bool IsCurrent => Status == Current;
}

/// <summary>
/// An account's standing from its latest review record and its subjects' blacklist entries: the one place that
/// answers "is this merchant or host qualified right now?" for the standing route, screening and pre-live checks.
/// </summary>
public sealed class AccountStandings(QualificationStore store, Sanctions.SanctionStore sanctions) : IQualificationStandings
{
    public async Task<IReadOnlyList<Reason>> FindBlockingReasonsAsync(string platform, string merchantId, IReadOnlyList<string> hostIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!PlatformId.TryParse(platform, out var tenant))
        {
            throw new ArgumentException("Not a platform id.", nameof(platform));
        }

        var instant = Instant.FromDateTimeOffset(at);
        var accounts = new[] { (Kind: SubjectKind.Merchant, Id: merchantId, Field: "merchantId") }
            .Concat(hostIds.Select((h, i) => (Kind: SubjectKind.Host, Id: h, Field: $"hostIds[{i}]")))
            .ToList();
        var standings = Task.WhenAll(accounts.Select(a => GetAsync(tenant, a.Kind, a.Id, instant, cancellationToken)));
        var sanctioned = Task.WhenAll(accounts.Select(a => SanctionReasonAsync(tenant, a.Kind, a.Id, a.Field, instant, cancellationToken)));
        return [.. accounts.Zip(await standings).SelectMany(pair => pair.Second.Reasons.Select(r =>
            r with { Message = $"{(pair.First.Kind == SubjectKind.Merchant ? "Merchant" : "Host")} '{pair.First.Id}': {r.Message}", Field = pair.First.Field })),
            .. (await sanctioned).OfType<Reason>()];
    }

    public async Task<IReadOnlyList<Reason>> FindBlockingReasonsAsync(StandingsRequest request, CancellationToken cancellationToken)
    {
        var accounts = FindBlockingReasonsAsync(request.Platform, request.MerchantId, request.HostIds, request.At, cancellationToken);
        if (request.RoomId is not { } roomId || !PlatformId.TryParse(request.Platform, out var tenant))
        {
            return await accounts;
        }

        var at = Instant.FromDateTimeOffset(request.At);
        var room = (await sanctions.FindActiveAsync(tenant, Domain.Sanctions.SanctionSubject.Room(roomId), at, cancellationToken)).FirstOrDefault(s => s.Term.BlocksLiveAt(at));
        return room is null
            ? await accounts
            : [.. await accounts, new Reason(Domain.Sanctions.SanctionLadder.SanctionedReason, $"Room '{roomId}' is under sanction {room.SanctionId} ({Domain.Sanctions.SanctionLadder.Of(room.Measure).Id}).", "roomId")];
    }

    /// <summary>SANCTIONED while a measure that blocks live selling (Order 117 art. 12) is in force on the account.</summary>
    private async Task<Reason?> SanctionReasonAsync(PlatformId platform, SubjectKind kind, string accountId, string field, Instant at, CancellationToken cancellationToken)
    {
        var subject = kind == SubjectKind.Merchant ? Domain.Sanctions.SanctionSubject.Merchant(accountId) : Domain.Sanctions.SanctionSubject.Host(accountId);
        var blocking = (await sanctions.FindActiveAsync(platform, subject, at, cancellationToken)).FirstOrDefault(s => s.Term.BlocksLiveAt(at));
        return blocking is null
            ? null
            : new Reason(
                Domain.Sanctions.SanctionLadder.SanctionedReason,
                $"{(kind == SubjectKind.Merchant ? "Merchant" : "Host")} '{accountId}' is under sanction {blocking.SanctionId} ({Domain.Sanctions.SanctionLadder.Of(blocking.Measure).Id}).",
                field);
    }

    public async Task<AccountStanding> GetAsync(PlatformId platform, SubjectKind kind, string accountId, Instant at, CancellationToken cancellationToken)
    {
        var who = kind == SubjectKind.Merchant ? "merchant" : "host";
        var standing = await store.FindStandingAsync(platform, kind, accountId, cancellationToken);
        if (standing is null)
        {
            return new AccountStanding(AccountStanding.NeverChecked, null, null, null, null,
                [new Reason("QUALIFICATION_MISSING", $"The {who} has no qualification check on record.")], null);
        }

        var subjects = new[] { standing.SubjectHash, standing.RepresentativeHash }.OfType<string>().ToList();
        var records = await Task.WhenAll(subjects.Select(h => store.FindSubjectAsync(platform, h, cancellationToken)));
        var blacklisted = records.Any(r => r?.IsBlacklistedAt(at) == true);

        var outcome = standing.Outcome switch
        {
            "approved" => Decision.Approved,
            "rejected" => Decision.Rejected,
            _ => Decision.ManualReview,
        };
        var reasons = new List<Reason>();
        var status = AccountStanding.Current;
        if (blacklisted)
        {
            status = AccountStanding.Blacklisted;
            reasons.Add(new Reason(ReasonCodes.Blacklisted, $"The {who} is blacklisted."));
        }

        var qualification = QualificationStanding.Of(outcome, standing.ValidUntil, at);
        if (!qualification.IsCurrent)
        {
            status = blacklisted ? status : qualification.Reason is null ? AccountStanding.NotApproved : AccountStanding.Lapsed;
            reasons.Add(qualification.Reason ?? new Reason("QUALIFICATION_NOT_APPROVED", $"The {who}'s latest qualification check was {standing.Outcome}."));
        }

        return new AccountStanding(status, standing.CheckId, standing.Outcome, standing.CheckedAt, standing.ValidUntil, reasons, standing.LicencesJson);
    }
}
