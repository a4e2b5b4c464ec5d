using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LiveCommerce.Api.Tests.Identity;
using LiveCommerce.Testing;
using Xunit.Abstractions;

namespace LiveCommerce.Api.Tests.Workflows;

/// <summary>
/// The engine's promises with real processes on one storage account: a host killed (SIGKILL) with 100 pre-live checks
/// in flight and started again clears all 100; two hosts share the task hub's partitions, one is killed, and the other
/// and its restart finish everything. Every side effect (challenge, outcome) happens exactly once.
/// </summary>
public sealed partial class ScaleOutAndCrashTests(ITestOutputHelper output)
{
    /// <summary>Generous: on a loaded 2-core machine hundreds of activities, a lease expiry and a visibility timeout (2 min) can take minutes.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    [Fact]
    public Task A_host_killed_with_100_checks_in_flight_clears_all_100_once_after_a_restart() => RunAsync(hosts: 1, checks: 100);

    [Fact]
    public Task Two_hosts_share_the_work_and_after_one_is_killed_every_check_clears_once() => RunAsync(hosts: 2, checks: 30);

    private async Task RunAsync(int hosts, int checks)
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        var first = await LocalHostProcess.StartAsync(azurite.ConnectionString);
        var second = hosts == 2 ? await LocalHostProcess.StartAsync(azurite.ConnectionString) : null;
        LocalHostProcess? restarted = null;
        try
        {
            using var viaFirst = first.CreateClient(platform);
            using var viaSecond = (second ?? first).CreateClient(platform);
            await PreLiveApiTests.QualifyAsync(viaFirst, "m1", "h1");
            if (hosts == 2)
            {
                // The table partition manager balances the hub's partitions: one per host.
                await EventuallyAsync(async () => (await azurite.PartitionOwnersAsync("LiveCommerceHub")).Values.Where(o => !string.IsNullOrEmpty(o)).Distinct().Count() == 2, () => "each host owns a partition");
            }

            // With two hosts, half the checks through each; both hosts' workers run them (the partitions are shared).
            var start = DateTimeOffset.UtcNow.AddMinutes(30);
            await Parallel.ForEachAsync(Enumerable.Range(0, checks), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellation) =>
                (await (i % 2 == 0 ? viaFirst : viaSecond).PostAsJsonAsync($"api/live-sessions/s{i}/pre-live-checks", PreLiveApiTests.Session("m1", ["h1"], start), cancellation)).EnsureSuccessStatusCode());
            await EventuallyAsync(async () => await CountAsync(azurite, platform, checks, "challenge|") == checks, () => "every check issued its challenge");

            await first.KillAsync();
            restarted = await LocalHostProcess.StartAsync(azurite.ConnectionString);
            using var viaRestarted = restarted.CreateClient(platform);
            var survivor = hosts == 2 ? viaSecond : viaRestarted;
            await Parallel.ForEachAsync(Enumerable.Range(0, checks), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
                (await PreLiveApiTests.ResultAsync(i % 2 == 0 ? survivor : viaRestarted, $"s{i}", "h1")).EnsureSuccessStatusCode());

            // The killed host's partitions come back after its lease lapses, its in-flight messages after their
            // visibility timeout: wait on the outcomes in storage, not on a fixed time.
            await EventuallyAsync(async () => await CountAsync(azurite, platform, checks, "outcome") >= checks, () => "every check recorded its outcome");
            for (var i = 0; i < checks; i++)
            {
                Assert.Equal("cleared", (await PreLiveApiTests.FinalAsync(i % 2 == 0 ? viaRestarted : survivor, $"s{i}")).GetProperty("status").GetString());
            }

            for (var i = 0; i < checks; i++)
            {
                Assert.Equal(1, await azurite.CountRowsAsync("livesessions", $"{platform}|s{i}", "challenge|"));
                Assert.Equal(1, await azurite.CountRowsAsync("livesessions", $"{platform}|s{i}", "outcome"));
            }
        }
        finally
        {
            output.WriteLine(EngineWarnings("first (killed)", first) + EngineWarnings("second", second) + EngineWarnings("restarted", restarted));
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }
        }
    }

    private static async Task<int> CountAsync(AzuriteInstance azurite, string platform, int checks, string rowKeyPrefix)
    {
        var total = 0;
        for (var i = 0; i < checks; i++)
        {
            total += await azurite.CountRowsAsync("livesessions", $"{platform}|s{i}", rowKeyPrefix);
        }

        return total;
    }

    private async Task EventuallyAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var started = DateTime.UtcNow;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow - started < Patience, $"Not within {Patience.TotalSeconds} s: {what()}");
            await Task.Delay(500);
        }

        output.WriteLine($"{what()}: {(DateTime.UtcNow - started).TotalSeconds:F1} s");
    }

    /// <summary>The engine's warnings by event id (108 duplicate message, 121 slow partition table, ...): what to read when the test stalls.</summary>
    private static string EngineWarnings(string name, LocalHostProcess? host) => host is null ? string.Empty
        : $"{name}: " + string.Join(", ", EngineEvent().Matches(host.Output).GroupBy(m => m.Value).Select(g => $"{g.Key} x{g.Count()}")) + "\n";

    [GeneratedRegex(@"(?:warn|fail): DurableTask\.[A-Za-z]+\[\d+\]")]
    private static partial Regex EngineEvent();
}
