using System.Security.Cryptography;
using System.Text;
using LiveCommerce.Domain;

namespace LiveCommerce.Workflows.Identity;

[WorkflowName(Name)]
public sealed class CheckStandingsActivity(IQualificationStandings standings) : IWorkflowActivity<StandingsRequest, IReadOnlyList<Reason>>
{
    public const string Name = "PreLiveCheckStandings";

    public Task<IReadOnlyList<Reason>> RunAsync(StandingsRequest input, CancellationToken cancellationToken) =>
        standings.FindBlockingReasonsAsync(input.Platform, input.MerchantId, input.HostIds, input.At, cancellationToken);
}

/// <summary>
/// Issues one cryptographically random challenge to one host. The challenge goes to the provider only; history and
/// storage see its id and hash. The id is derived from the session and host, so a re-run issues nothing new.
/// </summary>
[WorkflowName(Name)]
public sealed class IssueIdentityChallengeActivity(IIdentityVerificationProvider provider, TimeProvider clock) : IWorkflowActivity<IdentityChallengeRequest, IdentityChallengeIssued>
{
    public const string Name = "PreLiveIssueIdentityChallenge";

    public async Task<IdentityChallengeIssued> RunAsync(IdentityChallengeRequest input, CancellationToken cancellationToken)
    {
        var challengeId = "ch_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{input.Platform}\n{input.SessionId}\n{input.HostId}")))[..32];
        var challenge = RandomNumberGenerator.GetBytes(32);
        try
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(challenge));
            await provider.IssueChallengeAsync(input.Platform, input.SessionId, input.HostId, challengeId, challenge, hash, cancellationToken);
            return new IdentityChallengeIssued(input.HostId, challengeId, clock.GetUtcNow());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(challenge);
        }
    }
}

[WorkflowName(Name)]
public sealed class RecordPreLiveOutcomeActivity(IPreLiveRecords records) : IWorkflowActivity<PreLiveOutcome, bool>
{
    public const string Name = "PreLiveRecordOutcome";

    public async Task<bool> RunAsync(PreLiveOutcome input, CancellationToken cancellationToken)
    {
        await records.RecordOutcomeAsync(input, cancellationToken);
        return true;
    }
}

[WorkflowName(Name)]
public sealed class ScreenSessionItemsActivity(ISessionItemScreening screening) : IWorkflowActivity<SessionScreeningRequest, IReadOnlyList<Reason>>
{
    public const string Name = "PreLiveScreenItems";

    public Task<IReadOnlyList<Reason>> RunAsync(SessionScreeningRequest input, CancellationToken cancellationToken) =>
        screening.ScreenAsync(input, cancellationToken);
}
