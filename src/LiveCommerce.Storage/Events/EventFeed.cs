using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;

namespace LiveCommerce.Storage.Events;

/// <summary>One platform event as delivered and as served by the feed: the envelope's exact JSON text.</summary>
public sealed record PlatformEvent(string EventId, string Type, DateTimeOffset OccurredAt, string Envelope);

/// <summary>A page of the feed; <see cref="HasMore"/> when more events follow right now.</summary>
public sealed record EventFeedPage(IReadOnlyList<PlatformEvent> Events, bool HasMore);

/// <summary>
/// Each platform's event feed (table <c>platformevents</c>, one partition per platform). An event's id is derived from
/// what it is about (<see cref="EventIdOf"/>), so a publisher that runs again (an activity retried, a request
/// repeated) finds the first event instead of adding another. Feed rows are keyed by the publishing instant
/// (<c>f|{ticks}|{eventId}</c>); the feed serves only rows older than <see cref="Settle"/>, so an event whose write
/// lands a little after a later-stamped one is not skipped by a poller that already moved past it.
/// </summary>
public sealed class EventFeed(StorageClients clients, TimeProvider clock)
{
    /// <summary>How long a new event stays out of the feed: longer than one publish takes to commit.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => clients.Table(StorageNames.PlatformEventsTable);

    public static string EventIdOf(PlatformId platform, string type, string key) =>
        "evt_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{platform.Value}\n{type}\n{key}")))[..32];

    /// <summary>Stores the event once; returns it as first stored (also when this call found it already there).</summary>
    public async Task<PlatformEvent> AppendAsync(PlatformId platform, string type, string key, object data, DateTimeOffset? occurredAt, CancellationToken cancellationToken)
    {
        var eventId = EventIdOf(platform, type, key);
        var now = clock.GetUtcNow();
        var at = occurredAt ?? now;
        var envelope = JsonSerializer.Serialize(new { eventId, type, platform = platform.Value, occurredAt = at, data }, Json);
        var feedRow = $"f|{now.UtcTicks:D19}|{eventId}";
        var row = new TableEntity(platform.Value, feedRow) { ["EventId"] = eventId, ["Type"] = type, ["OccurredAt"] = at };
        TableText.Write(row, "Envelope", envelope);
        try
        {
            await Table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Add, new TableEntity(platform.Value, IdRow(eventId)) { ["FeedRow"] = feedRow }),
                    new(TableTransactionActionType.Add, row),
                ],
                cancellationToken);
            return new PlatformEvent(eventId, type, at, envelope);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return await FindAsync(platform, eventId, cancellationToken) ?? throw new InvalidOperationException($"Event {eventId} conflicted but is not stored.");
        }
    }

    public async Task<PlatformEvent?> FindAsync(PlatformId platform, string eventId, CancellationToken cancellationToken)
    {
        var id = await Table.GetEntityIfExistsAsync<TableEntity>(platform.Value, IdRow(eventId), cancellationToken: cancellationToken);
        if (!id.HasValue || id.Value!.GetString("FeedRow") is not { } feedRow)
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(platform.Value, feedRow, cancellationToken: cancellationToken);
        return row.HasValue ? EventOf(row.Value!) : null;
    }

    /// <summary>Whether <paramref name="eventId"/> is an event of this platform (a feed cursor must be one).</summary>
    public async Task<string?> PositionOfAsync(PlatformId platform, string eventId, CancellationToken cancellationToken)
    {
        var id = await Table.GetEntityIfExistsAsync<TableEntity>(platform.Value, IdRow(eventId), cancellationToken: cancellationToken);
        return id.HasValue ? id.Value!.GetString("FeedRow") : null;
    }

    /// <summary>Events after the feed position <paramref name="afterPosition"/> (null: from the start), oldest first.</summary>
    public async Task<EventFeedPage> ReadAsync(PlatformId platform, string? afterPosition, int limit, CancellationToken cancellationToken)
    {
        var settled = $"f|{(clock.GetUtcNow() - Settle).UtcTicks:D19}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {platform.Value} and RowKey gt {afterPosition ?? "f|"} and RowKey lt {settled}");
        var events = new List<PlatformEvent>(limit + 1);
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit + 1, 1000), cancellationToken: cancellationToken))
        {
            events.Add(EventOf(row));
            if (events.Count > limit)
            {
                break;
            }
        }

        var hasMore = events.Count > limit;
        return new EventFeedPage(hasMore ? events[..limit] : events, hasMore);
    }

    private static PlatformEvent EventOf(TableEntity row) => new(
        row.GetString("EventId") ?? "",
        row.GetString("Type") ?? "",
        row.GetDateTimeOffset("OccurredAt") ?? default,
        TableText.Read(row, "Envelope") ?? "{}");

    private static string IdRow(string eventId) => "id|" + eventId;
}
