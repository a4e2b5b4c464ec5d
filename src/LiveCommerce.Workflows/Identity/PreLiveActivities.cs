using Microsoft.DurableTask;
using System.Security.Cryptography;
using System.Text;
using LiveCommerce.Domain;

namespace LiveCommerce.Workflows.Identity;

[DurableTask(Name)]
public sealed class CheckStandingsActivity(IQualificationStandings standings) : TaskActivity<StandingsRequest, IReadOnlyList<Reason>>
{
    public const string Name = "PreLiveCheckStandings";

    public override Task<IReadOnlyList<Reason>> RunAsync(TaskActivityContext context, StandingsRequest input) =>
        standings.FindBlockingReasonsAsync(input.Platform, input.MerchantId, input.HostIds, input.At, CancellationToken.None);
}

/// <summary>
/// Issues one cryptographically random challenge to one host. The challenge goes to the provider only; history and
/// storage see its id and hash. The id is derived from the session and host, so a re-run issues nothing new.
/// </summary>
[DurableTask(Name)]
public sealed class IssueIdentityChallengeActivity(IIdentityVerificationProvider provider, TimeProvider clock) : TaskActivity<IdentityChallengeRequest, IdentityChallengeIssued>
{
    public const string Name = "PreLiveIssueIdentityChallenge";

    public override async Task<IdentityChallengeIssued> RunAsync(TaskActivityContext context, IdentityChallengeRequest input)
    {
        var challengeId = "ch_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{input.Platform}\n{input.SessionId}\n{input.HostId}")))[..32];
        var challenge = RandomNumberGenerator.GetBytes(32);
        try
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(challenge));
            await provider.IssueChallengeAsync(input.Platform, input.SessionId, input.HostId, challengeId, challenge, hash, CancellationToken.None);
            return new IdentityChallengeIssued(input.HostId, challengeId, clock.GetUtcNow());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(challenge);
        }
    }
}

[DurableTask(Name)]
public sealed class RecordPreLiveOutcomeActivity(IPreLiveRecords records) : TaskActivity<PreLiveOutcome, bool>
{
    public const string Name = "PreLiveRecordOutcome";

    public override async Task<bool> RunAsync(TaskActivityContext context, PreLiveOutcome input)
    {
        await records.RecordOutcomeAsync(input, CancellationToken.None);
        return true;
    }
}

[DurableTask(Name)]
public sealed class ScreenSessionItemsActivity(ISessionItemScreening screening) : TaskActivity<SessionScreeningRequest, IReadOnlyList<Reason>>
{
    public const string Name = "PreLiveScreenItems";

    public override Task<IReadOnlyList<Reason>> RunAsync(TaskActivityContext context, SessionScreeningRequest input) =>
        screening.ScreenAsync(input, CancellationToken.None);
}
