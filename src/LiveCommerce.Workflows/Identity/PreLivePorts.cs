using LiveCommerce.Domain;

namespace LiveCommerce.Workflows.Identity;

/// <summary>Why the merchant or any host may not go live at an instant (empty when all are current).</summary>
public interface IQualificationStandings
{
    Task<IReadOnlyList<Reason>> FindBlockingReasonsAsync(string platform, string merchantId, IReadOnlyList<string> hostIds, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The same for a whole request, room included (a sanction on the room blocks the session).</summary>
    Task<IReadOnlyList<Reason>> FindBlockingReasonsAsync(StandingsRequest request, CancellationToken cancellationToken) =>
        FindBlockingReasonsAsync(request.Platform, request.MerchantId, request.HostIds, request.At, cancellationToken);
}

/// <summary>
/// The identity provider that challenges a host (face match with liveness) and later calls back with the result.
/// Issuing is idempotent per challenge id, since activities run at least once.
/// </summary>
public interface IIdentityVerificationProvider
{
    /// <param name="challengeHash">SHA-256 of the one-time challenge; the challenge itself goes only to the provider.</param>
    Task IssueChallengeAsync(string platform, string sessionId, string hostId, string challengeId, ReadOnlyMemory<byte> challenge, string challengeHash, CancellationToken cancellationToken);
}

/// <summary>Where a finished pre-live check is kept as the verification record (Order 117 art. 28: three years).</summary>
public interface IPreLiveRecords
{
    Task RecordOutcomeAsync(PreLiveOutcome outcome, CancellationToken cancellationToken);
}

/// <summary>
/// Screens a session's items against a negative list for its merchant and keeps the decisions as part of the
/// session's verification record; answers why any item blocks the session.
/// </summary>
public interface ISessionItemScreening
{
    Task<IReadOnlyList<Reason>> ScreenAsync(SessionScreeningRequest request, CancellationToken cancellationToken);
}
