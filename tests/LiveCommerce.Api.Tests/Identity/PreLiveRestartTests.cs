using System.Net.Http.Json;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.Identity;

/// <summary>A crash of the local host while a pre-live check waits for its identity results.</summary>
public sealed class PreLiveRestartTests
{
    [Fact]
    public async Task A_killed_host_resumes_the_waiting_workflow_and_every_side_effect_happens_once()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        var partition = $"{platform}|crash-1";

        var first = await LocalHostProcess.StartAsync(azurite.ConnectionString);
        using (var client = first.CreateClient(platform))
        {
            await PreLiveApiTests.QualifyAsync(client, "m1", "h1", "h2");
            (await client.PostAsJsonAsync("api/live-sessions/crash-1/pre-live-checks", PreLiveApiTests.Session("m1", ["h1", "h2"], DateTimeOffset.UtcNow.AddMinutes(30)))).EnsureSuccessStatusCode();

            // Wait until the activities before the wait have run: both challenges issued.
            for (var i = 0; i < 200 && await azurite.CountRowsAsync("livesessions", partition, "challenge|") < 2; i++)
            {
                await Task.Delay(50);
            }

            Assert.Equal(2, await azurite.CountRowsAsync("livesessions", partition, "challenge|"));
        }

        await first.KillAsync();

        await using var second = await LocalHostProcess.StartAsync(azurite.ConnectionString);
        using var again = second.CreateClient(platform);
        (await PreLiveApiTests.ResultAsync(again, "crash-1", "h1")).EnsureSuccessStatusCode();
        (await PreLiveApiTests.ResultAsync(again, "crash-1", "h2")).EnsureSuccessStatusCode();
        var status = await PreLiveApiTests.FinalAsync(again, "crash-1");

        Assert.Equal("cleared", status.GetProperty("status").GetString());
        Assert.Equal(2, await azurite.CountRowsAsync("livesessions", partition, "challenge|"));
        Assert.Equal(2, await azurite.CountRowsAsync("livesessions", partition, "result|"));
        Assert.Equal(1, await azurite.CountRowsAsync("livesessions", partition, "outcome"));
        await first.DisposeAsync();
    }
}
