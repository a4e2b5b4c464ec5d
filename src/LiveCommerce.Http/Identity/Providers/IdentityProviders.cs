using LiveCommerce.Storage.Identity;
using LiveCommerce.Workflows.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiveCommerce.Http.Identity.Providers;

/// <summary>
/// The providers this deployment trusts: each registered adapter with its signing secret
/// (<c>IdentityProviders:{name}:SigningSecret</c>), and the one that challenges hosts (<c>PreLive:IdentityProvider</c>,
/// default <c>simulated</c> in Development). An adapter without a secret is not trusted.
/// </summary>
public sealed class IdentityProviders
{
    private readonly Dictionary<string, (IIdentityProvider Adapter, string Secret)> _trusted;

    public IdentityProviders(IEnumerable<IIdentityProvider> adapters, IConfiguration configuration)
    {
        _trusted = new Dictionary<string, (IIdentityProvider, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var adapter in adapters)
        {
            if (configuration[$"IdentityProviders:{adapter.Name}:SigningSecret"] is { Length: >= 16 } secret)
            {
                _trusted[adapter.Name] = (adapter, secret);
            }
        }

        Challenger = configuration["PreLive:IdentityProvider"] is { Length: > 0 } named ? named : SimulatedIdentityProvider.ProviderName;
    }

    /// <summary>The provider that challenges hosts before their sessions.</summary>
    public string Challenger { get; }

    public bool TryGet(string name, out IIdentityProvider adapter, out string secret)
    {
        var found = _trusted.TryGetValue(name, out var entry);
        (adapter, secret) = found ? entry : (null!, null!);
        return found;
    }

    public static void Register(IServiceCollection services, IHostEnvironment environment)
    {
        services.AddSingleton<IdentityChallengeStore>();
        services.AddSingleton<IdentityProviders>();
        services.AddSingleton<IdentityProviderEndpoints>();
        services.AddSingleton<IIdentityVerificationProvider, ChallengeIssuer>();
        if (environment.IsDevelopment())
        {
            services.AddSingleton<IIdentityProvider, SimulatedIdentityProvider>();
        }

        // A real vendor: services.AddSingleton<IIdentityProvider, VendorIdentityProvider>(); see docs/identity-providers.md.
    }
}

/// <summary>
/// The workflow's port to the providers: binds the challenge to (provider, platform, session, host) with the
/// session's start as its expiry, records it, and hands it to the challenging provider's adapter.
/// </summary>
public sealed class ChallengeIssuer(IdentityProviders providers, IdentityChallengeStore challenges, LiveSessionStore sessions, TimeProvider clock) : IIdentityVerificationProvider
{
    public async Task IssueChallengeAsync(string platform, string sessionId, string hostId, string challengeId, ReadOnlyMemory<byte> challenge, string challengeHash, CancellationToken cancellationToken)
    {
        if (!providers.TryGet(providers.Challenger, out var adapter, out _))
        {
            throw new InvalidOperationException(
                $"No trusted identity provider '{providers.Challenger}': register its adapter and set IdentityProviders:{providers.Challenger}:SigningSecret.");
        }

        if (!Domain.PlatformId.TryParse(platform, out var tenant) || await sessions.FindSessionAsync(tenant, sessionId, cancellationToken) is not { } session)
        {
            throw new InvalidOperationException($"Session {sessionId} of {platform} is not recorded; its challenge cannot be bound.");
        }

        var now = clock.GetUtcNow();
        var issued = new IdentityChallenge(challengeId, adapter.Name, platform, sessionId, hostId, now, session.ScheduledStart);
        await challenges.RecordAsync(issued, cancellationToken);
        await sessions.RecordChallengeAsync(platform, sessionId, hostId, challengeId, challengeHash, adapter.Name, now, cancellationToken);
        await adapter.SendChallengeAsync(issued, challenge, cancellationToken);
    }
}
