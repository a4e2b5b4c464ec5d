using System.Text.Json;
using System.Text.RegularExpressions;
using LiveCommerce.Testing;

namespace LiveCommerce.Api.Tests.Operations;

/// <summary>
/// The Functions shell cannot be compiled on every machine, so its routes are checked as text: every operation of
/// the OpenAPI document (which the local host is tested to serve) has an [HttpTrigger] with the same method and route.
/// </summary>
public sealed partial class FunctionsShellCoverageTests
{
    [Fact]
    public void Every_documented_operation_has_an_http_trigger_in_the_functions_shell()
    {
        var triggers = Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, "src", "LiveCommerce.Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => HttpTrigger().Matches(File.ReadAllText(f)))
            .Select(m => $"{m.Groups["method"].Value.ToUpperInvariant()} /api/{m.Groups["route"].Value}")
            .ToHashSet(StringComparer.Ordinal);

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "docs", "openapi.json")));
        var missing = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Where(operation => !triggers.Contains(operation))
            .ToList();

        Assert.Empty(missing);
        Assert.True(triggers.Count >= 30, $"only {triggers.Count} HTTP triggers found");
    }

    [GeneratedRegex("HttpTrigger\\(AuthorizationLevel\\.\\w+,\\s*\"(?<method>\\w+)\",\\s*Route\\s*=\\s*\"(?<route>[^\"]+)\"\\)")]
    private static partial Regex HttpTrigger();
}
