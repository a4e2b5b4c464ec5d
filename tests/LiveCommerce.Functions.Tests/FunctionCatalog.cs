using System.Reflection;
using System.Text.Json;
using LiveCommerce.Testing;
using Microsoft.Azure.Functions.Worker;

namespace LiveCommerce.Functions.Tests;

/// <summary>The app's [Function] methods by name, and the functions.metadata its build wrote.</summary>
public static class FunctionCatalog
{
    public static IReadOnlyDictionary<string, MethodInfo> Methods { get; } = typeof(LiveCommerceFunctionsApp).Assembly
        .GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
        .ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name, StringComparer.Ordinal);

    public static IEnumerable<string> WithTrigger<TTrigger>()
        where TTrigger : Attribute =>
        Methods.Where(f => f.Value.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null)).Select(f => f.Key).Order(StringComparer.Ordinal);

    public static T Trigger<T>(string function)
        where T : Attribute =>
        Methods[function].GetParameters().Select(p => p.GetCustomAttribute<T>()).Single(a => a is not null)!;

    /// <summary>src/LiveCommerce.Functions/bin/{configuration}/net10.0/functions.metadata, as the Worker SDK wrote it.</summary>
    public static string MetadataPath
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Release"
                : "Debug";
            return Path.Combine(RepositoryLayout.Root, "src", "LiveCommerce.Functions", "bin", configuration, "net10.0", "functions.metadata");
        }
    }

    public static JsonElement ReadMetadata() => JsonDocument.Parse(File.ReadAllText(MetadataPath)).RootElement.Clone();
}
