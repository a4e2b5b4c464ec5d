using Azure;
using Azure.Data.Tables;

namespace LiveCommerce.Storage.Identity;

/// <summary>An identity challenge as issued: what one provider's answer to it may decide, and until when.</summary>
public sealed record IdentityChallenge(string ChallengeId, string Provider, string Platform, string SessionId, string HostId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>A provider's answer to a challenge, as first received (its body's SHA-256 tells a replay from another answer).</summary>
public sealed record ChallengeAnswer(string BodyHash, bool Matched, double LivenessScore, string ProviderReference, DateTimeOffset VerifiedAt, DateTimeOffset ReceivedAt, bool Delivered);

/// <summary>
/// Table <c>identitychallenges</c>, one partition per challenge id: the challenge row (the binding of provider,
/// platform, session and host) and, create-only, the provider's one answer. The answer is stored before the
/// workflow hears of it and marked delivered after, so a crash in between is repaired by the provider's retry.
/// </summary>
public sealed class IdentityChallengeStore(StorageClients clients)
{
    private TableClient Table => clients.Table(StorageNames.IdentityChallengesTable);

    private static string ChallengeRow(string challengeId) => SingleRowKey.Of("challenge", challengeId);

    private static string AnswerRow(string challengeId) => SingleRowKey.Of("answer", challengeId);

    /// <summary>Records the challenge once (a re-run activity changes nothing); true when this call created it.</summary>
    public async Task<bool> RecordAsync(IdentityChallenge challenge, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(
                new TableEntity(challenge.ChallengeId, ChallengeRow(challenge.ChallengeId))
                {
                    ["Provider"] = challenge.Provider,
                    ["Platform"] = challenge.Platform,
                    ["SessionId"] = challenge.SessionId,
                    ["HostId"] = challenge.HostId,
                    ["IssuedAt"] = challenge.IssuedAt,
                    ["ExpiresAt"] = challenge.ExpiresAt,
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The challenge and its answer (if any) in one partition query.</summary>
    public async Task<(IdentityChallenge? Challenge, ChallengeAnswer? Answer)> FindAsync(string challengeId, CancellationToken cancellationToken)
    {
        IdentityChallenge? challenge = null;
        ChallengeAnswer? answer = null;
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {challengeId}"), cancellationToken: cancellationToken))
        {
            if (e.RowKey == ChallengeRow(challengeId))
            {
                challenge = new IdentityChallenge(
                    challengeId,
                    e.GetString("Provider") ?? string.Empty,
                    e.GetString("Platform") ?? string.Empty,
                    e.GetString("SessionId") ?? string.Empty,
                    e.GetString("HostId") ?? string.Empty,
                    e.GetDateTimeOffset("IssuedAt") ?? DateTimeOffset.MinValue,
                    e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue);
            }
            else if (e.RowKey == AnswerRow(challengeId))
            {
                answer = new ChallengeAnswer(
                    e.GetString("BodyHash") ?? string.Empty,
                    e.GetBoolean("Matched") ?? false,
                    e.GetDouble("LivenessScore") ?? 0,
                    e.GetString("ProviderReference") ?? string.Empty,
                    e.GetDateTimeOffset("VerifiedAt") ?? DateTimeOffset.MinValue,
                    e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
                    e.GetBoolean("Delivered") ?? false);
            }
        }

        return (challenge, answer);
    }

    /// <summary>Keeps the first answer (create-only); returns the answer that stands, this one or an earlier one.</summary>
    public async Task<(bool Created, ChallengeAnswer Standing)> RecordAnswerAsync(string challengeId, ChallengeAnswer answer, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(
                new TableEntity(challengeId, AnswerRow(challengeId))
                {
                    ["BodyHash"] = answer.BodyHash,
                    ["Matched"] = answer.Matched,
                    ["LivenessScore"] = answer.LivenessScore,
                    ["ProviderReference"] = answer.ProviderReference,
                    ["VerifiedAt"] = answer.VerifiedAt,
                    ["ReceivedAt"] = answer.ReceivedAt,
                    ["Delivered"] = false,
                },
                cancellationToken);
            return (true, answer with { Delivered = false });
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var (_, standing) = await FindAsync(challengeId, cancellationToken);
            return (false, standing ?? throw new InvalidOperationException($"The answer to {challengeId} conflicted but cannot be read."));
        }
    }

    /// <summary>Notes that the workflow was told (after its event was raised); a replay then raises nothing again.</summary>
    public Task MarkDeliveredAsync(string challengeId, CancellationToken cancellationToken) =>
        Table.UpdateEntityAsync(new TableEntity(challengeId, AnswerRow(challengeId)) { ["Delivered"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);
}
