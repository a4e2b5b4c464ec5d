using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using LiveCommerce.Api.Tests.Identity;

namespace LiveCommerce.Api.Tests.Workflows;

/// <summary>The local host's workflows on the Durable Task engine: its storage layout, and the operations on an instance.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class WorkflowEngineApiTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task A_pre_live_check_runs_on_the_task_hub_and_no_table_of_the_old_runtime_exists()
    {
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        using var client = fixture.ClientFor(platform);
        await PreLiveApiTests.QualifyAsync(client, "m1", "h1");
        (await client.PostAsJsonAsync("api/live-sessions/layout/pre-live-checks", PreLiveApiTests.Session("m1", ["h1"], DateTimeOffset.UtcNow.AddMinutes(30)))).EnsureSuccessStatusCode();
        (await PreLiveApiTests.ResultAsync(client, "layout", "h1")).EnsureSuccessStatusCode();
        Assert.Equal("cleared", (await PreLiveApiTests.FinalAsync(client, "layout")).GetProperty("status").GetString());

        var tables = new List<string>();
        await foreach (var table in new TableServiceClient(fixture.Azurite.ConnectionString).QueryAsync())
        {
            tables.Add(table.Name);
        }

        var queues = new List<string>();
        await foreach (var queue in new QueueServiceClient(fixture.Azurite.ConnectionString).GetQueuesAsync())
        {
            queues.Add(queue.Name);
        }

        Assert.Contains("LiveCommerceHubInstances", tables);
        Assert.Contains("LiveCommerceHubHistory", tables);
        Assert.Contains("livecommercehub-control-00", queues);
        Assert.Contains("livecommercehub-workitems", queues);
        Assert.DoesNotContain("workflows", tables);
        var containers = new List<string>();
        await foreach (var container in new Azure.Storage.Blobs.BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainersAsync())
        {
            containers.Add(container.Name);
        }

        Assert.DoesNotContain("workflow-payloads", containers);
    }

    [Fact]
    public async Task An_instance_is_read_terminated_and_purged_by_its_own_platform_only()
    {
        var platform = "p-" + Guid.NewGuid().ToString("N")[..12];
        using var api = fixture.ClientFor(platform);
        using var client = fixture.ClientFor(platform, "compliance.admin");
        using var other = fixture.ClientFor(null, "compliance.admin");
        await PreLiveApiTests.QualifyAsync(api, "m1", "h1");
        (await api.PostAsJsonAsync("api/live-sessions/ops/pre-live-checks", PreLiveApiTests.Session("m1", ["h1"], DateTimeOffset.UtcNow.AddMinutes(30)))).EnsureSuccessStatusCode();
        var id = Uri.EscapeDataString($"prelive:{platform}:ops");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"api/workflows/{id}")).StatusCode);

        var running = await WaitForStatusAsync(client, id, s => s is "running");
        Assert.Equal("PreLiveCheck", running.GetProperty("name").GetString());
        Assert.Equal("pending", running.GetProperty("customStatus").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"api/workflows/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"api/workflows/{id}/terminate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/workflows/{Uri.EscapeDataString("schedule:evidence-purge:2026-12-02")}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync($"api/workflows/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"api/workflows/{id}/terminate?reason=session+cancelled", null)).StatusCode);
        await WaitForStatusAsync(client, id, s => s is "terminated");
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"api/workflows/{id}/terminate", null)).StatusCode);
        Assert.Equal("blocked", (await api.GetFromJsonAsync<JsonElement>("api/live-sessions/ops/pre-live-checks")).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"api/workflows/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/workflows/{id}")).StatusCode);
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string id, Func<string?, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync($"api/workflows/{id}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (wanted(body.GetProperty("runtimeStatus").GetString()))
                {
                    return body;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"instance {id} never reached the wanted status");
            await Task.Delay(100);
        }
    }
}
