using System.Text.Json;
using LiveCommerce.Workflows;
using Microsoft.Azure.Functions.Worker.Extensions.DurableTask.Execution;
using Microsoft.DurableTask;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LiveCommerce.Functions.Tests;

/// <summary>
/// The functions.metadata the Worker SDK wrote at build time, completed at start-up as the worker completes it (the
/// metadata transformers the app registered, e.g. Durable's for class-based orchestrators and activities), is what
/// the Functions host indexes: it must list every HTTP operation of the OpenAPI document, every registered
/// orchestration and activity, and nothing else of those kinds.
/// </summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class FunctionsMetadataTests(FunctionsAppFixture app, ITestOutputHelper output)
{
    private sealed record Binding(string Function, JsonElement Json)
    {
        public string Type => Json.GetProperty("type").GetString()!;

        public bool IsInput => Json.GetProperty("direction").GetString()!.Equals("in", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The file's functions, then every registered transformer applied, as the worker does before indexing.</summary>
    private List<IFunctionMetadata> IndexedFunctions()
    {
        var functions = FunctionCatalog.ReadMetadata().EnumerateArray()
            .Select(f => (IFunctionMetadata)new DefaultFunctionMetadata
            {
                Name = f.GetProperty("name").GetString(),
                EntryPoint = f.GetProperty("entryPoint").GetString(),
                ScriptFile = f.GetProperty("scriptFile").GetString(),
                Language = f.GetProperty("language").GetString(),
                RawBindings = f.GetProperty("bindings").EnumerateArray().Select(b => b.GetRawText()).ToList(),
            })
            .ToList();
        foreach (var transformer in app.Services.GetServices<IFunctionMetadataTransformer>())
        {
            transformer.Transform(functions);
        }

        return functions;
    }

    private List<Binding> Triggers() => IndexedFunctions()
        .SelectMany(f => f.RawBindings!.Select(raw => new Binding(f.Name!, JsonDocument.Parse(raw).RootElement.Clone())))
        .Where(b => b.IsInput && b.Type.EndsWith("Trigger", StringComparison.Ordinal))
        .ToList();

    [Fact]
    public void Every_function_the_build_found_is_in_functions_metadata_once()
    {
        var inFile = FunctionCatalog.ReadMetadata().EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToList();

        Assert.Equal(inFile.Count, inFile.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(FunctionCatalog.Methods.Keys.Order(StringComparer.Ordinal), inFile.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_HTTP_functions_are_the_operations_of_the_OpenAPI_document_served_and_in_docs()
    {
        var functions = Triggers()
            .Where(b => b.Type == "httpTrigger")
            .SelectMany(b => b.Json.GetProperty("methods").EnumerateArray().Select(m => $"{m.GetString()!.ToUpperInvariant()} /api/{b.Json.GetProperty("route").GetString()}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        using var served = typeof(LiveCommerce.Http.LiveCommerceApi).Assembly.GetManifestResourceStream("LiveCommerce.Http.openapi.json")!;
        var servedOperations = Operations(JsonDocument.Parse(served));
        var documented = Operations(JsonDocument.Parse(File.ReadAllText(Path.Combine(Testing.RepositoryLayout.Root, "docs", "openapi.json"))));

        Assert.Equal(documented, servedOperations);
        Assert.Equal(documented, functions);
    }

    [Fact]
    public void The_orchestration_and_activity_triggers_are_the_registered_workflows_and_activities()
    {
        var triggers = Triggers();
        var registry = new DurableTaskRegistry().AddLiveCommerceTasks(); // the local host's engine registers the same

        Assert.Equal(
            registry.GetOrchestrators().Select(o => o.Key.Name).Order(StringComparer.Ordinal),
            triggers.Where(b => b.Type == "orchestrationTrigger").Select(b => b.Function).Order(StringComparer.Ordinal));
        Assert.Equal(
            registry.GetActivities().Select(a => a.Key.Name).Order(StringComparer.Ordinal),
            triggers.Where(b => b.Type == "activityTrigger").Select(b => b.Function).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_activity_declares_a_durable_client_input_so_activities_can_reach_the_task_hub()
    {
        var functions = IndexedFunctions();
        var activities = Triggers().Where(b => b.Type == "activityTrigger").Select(b => b.Function).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(activities);
        Assert.All(
            functions.Where(f => activities.Contains(f.Name!)),
            f => Assert.Single(f.RawBindings!, raw => JsonDocument.Parse(raw).RootElement.GetProperty("type").GetString() == "durableClient"));
    }

    [Fact]
    public void Every_function_has_exactly_one_trigger_and_the_count_is_reported()
    {
        var functions = IndexedFunctions();
        var triggers = Triggers();

        Assert.All(functions, f => Assert.Single(triggers, t => t.Function == f.Name));
        output.WriteLine($"{functions.Count} functions: " + string.Join(", ", triggers.GroupBy(t => t.Type).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")));
    }

    private static List<string> Operations(JsonDocument document) => document.RootElement.GetProperty("paths").EnumerateObject()
        .SelectMany(path => path.Value.EnumerateObject()
            .Where(op => op.Name is "get" or "put" or "post" or "delete" or "patch")
            .Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
        .Order(StringComparer.Ordinal)
        .ToList();
}
