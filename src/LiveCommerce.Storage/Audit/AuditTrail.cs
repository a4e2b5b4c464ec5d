using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Audit;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Storage.Audit;

/// <summary>
/// Each platform's hash-chained audit log, and the one way a change through the API is recorded in it:
/// <see cref="RecordAsync{T}"/>. Table Storage has no transaction across tables, so the change and its entry cannot
/// commit together; instead an intent is written to the outbox (table <c>auditoutbox</c>) before the change,
/// confirmed after it, and then appended. A crash between the change and the append leaves the intent, which the
/// relay (<see cref="RecoverAsync"/>, at start-up and every <see cref="AuditOptions.RelayIntervalSeconds"/>) appends.
/// <para>
/// The chain (table <c>auditlog</c>, one partition per platform) never forks: its head row (<c>head|{platform}</c>:
/// last seq and hash) moves only in an entity-group transaction conditioned on the head's ETag, together with the
/// entries it adds (<c>e|{seq}</c>) and one index row per intent (<c>i|{intentId}</c>, which makes an append happen
/// once). Appenders group-commit: whoever wins the head appends every confirmed intent waiting (up to 49 per
/// transaction), so parallel changes cost one head update each batch instead of a retry storm.
/// </para>
/// </summary>
public sealed class AuditTrail(StorageClients clients, TimeProvider clock, AuditOptions options, ILogger<AuditTrail> logger)
{
    private const int EntriesPerTransaction = 49; // 1 head + 2 rows per entry within the 100-operation limit
    private const string Pending = "pending", Confirmed = "confirmed", Recovered = "recovered";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Log => clients.Table(StorageNames.AuditLogTable);

    private TableClient Outbox => clients.Table(StorageNames.AuditOutboxTable);

    /// <summary>
    /// Records <paramref name="change"/> in the platform's audit log: the intent first, then the change, then the
    /// entry. When the change throws, the intent is withdrawn and nothing is logged. Call it around the write itself,
    /// after validation (a refused request changes nothing and is not logged).
    /// </summary>
    public async Task<T> RecordAsync<T>(PlatformId platform, AuditEntryDraft draft, Func<CancellationToken, Task<T>> change, CancellationToken cancellationToken)
    {
        var intent = await BeginAsync(platform, draft, cancellationToken);
        T result;
        try
        {
            result = await change(cancellationToken);
        }
        catch
        {
            await AbandonAsync(intent);
            throw;
        }

        // The change is made: its entry is appended even if the caller has gone away meanwhile.
        await CompleteAsync(intent, null, CancellationToken.None);
        return result;
    }

    /// <inheritdoc cref="RecordAsync{T}"/>
    public Task RecordAsync(PlatformId platform, AuditEntryDraft draft, Func<CancellationToken, Task> change, CancellationToken cancellationToken) =>
        RecordAsync(platform, draft, async ct => { await change(ct); return true; }, cancellationToken);

