using Azure.Data.Tables;
using NodaTime;

namespace LiveCommerce.Storage.Identity;

/// <summary>
/// What the platform knows of one person or entity, keyed by the keyed hash of its ID number or credit code, so it
/// follows them across every merchant and host account: the blacklist entry and the name verified first.
/// </summary>
public sealed record SubjectRecord(
    string SubjectHash,
    string SubjectType,
    string Masked,
    BlacklistEntry? Blacklist,
    string? VerifiedNameHash)
{
    public bool IsBlacklistedAt(Instant at) => Blacklist is { } entry && (entry.ExpiresAt is null || at < entry.ExpiresAt);

    internal static SubjectRecord From(TableEntity entity)
    {
        BlacklistEntry? blacklist = entity.GetString("BlacklistId") is { } id
            ? new BlacklistEntry(
                id,
                entity.GetString("BlacklistReason") ?? string.Empty,
                Instant.FromDateTimeOffset(entity.GetDateTimeOffset("BlacklistedAt") ?? DateTimeOffset.MinValue),
                entity.GetDateTimeOffset("BlacklistExpiresAt") is { } expires && Instant.FromDateTimeOffset(expires) < QualificationStore.NoExpiry
                    ? Instant.FromDateTimeOffset(expires)
                    : null)
            : null;
        return new SubjectRecord(
            entity.GetString("SubjectHash") ?? string.Empty,
            entity.GetString("SubjectType") ?? string.Empty,
            entity.GetString("Masked") ?? string.Empty,
            blacklist,
            entity.GetString("VerifiedNameHash"));
    }
}

/// <summary>A blacklisting (Order 117 art. 14: with its facts, a duration, and removal at expiry).</summary>
public sealed record BlacklistEntry(string BlacklistId, string Reason, Instant BlacklistedAt, Instant? ExpiresAt);
