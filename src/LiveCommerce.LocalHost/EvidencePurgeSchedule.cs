using LiveCommerce.Storage.Disputes;

namespace LiveCommerce.LocalHost;

/// <summary>
/// Runs the evidence purge when the host starts and then every <c>Disputes:PurgeInterval</c> (default one hour), on
/// the host's clock, so <c>LocalHost:ClockOffset</c> rehearses what a later date purges. The Functions app runs the
/// same job on a timer trigger.
/// </summary>
internal sealed class EvidencePurgeSchedule(
    EvidencePurge purge, TimeProvider clock, IConfiguration configuration, ILogger<EvidencePurgeSchedule> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue<TimeSpan?>("Disputes:PurgeInterval") ?? TimeSpan.FromHours(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = interval;
            try
            {
                var report = await purge.RunAsync(stoppingToken);
                logger.LogInformation(
                    "Evidence purge: {Examined} due, {Purged} purged, {Kept} kept longer, {Held} still immutable",
                    report.Examined, report.Purged, report.Kept, report.Held);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Storage may still be starting (tables are created by StorageBootstrap); try again soon.
                logger.LogWarning("Evidence purge failed: {Message}", ex.Message);
                wait = RetryAfterFailure < interval ? RetryAfterFailure : interval;
            }

            await Task.Delay(wait, clock, stoppingToken);
        }
    }
}
