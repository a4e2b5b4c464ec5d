using Azure.Core;
using Azure.Core.Pipeline;

namespace LiveCommerce.Storage;

/// <summary>
/// Counts storage requests: per scope (an AsyncLocal, e.g. one HTTP request, so the host can report round trips per
/// call in Server-Timing) and in all (<see cref="ProcessTotal"/>, for background work such as the workflow runner,
/// whose requests start on threads no request scope reaches).
/// </summary>
public sealed class StorageRoundTrips : HttpPipelineSynchronousPolicy
{
    private static readonly AsyncLocal<Counter?> Current = new();
    private static long _processTotal;

    /// <summary>Every request sent through any <see cref="StorageClients"/> in this process so far.</summary>
    public static long ProcessTotal => Interlocked.Read(ref _processTotal);

    public static Counter BeginScope()
    {
        var counter = new Counter();
        Current.Value = counter;
        return counter;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        Interlocked.Increment(ref _processTotal);
        Current.Value?.Increment();
    }

    public sealed class Counter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        internal void Increment() => Interlocked.Increment(ref _count);
    }
}
