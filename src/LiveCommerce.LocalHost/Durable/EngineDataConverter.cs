using LiveCommerce.Workflows;

namespace LiveCommerce.LocalHost.Durable;

/// <summary>
/// The Durable Task Framework's converter over <see cref="WorkflowJson.Converter"/>, for <c>TaskHubClient</c>: inputs
/// and events go in exactly as the orchestrators' shims read them (the framework's own default is Newtonsoft).
/// </summary>
internal sealed class EngineDataConverter : DurableTask.Core.Serializing.DataConverter
{
    public static readonly EngineDataConverter Instance = new();

    public override string? Serialize(object value) => WorkflowJson.Converter.Serialize(value);

    public override string? Serialize(object value, bool formatted) => Serialize(value);

    public override object? Deserialize(string data, Type objectType) => WorkflowJson.Converter.Deserialize(data, objectType);
}
