namespace LiveCommerce.Domain.Disputes;

/// <summary>The event a retention period runs from.</summary>
public enum RetentionAnchor
{
    TransactionCompleted,
    LiveEnded,
}
