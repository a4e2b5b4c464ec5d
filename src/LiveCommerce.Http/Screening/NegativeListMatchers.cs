using LiveCommerce.Domain;
using LiveCommerce.Domain.Screening;
using LiveCommerce.Storage.Screening;
using Microsoft.Extensions.Caching.Memory;

namespace LiveCommerce.Http.Screening;

/// <summary>
/// Compiled screens (both passes), one per platform, list and version. A version never changes, so a cached screen is
/// never stale; the cache only bounds memory (least recently used lists are compiled again on demand).
/// </summary>
public sealed class NegativeListMatchers(NegativeListStore store) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64 });

    public async Task<NegativeListScreen> GetAsync(PlatformId platform, NegativeListVersion version, CancellationToken cancellationToken)
    {
        var key = (platform.Value, version.ListId, version.Version);
        var build = _cache.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            return BuildAsync(version);
        })!;
        try
        {
            return await build.WaitAsync(cancellationToken);
        }
        catch when (build.IsFaulted)
        {
            // A failed load (the blob unreachable for a moment) must not be served from the cache for hours.
            _cache.Remove(key);
            throw;
        }
    }

    private async Task<NegativeListScreen> BuildAsync(NegativeListVersion version)
    {
        var entries = await store.LoadEntriesAsync(version, CancellationToken.None);
        return NegativeListScreen.Build(entries);
    }

    public void Dispose() => _cache.Dispose();
}
