using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;

namespace LiveCommerce.Storage.Events;

/// <summary>
/// A platform's webhook endpoint. <see cref="PreviousSecret"/> still signs deliveries until
/// <see cref="PreviousSecretExpiresAt"/> (the overlap of a rotation).
/// </summary>
public sealed record WebhookEndpoint(
    string EndpointId,
    string Url,
    IReadOnlyList<string> Events,
    string Secret,
    string? PreviousSecret,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The secrets that sign a delivery at <paramref name="now"/>: the current one, then the previous one while it overlaps.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : [Secret];

    public bool Wants(string type) => Events.Contains(type, StringComparer.Ordinal);
}

/// <summary>What a PUT did: created the endpoint (its new secret is shown once) or replaced its URL and events.</summary>
public sealed record WebhookEndpointSaved(WebhookEndpoint Endpoint, bool Created);

/// <summary>One attempt in an endpoint's delivery log.</summary>
public sealed record WebhookDeliveryRecord(
    string EventId,
    string Type,
    int Attempt,
    DateTimeOffset AttemptedAt,
    string Outcome,
    int? StatusCode,
    string? Error,
    long DurationMs,
    bool RetryFollows);

/// <summary>
/// Webhook endpoints and their delivery logs, table <c>webhooks</c>: endpoints in partition
/// <c>{platform}|endpoints</c> (row <c>ep|{endpointId}</c>), each endpoint's attempts in
/// <c>{platform}|{endpointId}|deliveries</c>, newest first (row = inverted ticks, event, attempt).
/// The secrets are kept in the row because every delivery signs with them; infra/ encrypts the account at rest.
/// </summary>
public sealed class WebhookEndpointStore(StorageClients clients)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => clients.Table(StorageNames.WebhooksTable);

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task<WebhookEndpoint?> FindAsync(PlatformId platform, string endpointId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(EndpointsPartition(platform), EndpointRow(endpointId), cancellationToken: cancellationToken);
        return row.HasValue ? EndpointOf(row.Value!) : null;
    }

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(PlatformId platform, CancellationToken cancellationToken)
    {
        var endpoints = new List<WebhookEndpoint>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == EndpointsPartition(platform), cancellationToken: cancellationToken))
        {
            endpoints.Add(EndpointOf(row));
        }

        return endpoints;
    }

    /// <summary>Creates the endpoint with a new secret, or replaces the URL and events of an existing one (its secrets stay).</summary>
    public async Task<WebhookEndpointSaved> SaveAsync(PlatformId platform, string endpointId, string url, IReadOnlyList<string> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(EndpointsPartition(platform), EndpointRow(endpointId), cancellationToken: cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    var created = new WebhookEndpoint(endpointId, url, events, NewSecret(), null, null, now, now);
                    await Table.AddEntityAsync(RowOf(platform, created), cancellationToken);
                    return new WebhookEndpointSaved(created, true);
                }

                var updated = EndpointOf(existing.Value!) with { Url = url, Events = events, UpdatedAt = now };
                await Table.UpdateEntityAsync(RowOf(platform, updated), existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return new WebhookEndpointSaved(updated, false);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 10)
            {
                // A concurrent PUT came first: apply this one on top of it.
            }
        }
    }

    /// <summary>A new secret; the old one keeps signing (beside the new) until <paramref name="overlapUntil"/>.</summary>
    public async Task<WebhookEndpoint?> RotateSecretAsync(PlatformId platform, string endpointId, DateTimeOffset now, DateTimeOffset overlapUntil, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(EndpointsPartition(platform), EndpointRow(endpointId), cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                return null;
            }

            var current = EndpointOf(existing.Value!);
            var rotated = current with { Secret = NewSecret(), PreviousSecret = current.Secret, PreviousSecretExpiresAt = overlapUntil, UpdatedAt = now };
            try
            {
                await Table.UpdateEntityAsync(RowOf(platform, rotated), existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return rotated;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 10)
            {
            }
        }
    }

    public async Task<bool> DeleteAsync(PlatformId platform, string endpointId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(EndpointsPartition(platform), EndpointRow(endpointId), ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Writes one attempt; a re-run of the same attempt (an activity retried) overwrites its own row.</summary>
    public async Task LogAttemptAsync(PlatformId platform, string endpointId, WebhookDeliveryRecord record, CancellationToken cancellationToken)
    {
        var inverted = DateTimeOffset.MaxValue.UtcTicks - record.AttemptedAt.UtcTicks;
        await Table.UpsertEntityAsync(
            new TableEntity(DeliveriesPartition(platform, endpointId), $"{inverted:D19}|{record.EventId}|{record.Attempt:D3}")
            {
                ["EventId"] = record.EventId,
                ["Type"] = record.Type,
                ["Attempt"] = record.Attempt,
                ["AttemptedAt"] = record.AttemptedAt,
                ["Outcome"] = record.Outcome,
                ["StatusCode"] = record.StatusCode,
                ["Error"] = record.Error,
                ["DurationMs"] = record.DurationMs,
                ["RetryFollows"] = record.RetryFollows,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>The newest attempts first; <paramref name="eventId"/> narrows them to one event.</summary>
    public async Task<(IReadOnlyList<WebhookDeliveryRecord> Records, bool HasMore)> ReadLogAsync(PlatformId platform, string endpointId, string? eventId, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DeliveriesPartition(platform, endpointId)}");
        if (eventId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"EventId eq {eventId}");
        }

        var records = new List<WebhookDeliveryRecord>(limit + 1);
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit + 1, 1000), cancellationToken: cancellationToken))
        {
            records.Add(new WebhookDeliveryRecord(
                row.GetString("EventId") ?? "",
                row.GetString("Type") ?? "",
                row.GetInt32("Attempt") ?? 0,
                row.GetDateTimeOffset("AttemptedAt") ?? default,
                row.GetString("Outcome") ?? "",
                row.GetInt32("StatusCode"),
                row.GetString("Error"),
                row.GetInt64("DurationMs") ?? 0,
                row.GetBoolean("RetryFollows") ?? false));
            if (records.Count > limit)
            {
                break;
            }
        }

        var hasMore = records.Count > limit;
        return (hasMore ? records[..limit] : records, hasMore);
    }

    private static TableEntity RowOf(PlatformId platform, WebhookEndpoint e) => new(EndpointsPartition(platform), EndpointRow(e.EndpointId))
    {
        ["EndpointId"] = e.EndpointId,
        ["Url"] = e.Url,
        ["Events"] = JsonSerializer.Serialize(e.Events, Json),
        ["Secret"] = e.Secret,
        ["PreviousSecret"] = e.PreviousSecret,
        ["PreviousSecretExpiresAt"] = e.PreviousSecretExpiresAt,
        ["CreatedAt"] = e.CreatedAt,
        ["UpdatedAt"] = e.UpdatedAt,
    };

    private static WebhookEndpoint EndpointOf(TableEntity row) => new(
        row.GetString("EndpointId") ?? row.RowKey[3..],
        row.GetString("Url") ?? "",
        JsonSerializer.Deserialize<string[]>(row.GetString("Events") ?? "[]", Json) ?? [],
        row.GetString("Secret") ?? "",
        row.GetString("PreviousSecret"),
        row.GetDateTimeOffset("PreviousSecretExpiresAt"),
        row.GetDateTimeOffset("CreatedAt") ?? default,
        row.GetDateTimeOffset("UpdatedAt") ?? default);

    private static string EndpointsPartition(PlatformId platform) => $"{platform.Value}|endpoints";

    private static string EndpointRow(string endpointId) => "ep|" + endpointId;

    private static string DeliveriesPartition(PlatformId platform, string endpointId) => $"{platform.Value}|{endpointId}|deliveries";
}