    /// <summary>Entries after seq <paramref name="after"/> (and within [from, to) when given), oldest first.</summary>
    public async Task<AuditPage> ReadAsync(PlatformId platform, long after, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {platform.Value} and RowKey gt {EntryRow(after)} and RowKey lt {"e}"}");
        if (from is { } f)
        {
            filter += " and " + TableClient.CreateQueryFilter($"At ge {f}");
        }

        if (to is { } t)
        {
            filter += " and " + TableClient.CreateQueryFilter($"At lt {t}");
        }

        var entries = new List<AuditEntry>(limit + 1);
        await foreach (var row in Log.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit + 1, 1000), cancellationToken: cancellationToken))
        {
            entries.Add(EntryOf(row));
            if (entries.Count > limit)
            {
                break;
            }
        }

        var hasMore = entries.Count > limit;
        return new AuditPage(hasMore ? entries[..limit] : entries, hasMore);
    }

    /// <summary>Recomputes the platform's whole chain from storage and compares it with every stored hash and the head.</summary>
    public async Task<AuditVerification> VerifyAsync(PlatformId platform, CancellationToken cancellationToken)
    {
        var head = await Log.GetEntityIfExistsAsync<TableEntity>(platform.Value, HeadRow(platform), cancellationToken: cancellationToken);
        var entries = new List<(AuditRecord, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {platform.Value} and RowKey gt {"e|"} and RowKey lt {"e}"}");
        await foreach (var row in Log.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var entry = EntryOf(row);
            entries.Add((entry.Record, entry.Hash));
        }

        return AuditChain.Verify(
            entries,
            head.HasValue ? head.Value!.GetInt64("Seq") ?? 0 : 0,
            head.HasValue ? head.Value!.GetString("Hash") ?? AuditChain.Genesis : AuditChain.Genesis);
    }

    /// <summary>
    /// The relay: appends the intents that a crashed request left behind (older than the grace period). An intent
    /// confirmed before the crash is appended as it is; one never confirmed (the process ended between the change
    /// and its confirmation, or before the change) is appended marked <c>recovered</c>.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddSeconds(-options.OutboxGraceSeconds);
        var platforms = new HashSet<string>(StringComparer.Ordinal);
        var found = 0;
        await foreach (var row in Outbox.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"At lt {cutoff}"), cancellationToken: cancellationToken))
        {
            found++;
            platforms.Add(row.PartitionKey);
            if (row.GetString("State") == Pending)
            {
                try
                {
                    await Outbox.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["State"] = Recovered }, row.ETag, TableUpdateMode.Merge, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                {
                    // Confirmed or appended meanwhile by its own request.
                }
            }
        }

        foreach (var partition in platforms)
        {
            if (PlatformId.TryParse(partition, out var platform))
            {
                await DrainAsync(platform, null, cancellationToken);
            }
        }

        if (found > 0)
        {
            logger.LogWarning("Audit outbox: {Count} intent(s) left by an earlier process appended for {Platforms} platform(s)", found, platforms.Count);
        }

        return found;
    }

    /// <summary>Writes the intent of a change about to be made (the outbox row); see <see cref="CompleteAsync"/>.</summary>
    public async Task<AuditIntent> BeginAsync(PlatformId platform, AuditEntryDraft draft, CancellationToken cancellationToken)
    {
        var row = new TableEntity(platform.Value, Guid.CreateVersion7().ToString("N"))
        {
            ["At"] = AuditChain.Truncate(clock.GetUtcNow()),
            ["Sub"] = draft.Actor.Sub,
            ["Roles"] = JsonSerializer.Serialize(draft.Actor.Roles, Json),
            ["Action"] = draft.Action,
            ["Target"] = draft.Target,
            ["Summary"] = draft.Summary,
            ["State"] = Pending,
        };
        await Outbox.AddEntityAsync(row, cancellationToken);
        return new AuditIntent(platform, row);
    }

    /// <summary>
    /// Appends the intent's entry now that its change is made. <paramref name="final"/> replaces the draft's
    /// action, target and summary when the change turned out more precisely than foreseen (same actor).
    /// </summary>
    public async Task CompleteAsync(AuditIntent intent, AuditEntryDraft? final, CancellationToken cancellationToken)
    {
        if (options.CrashAfterChangeOf is { } crashAction && crashAction == (final?.Action ?? intent.Row.GetString("Action")))
        {
            logger.LogCritical("Audit:CrashAfterChangeOf={Action}: ending the process between the change and its audit entry", crashAction);
            Process.GetCurrentProcess().Kill();
        }

        if (final is not null)
        {
            intent.Row["Action"] = final.Action;
            intent.Row["Target"] = final.Target;
            intent.Row["Summary"] = final.Summary;
        }

        await DrainAsync(intent.Platform, intent.Row, cancellationToken);
    }

    /// <summary>Withdraws the intent of a change that was not made (refused, failed, or a replay).</summary>
    public async Task AbandonAsync(AuditIntent intent)
    {
        try
        {
            await Outbox.DeleteEntityAsync(intent.Platform.Value, intent.Row.RowKey, ETag.All, CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            // Left for the relay, which will append it marked 'recovered'; say so.
            logger.LogWarning(ex, "Audit outbox: the intent of a change not made could not be withdrawn ({Status})", ex.Status);
        }
    }

    /// <summary>
    /// Appends ready intents until <paramref name="mine"/> is appended (or, for the relay, until none is left).
    /// Uncontended, <paramref name="mine"/> goes alone (head read, transaction, outbox delete). When another
    /// appender moved the head first, <paramref name="mine"/> is confirmed in the outbox so that whoever wins next
    /// appends it with theirs.
    /// </summary>
    private async Task DrainAsync(PlatformId platform, TableEntity? mine, CancellationToken cancellationToken)
    {
        var partition = platform.Value;
        var confirmed = mine is null;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var head = await Log.GetEntityIfExistsAsync<TableEntity>(partition, HeadRow(platform), cancellationToken: cancellationToken);
            var batch = confirmed ? await ReadyIntentsAsync(partition, cancellationToken) : [];
            if (mine is not null && !batch.Any(b => b.RowKey == mine.RowKey))
            {
                if (confirmed && !(await Outbox.GetEntityIfExistsAsync<TableEntity>(partition, mine.RowKey, select: ["State"], cancellationToken: cancellationToken)).HasValue)
                {
                    return; // another appender took it
                }

                if (batch.Count == EntriesPerTransaction)
                {
                    batch.RemoveAt(batch.Count - 1);
                }

                batch.Add(mine);
            }

            if (batch.Count == 0)
            {
                return;
            }

            var seq = head.HasValue ? head.Value!.GetInt64("Seq") ?? 0 : 0;
            var prev = head.HasValue ? head.Value!.GetString("Hash") ?? AuditChain.Genesis : AuditChain.Genesis;
            var actions = new List<TableTransactionAction>(batch.Count * 2 + 1);
            foreach (var intent in batch)
            {
                var record = new AuditRecord(
                    ++seq,
                    intent.GetDateTimeOffset("At") ?? clock.GetUtcNow(),
                    new AuditActor(intent.GetString("Sub") ?? "", RolesOf(intent.GetString("Roles"))),
                    intent.GetString("Action") ?? "",
                    intent.GetString("Target") ?? "",
                    intent.GetString("Summary") ?? "",
                    prev,
                    intent.GetString("State") == Recovered);
                prev = AuditChain.HashOf(record);
                actions.Add(new(TableTransactionActionType.Add, RowOf(partition, record, prev, intent.RowKey)));
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(partition, IndexRow(intent.RowKey)) { ["Seq"] = seq }));
            }

            var newHead = new TableEntity(partition, HeadRow(platform)) { ["Seq"] = seq, ["Hash"] = prev };
            actions.Add(head.HasValue
                ? new(TableTransactionActionType.UpdateReplace, newHead, head.Value!.ETag)
                : new(TableTransactionActionType.Add, newHead));
            try
            {
                await Log.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another appender moved the head first (412, or 409 on the first head), or an intent of this batch
                // was appended before its outbox row was removed (409 on its index row): clear those, then retry.
                if (ex.Status == 409)
                {
                    await ClearAppendedAsync(partition, batch, cancellationToken);
                }

                if (!confirmed && mine is not null)
                {
                    await Outbox.UpdateEntityAsync(new TableEntity(partition, mine.RowKey) { ["State"] = Confirmed, ["Action"] = mine.GetString("Action"), ["Target"] = mine.GetString("Target"), ["Summary"] = mine.GetString("Summary") }, ETag.All, TableUpdateMode.Merge, cancellationToken);
                    confirmed = true;
                }

                await Task.Delay(Random.Shared.Next(5, 20 + Math.Min(attempt, 20) * 10), cancellationToken);
                continue;
            }

            await RemoveAsync(partition, batch, cancellationToken);
            if (mine is not null && batch.Any(b => b.RowKey == mine.RowKey))
            {
                return;
            }
        }

        throw new InvalidOperationException($"The audit log of {partition} could not be appended to after many attempts.");
    }

    private async Task<List<TableEntity>> ReadyIntentsAsync(string partition, CancellationToken cancellationToken)
    {
        var ready = new List<TableEntity>(EntriesPerTransaction);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and State ne {Pending}");
        await foreach (var row in Outbox.QueryAsync<TableEntity>(filter, maxPerPage: EntriesPerTransaction, cancellationToken: cancellationToken))
        {
            ready.Add(row);
            if (ready.Count == EntriesPerTransaction)
            {
                break;
            }
        }

        return ready;
    }

    private async Task ClearAppendedAsync(string partition, List<TableEntity> batch, CancellationToken cancellationToken)
    {
        var appended = new List<TableEntity>();
        foreach (var intent in batch)
        {
            if ((await Log.GetEntityIfExistsAsync<TableEntity>(partition, IndexRow(intent.RowKey), cancellationToken: cancellationToken)).HasValue)
            {
                appended.Add(intent);
            }
        }

        await RemoveAsync(partition, appended, cancellationToken);
    }

    private async Task RemoveAsync(string partition, List<TableEntity> intents, CancellationToken cancellationToken)
    {
        if (intents.Count == 0)
        {
            return;
        }

        try
        {
            await Outbox.SubmitTransactionAsync(intents.Select(i => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, i.RowKey), ETag.All)), cancellationToken);
            return;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            // One was removed meanwhile: remove the others one by one.
        }

        foreach (var intent in intents)
        {
            try
            {
                await Outbox.DeleteEntityAsync(partition, intent.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
            }
        }
    }

    private static TableEntity RowOf(string partition, AuditRecord r, string hash, string intentId) => new(partition, EntryRow(r.Seq))
    {
        ["Seq"] = r.Seq,
        ["At"] = r.At,
        ["Sub"] = r.Actor.Sub,
        ["Roles"] = JsonSerializer.Serialize(r.Actor.Roles, Json),
        ["Action"] = r.Action,
        ["Target"] = r.Target,
        ["Summary"] = r.Summary,
        ["PrevHash"] = r.PrevHash,
        ["Hash"] = hash,
        ["Recovered"] = r.Recovered,
        ["IntentId"] = intentId,
    };

    private static AuditEntry EntryOf(TableEntity row) => new(
        new AuditRecord(
            row.GetInt64("Seq") ?? 0,
            row.GetDateTimeOffset("At") ?? default,
            new AuditActor(row.GetString("Sub") ?? "", RolesOf(row.GetString("Roles"))),
            row.GetString("Action") ?? "",
            row.GetString("Target") ?? "",
            row.GetString("Summary") ?? "",
            row.GetString("PrevHash") ?? "",
            row.GetBoolean("Recovered") ?? false),
        row.GetString("Hash") ?? "");

    /// <summary>The stored roles; an edited value that is no longer a JSON list reads as one role, and the hash check names it.</summary>
    private static string[] RolesOf(string? json)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(json ?? "[]", Json) ?? [];
        }
        catch (JsonException)
        {
            return [json ?? ""];
        }
    }

    private static string HeadRow(PlatformId platform) => SingleRowKey.Of("head", platform.Value);

    private static string EntryRow(long seq) => $"e|{seq:D12}";

    private static string IndexRow(string intentId) => "i|" + intentId;
}
