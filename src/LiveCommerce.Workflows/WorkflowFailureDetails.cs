namespace LiveCommerce.Workflows;

/// <summary>Why a task or an instance failed (Durable's <c>TaskFailureDetails</c>): the exception's type name, message and stack.</summary>
public sealed record WorkflowFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null)
{
    /// <summary>True when the failure was an exception of exactly type <typeparamref name="T"/> (compared by full name).</summary>
    public bool IsCausedBy<T>()
        where T : Exception => ErrorType == typeof(T).FullName;

    public static WorkflowFailureDetails FromException(Exception exception) =>
        new(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.StackTrace);

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
