using System.Collections.Concurrent;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Tipping;
using NodaTime;

namespace LiveCommerce.Storage.Tipping;

/// <summary>How long this process may answer from what it read of a host's suspensions and a platform's policy (<c>Tipping:CacheSeconds</c>).</summary>
public sealed record TippingCacheOptions(TimeSpan Lifetime)
{
    public const string Setting = "Tipping:CacheSeconds";

    /// <summary>Five seconds: a new policy or sanction applies on every instance within that, at one read per host (or platform) per five seconds.</summary>
    public static readonly TippingCacheOptions Default = new(TimeSpan.FromSeconds(5));
}

/// <summary>
/// The authorization's port to sanctions: is tipping to this host suspended at <c>t</c>. Kept off the hot path's
/// round trips: the host's suspension rows are read at most once per <see cref="TippingCacheOptions.Lifetime"/> per
/// process (in parallel with the user's row when they are read at all), and the whole rows are cached, so a suspension
/// that starts or ends within the lifetime is judged at the tip's own time. A sanction recorded on another instance is
/// seen within the lifetime; a tip allowed in that window is still pending, and <see cref="TipSettlements"/> refunds
/// instead of settling any tip whose host is suspended, so no such tip reaches the host.
/// </summary>
public sealed class HostTippingSuspensions(TippingStore store, TippingCacheOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(PlatformId, string), (long ReadAt, Task<IReadOnlyList<HostTippingSuspension>> Rows)> _cache = new();

    public async Task<HostTippingSuspension?> ActiveAtAsync(PlatformId platform, string hostId, Instant at, CancellationToken cancellationToken)
    {
        var key = (platform, hostId);
        var now = clock.GetTimestamp();
        if (!_cache.TryGetValue(key, out var cached) || clock.GetElapsedTime(cached.ReadAt, now) > options.Lifetime || cached.Rows.IsFaulted || cached.Rows.IsCanceled)
        {
            // One read shared by every request for the host that misses at the same time.
            cached = (now, store.FindSuspensionsAsync(platform, hostId, CancellationToken.None));
            _cache[key] = cached;
        }

        return HostTippingSuspension.ActiveAt(await cached.Rows.WaitAsync(cancellationToken), at);
    }

    /// <summary>Forgets what this process read of the host (after it recorded a suspension itself).</summary>
    public void Forget(PlatformId platform, string hostId) => _cache.TryRemove((platform, hostId), out _);
}

/// <summary>The platform's tipping policy, read at most once per <see cref="TippingCacheOptions.Lifetime"/> per process; a PUT here forgets it at once.</summary>
public sealed class TippingPolicies(TippingStore store, TippingCacheOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<PlatformId, (long ReadAt, Task<StoredTippingPolicy?> Policy)> _cache = new();

    /// <summary>The stored policy, or version 0 with the design defaults.</summary>
    public async Task<StoredTippingPolicy> CurrentAsync(PlatformId platform, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        if (!_cache.TryGetValue(platform, out var cached) || clock.GetElapsedTime(cached.ReadAt, now) > options.Lifetime || cached.Policy.IsFaulted || cached.Policy.IsCanceled)
        {
            cached = (now, store.FindPolicyAsync(platform, CancellationToken.None));
            _cache[platform] = cached;
        }

        return await cached.Policy.WaitAsync(cancellationToken) ?? new StoredTippingPolicy(0, TippingPolicy.Default, null);
    }

    public async Task<StoredTippingPolicy> ReplaceAsync(PlatformId platform, TippingPolicy policy, Instant now, CancellationToken cancellationToken)
    {
        var stored = await store.ReplacePolicyAsync(platform, policy, now, cancellationToken);
        _cache.TryRemove(platform, out _);
        return stored;
    }
}
