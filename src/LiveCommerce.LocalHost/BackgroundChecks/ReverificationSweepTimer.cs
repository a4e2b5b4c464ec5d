using LiveCommerce.Domain;
using LiveCommerce.Http.BackgroundChecks;
using NodaTime;

namespace LiveCommerce.LocalHost.BackgroundChecks;

/// <summary>
/// The local stand-in for the Functions app's TimerTrigger: runs the daily re-verification sweep at
/// <see cref="BackgroundCheckOptions.SweepTime"/> on the Asia/Shanghai clock (and once at start-up when asked).
/// A sweep that fails is tried again a few times; the next day's sweep would find the same accounts anyway.
/// </summary>
internal sealed class ReverificationSweepTimer(
    IReverificationSweep sweep, BackgroundCheckOptions options, TimeProvider clock, ILogger<ReverificationSweepTimer> logger) : BackgroundService
{
    private const int Attempts = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (options.SweepOnStartup)
            {
                await SweepAsync(stoppingToken);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                await Task.Delay(NextRunAfter(now, options.SweepTime) - now, clock, stoppingToken);
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The first instant after <paramref name="now"/> when the Shanghai clock shows <paramref name="at"/>.</summary>
    internal static DateTimeOffset NextRunAfter(DateTimeOffset now, TimeOnly at)
    {
        var time = LocalTime.FromTicksSinceMidnight(at.Ticks);
        var today = ChinaTime.DateOf(now);
        var next = today.At(time).InZoneLeniently(ChinaTime.Zone).ToInstant();
        if (next <= Instant.FromDateTimeOffset(now))
        {
            next = today.PlusDays(1).At(time).InZoneLeniently(ChinaTime.Zone).ToInstant();
        }

        return next.ToDateTimeOffset();
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sweep.RunDailyAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && attempt < Attempts)
            {
                // At start-up the tables may not exist yet; later, storage may be briefly unreachable.
                logger.LogWarning("Re-verification sweep failed (attempt {Attempt}): {Message}", attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1 << attempt), clock, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Re-verification sweep failed {Attempts} times; the next daily sweep tries again.", Attempts);
                return;
            }
        }
    }
}
