using LiveCommerce.Storage.Identity;

namespace LiveCommerce.Http.Identity.Providers;

/// <summary>
/// An identity provider adapter (face match with liveness): hands a host's challenge to the vendor's client flow.
/// The vendor answers at <c>POST /api/identity-providers/{Name}/results</c>, signed with
/// <c>IdentityProviders:{Name}:SigningSecret</c>. Adding a vendor is one such class and its registration
/// (docs/identity-providers.md); the workflow does not change.
/// </summary>
public interface IIdentityProvider
{
    /// <summary>The route segment and settings name, lower case (e.g. <c>simulated</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Sends the challenge to the vendor. Called at least once per challenge (activities retry), so it must be
    /// idempotent by <see cref="IdentityChallenge.ChallengeId"/>.
    /// </summary>
    Task SendChallengeAsync(IdentityChallenge challenge, ReadOnlyMemory<byte> secret, CancellationToken cancellationToken);
}

/// <summary>
/// The development stand-in, registered only where the environment is Development: it sends nothing; a developer
/// (or a test) plays the vendor and signs a result with <c>tools/sign-identity-result</c>.
/// </summary>
public sealed class SimulatedIdentityProvider : IIdentityProvider
{
    public const string ProviderName = "simulated";

    public string Name => ProviderName;

    public Task SendChallengeAsync(IdentityChallenge challenge, ReadOnlyMemory<byte> secret, CancellationToken cancellationToken) => Task.CompletedTask;
}
