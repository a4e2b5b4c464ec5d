using System.Diagnostics.CodeAnalysis;

namespace LiveCommerce.Workflows;

/// <summary>Every workflow and activity a host runs, by name. Built by DI from <see cref="WorkflowServiceCollectionExtensions"/>.</summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, WorkflowRegistration> _workflows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowRegistration> _activities = new(StringComparer.Ordinal);

    public WorkflowRegistry(IEnumerable<WorkflowRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            var byName = registration.Kind == WorkflowTaskKind.Workflow ? _workflows : _activities;
            if (byName.TryGetValue(registration.Name, out var existing) && existing.ImplementationType != registration.ImplementationType)
            {
                throw new InvalidOperationException(
                    $"Two {registration.Kind.ToString().ToLowerInvariant()}s are named '{registration.Name}': {existing.ImplementationType.Name} and {registration.ImplementationType.Name}.");
            }

            byName[registration.Name] = registration;
        }
    }

    public IReadOnlyCollection<string> WorkflowNames => _workflows.Keys;

    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    public bool TryGetWorkflow(string name, [NotNullWhen(true)] out WorkflowRegistration? registration) =>
        _workflows.TryGetValue(name, out registration);

    public bool TryGetActivity(string name, [NotNullWhen(true)] out WorkflowRegistration? registration) =>
        _activities.TryGetValue(name, out registration);
}
