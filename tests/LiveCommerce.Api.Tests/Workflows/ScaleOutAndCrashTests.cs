using System.Net.Http.Json;
using LiveCommerce.Api.Tests.Identity;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.Workflows;

/// <summary>
/// Two local hosts on one storage account share the task hub's partitions; one is killed (SIGKILL) with 100 pre-live
/// checks in flight and started again. Every check clears, and every side effect happened exactly once.
/// </summary>
public sealed class ScaleOutAndCrashTests
{
    private const int Checks = 100;

    [Fact]
    public async Task Two_hosts_share_the_work_and_after_one_is_killed_and_restarted_all_100_checks_clear_once()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        var first = await LocalHostProcess.StartAsync(azurite.ConnectionString);
        await using var second = await LocalHostProcess.StartAsync(azurite.ConnectionString);
        using var viaFirst = first.CreateClient(platform);
        using var viaSecond = second.CreateClient(platform);
        await PreLiveApiTests.QualifyAsync(viaFirst, "m1", "h1");

        // Half the checks through each host; both hosts' workers run them (the partitions are shared).
        var start = DateTimeOffset.UtcNow.AddMinutes(30);
        await Parallel.ForEachAsync(Enumerable.Range(0, Checks), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellation) =>
            (await (i % 2 == 0 ? viaFirst : viaSecond).PostAsJsonAsync($"api/live-sessions/s{i}/pre-live-checks", PreLiveApiTests.Session("m1", ["h1"], start), cancellation)).EnsureSuccessStatusCode());
        await EventuallyAsync(async () => await ChallengesAsync(azurite, platform) == Checks, () => $"every check issued its challenge ({first.Output[^Math.Min(4000, first.Output.Length)..]}\n---\n{second.Output[^Math.Min(4000, second.Output.Length)..]})");

        await first.KillAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, Checks), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            (await PreLiveApiTests.ResultAsync(viaSecond, $"s{i}", "h1")).EnsureSuccessStatusCode());
        await using var restarted = await LocalHostProcess.StartAsync(azurite.ConnectionString);
        using var viaRestarted = restarted.CreateClient(platform);

        for (var i = 0; i < Checks; i++)
        {
            Assert.Equal("cleared", (await PreLiveApiTests.FinalAsync(i % 2 == 0 ? viaRestarted : viaSecond, $"s{i}")).GetProperty("status").GetString());
        }

        for (var i = 0; i < Checks; i++)
        {
            Assert.Equal(1, await azurite.CountRowsAsync("livesessions", $"{platform}|s{i}", "challenge|"));
            Assert.Equal(1, await azurite.CountRowsAsync("livesessions", $"{platform}|s{i}", "outcome"));
        }

        await first.DisposeAsync();
    }

    private static async Task<int> ChallengesAsync(AzuriteInstance azurite, string platform)
    {
        var total = 0;
        for (var i = 0; i < Checks; i++)
        {
            total += await azurite.CountRowsAsync("livesessions", $"{platform}|s{i}", "challenge|");
        }

        return total;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, Func<string> what)
    {
        // Generous: on a loaded 2-core machine the 200 activities before the wait have taken minutes.
        var deadline = DateTime.UtcNow.AddSeconds(300);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within 300 s: {what()}");
            await Task.Delay(500);
        }
    }
}
