using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using NodaTime;

namespace LiveCommerce.Storage.BackgroundChecks;

/// <summary>
/// Background-check messages already handled, for the kinds whose side effects span partitions (a sweep enqueues
/// messages, a re-screen writes many listings): table <c>idempotency</c>, partition <c>{platform}|messages</c>, one
/// row per message id. Those side effects are keyed deterministically by the message, so a re-delivery before the row
/// is written repeats them harmlessly, and one after it does nothing. (A re-verification keeps its row in the
/// account's own partition instead, in the same transaction as the decision.)
/// </summary>
public sealed class ProcessedMessages(StorageClients clients)
{
    private TableClient Table => clients.Table(StorageNames.IdempotencyTable);

    /// <summary>A row key for any message id: hashed, since the id is the sender's text.</summary>
    public static string RowKeyOf(string messageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..40];

    public async Task<bool> WasProcessedAsync(PlatformId platform, string messageId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(platform), RowKeyOf(messageId), select: ["MessageId"], cancellationToken: cancellationToken);
        return row.HasValue;
    }

    /// <summary>Records the message as handled; recording it twice keeps the first record.</summary>
    public async Task RecordAsync(PlatformId platform, string messageId, string kind, string correlationId, string summary, Instant processedAt, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(
                new TableEntity(PartitionOf(platform), RowKeyOf(messageId))
                {
                    ["MessageId"] = messageId,
                    ["Kind"] = kind,
                    ["CorrelationId"] = correlationId,
                    ["Summary"] = summary,
                    ["ProcessedAt"] = processedAt.ToDateTimeOffset(),
                },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Handled twice at once (two deliveries racing): the side effects were idempotent, the first record stands.
        }
    }

    // Idempotency-Key records use "{platform}|" and four hex characters: this partition can never be one of them.
    private static string PartitionOf(PlatformId platform) => $"{platform.Value}|messages";
}
