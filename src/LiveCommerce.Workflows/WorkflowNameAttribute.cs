using System.Reflection;

namespace LiveCommerce.Workflows;

/// <summary>The name a workflow or activity is registered and called by (the Durable function name in Azure).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WorkflowNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>The attribute's name, or the class name when the class has none.</summary>
    public static string Of(Type type) => type.GetCustomAttribute<WorkflowNameAttribute>()?.Name ?? type.Name;
}
