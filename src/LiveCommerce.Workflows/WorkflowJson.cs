using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace LiveCommerce.Workflows;

/// <summary>
/// How workflow inputs, outputs, activity results, events and statuses are serialized: camelCase JSON, the same in
/// both hosts and on both sides of the engine (orchestrators, activities and clients).
/// </summary>
public static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>The Durable data converter over <see cref="Options"/>: give it to every worker and client.</summary>
    public static readonly DataConverter Converter = new JsonDataConverter(Options);

    public static string Serialize(object? value) =>
        JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), Options);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The value of <paramref name="json"/>, or default for no JSON at all.</summary>
    public static T? Deserialize<T>(string? json) =>
        json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
