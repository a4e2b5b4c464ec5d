using LiveCommerce.Domain;
using LiveCommerce.Domain.Identity;
using NodaTime;

namespace LiveCommerce.Storage.Identity;

/// <summary>
/// What the platform knows now about the subjects a standing stands for (blacklist, verified name): the facts a
/// re-verification and a reviewer's approval are decided on. <see cref="Person"/> is the person's record, if any.
/// </summary>
public sealed record StandingFacts(SubjectFacts Facts, SubjectRecord? Person)
{
    public static async Task<StandingFacts> ReadAsync(QualificationStore store, PlatformId platform, SubjectKind kind, StandingRecord standing, Instant at, CancellationToken cancellationToken)
    {
        var (entityHash, personHash) = kind == SubjectKind.Merchant ? (standing.SubjectHash, standing.RepresentativeHash) : (null, standing.SubjectHash);
        var entity = entityHash is null ? Task.FromResult<SubjectRecord?>(null) : store.FindSubjectAsync(platform, entityHash, cancellationToken);
        var person = personHash is null ? Task.FromResult<SubjectRecord?>(null) : store.FindSubjectAsync(platform, personHash, cancellationToken);
        await Task.WhenAll(entity, person);
        return new StandingFacts(
            new SubjectFacts
            {
                EntityBlacklisted = entity.Result?.IsBlacklistedAt(at) == true,
                PersonBlacklisted = person.Result?.IsBlacklistedAt(at) == true,
                PersonNameMismatch = person.Result?.VerifiedNameHash is { } verified && standing.NameHash is { } checkedUnder && verified != checkedUnder,
            },
            person.Result);
    }
}
