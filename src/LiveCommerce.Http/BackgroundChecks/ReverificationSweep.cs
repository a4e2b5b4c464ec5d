using LiveCommerce.Domain;
using LiveCommerce.Storage.Identity;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Http.BackgroundChecks;

/// <summary>The sweep the daily timer runs, and the one a <c>licence_expiry_sweep</c> message runs for its platform.</summary>
public interface IReverificationSweep
{
    /// <summary>The daily sweep over every platform. Run twice on one day (Asia/Shanghai), it sends the same messages.</summary>
    Task<int> RunDailyAsync(CancellationToken cancellationToken);

    /// <summary>One platform's sweep; <paramref name="sweepId"/> keys the messages it sends, so a re-run sends the same.</summary>
    Task<int> RunAsync(PlatformId? platform, string sweepId, string correlationId, CancellationToken cancellationToken);
}

/// <summary>
/// Enqueues a re-verification of every merchant and host whose approval ends within 14 days, or relies on a licence
/// or certificate lapsing within 30 (<see cref="Domain.Identity.ReverificationSchedule"/>). Message ids are derived
/// from the sweep and the account, so a sweep that runs again, or a message re-sent, re-verifies nothing twice.
/// </summary>
public sealed class ReverificationSweep(QualificationStore store, IBackgroundCheckQueue queue, TimeProvider clock, ILogger<ReverificationSweep> logger) : IReverificationSweep
{
    private const int EnqueueBatch = 100;

    public Task<int> RunDailyAsync(CancellationToken cancellationToken)
    {
        var sweepId = "sweep-" + LocalDatePattern.Iso.Format(ChinaTime.DateOf(clock.GetUtcNow()));
        return RunAsync(null, sweepId, sweepId, cancellationToken);
    }

    public async Task<int> RunAsync(PlatformId? platform, string sweepId, string correlationId, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var batch = new List<BackgroundCheckMessage>(EnqueueBatch);
        var sent = 0;
        await foreach (var due in store.FindDueForReverificationAsync(platform, now, cancellationToken))
        {
            BackgroundCheck check = due.Kind == SubjectKind.Merchant ? new MerchantReverification(due.AccountId) : new HostReverification(due.AccountId);
            var messageId = BackgroundCheckMessage.DerivedId(sweepId, due.Platform.Value, check.Kind, due.AccountId);
            batch.Add(new BackgroundCheckMessage(messageId, correlationId, due.Platform, check, now));
            if (batch.Count == EnqueueBatch)
            {
                sent += await FlushAsync(batch, cancellationToken);
            }
        }

        sent += await FlushAsync(batch, cancellationToken);
        logger.LogInformation("Sweep {SweepId} ({Scope}) enqueued {Count} re-verification(s).", sweepId, platform?.Value ?? "all platforms", sent);
        return sent;
    }

    private async Task<int> FlushAsync(List<BackgroundCheckMessage> batch, CancellationToken cancellationToken)
    {
        var count = batch.Count;
        if (count > 0)
        {
            await queue.EnqueueAsync([.. batch], cancellationToken);
            batch.Clear();
        }

        return count;
    }
}
