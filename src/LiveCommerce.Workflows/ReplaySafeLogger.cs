using Microsoft.Extensions.Logging;

namespace LiveCommerce.Workflows;

/// <summary>Writes only when the workflow is not replaying, so each step is logged once however often it replays.</summary>
public sealed class ReplaySafeLogger(WorkflowContext context, ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!context.IsReplaying)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
