using LiveCommerce.Storage.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Http.Audit;

/// <summary>
/// Completes the audit outbox: at start-up (after a crash, the intents the dead process left) and then every
/// <see cref="AuditOptions.RelayIntervalSeconds"/>.
/// </summary>
public sealed class AuditOutboxRelay(AuditTrail trail, AuditOptions options, TimeProvider clock, ILogger<AuditOutboxRelay> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.RelayIntervalSeconds)), clock);
        do
        {
            try
            {
                await trail.RecoverAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Audit outbox relay pass failed; the next pass retries");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
