using LiveCommerce.Domain;
using LiveCommerce.Domain.Screening;
using LiveCommerce.Storage.Screening;
using Microsoft.Extensions.Caching.Memory;

namespace LiveCommerce.Http.Screening;

/// <summary>
/// Compiled matchers, one per platform, list and version. A version never changes, so a cached matcher is never
/// stale; the cache only bounds memory (least recently used lists are compiled again on demand).
/// </summary>
public sealed class NegativeListMatchers(NegativeListStore store) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64 });

    public Task<NegativeListMatcher> GetAsync(PlatformId platform, NegativeListVersion version, CancellationToken cancellationToken) =>
        _cache.GetOrCreate((platform.Value, version.ListId, version.Version), entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            return BuildAsync(version);
        })!.WaitAsync(cancellationToken);

    private async Task<NegativeListMatcher> BuildAsync(NegativeListVersion version)
    {
        var entries = await store.LoadEntriesAsync(version, CancellationToken.None);
        return NegativeListMatcher.Build(entries);
    }

    public void Dispose() => _cache.Dispose();
}
