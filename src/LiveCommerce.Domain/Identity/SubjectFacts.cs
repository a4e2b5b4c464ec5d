namespace LiveCommerce.Domain.Identity;

/// <summary>
/// What storage knows about the subjects of one application, looked up by their <see cref="SubjectHasher"/> hashes
/// before the policy runs. "Person" is the one person the application names: the legal representative of a
/// merchant, or the host.
/// </summary>
public sealed record SubjectFacts
{
    /// <summary>Nothing on record: no blacklist entry, no earlier verified name.</summary>
    public static SubjectFacts None { get; } = new();

    /// <summary>The merchant's credit code is blacklisted (Order 117 art. 14).</summary>
    public bool EntityBlacklisted { get; init; }

    /// <summary>The person's ID number is blacklisted (Order 117 art. 14).</summary>
    public bool PersonBlacklisted { get; init; }

    /// <summary>
    /// This platform already verified the person's ID number under a different name (Order 117 art. 8: no service to
    /// persons whose identity information is inconsistent). Compare with <see cref="SubjectHasher.HashName"/>.
    /// </summary>
    public bool PersonNameMismatch { get; init; }
}
