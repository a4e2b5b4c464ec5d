using System.Net.Http.Json;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.Audit;

/// <summary>A crash between a change and its audit entry: the outbox completes the entry after a restart.</summary>
public sealed class AuditOutboxRestartTests
{
    [Fact]
    public async Task A_host_killed_between_the_change_and_its_entry_appends_the_entry_after_restart()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string> { ["Audit:OutboxGraceSeconds"] = "1", ["Audit:RelayIntervalSeconds"] = "1" };

        await using (var first = await LocalHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>(settings) { ["Audit:CrashAfterChangeOf"] = "PUT /key-room-thresholds" }))
        {
            using var client = first.CreateClient(platform, "compliance.admin");
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => AuditApi.PutThresholdsAsync(client, 777_000));
            for (var i = 0; i < 200 && !first.HasExited; i++)
            {
                await Task.Delay(50);
            }

            Assert.True(first.HasExited, "The host should have ended itself between the change and the entry.");
        }

        await using var second = await LocalHostProcess.StartAsync(azurite.ConnectionString, settings);
        using var again = second.CreateClient(platform, "compliance.admin");

        // The change was made before the crash...
        var thresholds = await again.GetJsonAsync("api/key-room-thresholds");
        Assert.Equal(777_000, thresholds.GetProperty("followers").GetInt64());

        // ...and the relay of the new process appends its entry from the outbox.
        var entries = await again.EntriesAtLeastAsync(1);
        var entry = Assert.Single(entries);
        Assert.Equal("PUT /key-room-thresholds", entry.GetProperty("action").GetString());
        Assert.True(entry.GetProperty("recovered").GetBoolean());
        Assert.Equal(0, await azurite.CountRowsAsync("auditoutbox", platform));
        Assert.True((await again.GetJsonAsync("api/audit-log/verification")).GetProperty("valid").GetBoolean());
    }
}
