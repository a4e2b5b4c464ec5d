using Azure.Core;
using Azure.Core.Pipeline;

namespace LiveCommerce.Storage;

/// <summary>
/// Counts storage requests made on behalf of the current HTTP request (an AsyncLocal scope), so the host can report
/// round trips per call in Server-Timing and the benchmark can check the hot path's budget.
/// </summary>
public sealed class StorageRoundTrips : HttpPipelineSynchronousPolicy
{
    private static readonly AsyncLocal<Counter?> Current = new();

    public static Counter BeginScope()
    {
        var counter = new Counter();
        Current.Value = counter;
        return counter;
    }

    public override void OnSendingRequest(HttpMessage message) => Current.Value?.Increment();

    public sealed class Counter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        internal void Increment() => Interlocked.Increment(ref _count);
    }
}
