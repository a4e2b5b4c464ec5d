using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using LiveCommerce.Domain.KeyRooms;
using LiveCommerce.Workflows.KeyRooms;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Storage.KeyRooms;

/// <summary>The current input of a day: which version, how large, when it was stored.</summary>
public sealed record InspectionDayInputInfo(int Version, int SlotMinutes, int SessionCount, int KeySessionCount, int InspectorCount, DateTimeOffset UpdatedAt);

/// <summary>The plan that is a day's schedule: which input version it planned, how it came about, and when.</summary>
/// <param name="Trigger"><c>daily</c> (the evening run) or <c>replan</c> (the replan route).</param>
public sealed record InspectionScheduleInfo(int InputVersion, string PlanId, string Trigger, DateTimeOffset PlannedAt);

/// <summary>A platform's day as read at one moment; a replan commits against it only if nothing changed since.</summary>
public sealed record InspectionDay(LocalDate Date, InspectionDayInputInfo Input, InspectionScheduleInfo? Schedule)
{
    internal ETag InputETag { get; init; }

    internal ETag? ScheduleETag { get; init; }

    /// <summary>True when the input changed after the schedule was planned (a PUT without a replan).</summary>
    public bool ScheduleIsStale => Schedule is { } s && s.InputVersion < Input.Version;
}

/// <summary>
/// Each platform's days of inspection planning. Inputs and plans are JSON blobs named by their SHA-256 (create-only,
/// so a re-run writes nothing new); the table holds versioned pointers to them.
/// Table <c>keyrooms</c>, partition <c>{platform}|day|{date}</c>: <c>input</c> (the current input), <c>input|v{n}</c>
/// (every version, create-only) and <c>schedule</c> (the adopted plan), each row key followed by <c>|{partition}</c>
/// (<see cref="SingleRowKey"/>). Partition <c>days|{date}</c> lists the platforms with an input for that day, for the
/// evening run. Container <c>inspection-days</c>, <c>{platform}/{date}/input-{sha}.json</c> and <c>plan-{sha}.json</c>.
/// </summary>
public sealed class InspectionDayStore(StorageClients clients) : IInspectionDays
{
    public const string ReplanTrigger = "replan";

    private const string InputKind = "input";
    private const string ScheduleKind = "schedule";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => clients.Table(StorageNames.KeyRoomsTable);

    /// <summary>
    /// Stores a day's sessions and inspectors as its next input version; the same content as the current version
    /// is not a new version (a retried PUT leaves the schedule current).
    /// </summary>
    public async Task<InspectionDayInputInfo> SaveInputAsync(PlatformId platform, LocalDate date, ScheduleRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The index first: if the input write then fails, the evening run finds no input and plans nothing.
        await Table.UpsertEntityAsync(new TableEntity(IndexPartition(date), platform.Value), TableUpdateMode.Replace, cancellationToken);
        var (sha, blobName) = await UploadAsync(platform, date, "input", DayInputDocument.Of(request), cancellationToken);
        var partition = DayPartition(platform, date);
        for (var attempt = 0; ; attempt++)
        {
            var head = await Table.GetEntityIfExistsAsync<TableEntity>(partition, InputRow(partition), cancellationToken: cancellationToken);
            if (head.HasValue && head.Value!.GetString("Sha256") == sha)
            {
                return ReadInput(head.Value!);
            }

            var version = head.HasValue ? (head.Value!.GetInt32("Version") ?? 0) + 1 : 1;
            var actions = new List<TableTransactionAction>();
            AddInputVersion(actions, partition, head.HasValue ? head.Value!.ETag : null, version, sha, blobName, request, now);
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                return ReadInput((TableEntity)actions[0].Entity);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < 20)
            {
                // Another PUT of the same day took this version first: read the pointer again.
            }
        }
    }

    /// <summary>The day's current input and schedule pointers (one round trip), or null when it has no input.</summary>
    public async Task<InspectionDay?> FindDayAsync(PlatformId platform, LocalDate date, CancellationToken cancellationToken)
    {
        var partition = DayPartition(platform, date);
        TableEntity? input = null, schedule = null;
        var inputRow = InputRow(partition);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {inputRow} or RowKey eq {ScheduleRow(partition)})");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == inputRow)
            {
                input = row;
            }
            else
            {
                schedule = row;
            }
        }

        return input is null
            ? null
            : new InspectionDay(date, ReadInput(input), schedule is null ? null : ReadSchedule(schedule))
            {
                InputETag = input.ETag,
                ScheduleETag = schedule?.ETag,
            };
    }

    public async Task<ScheduleRequest?> LoadInputAsync(PlatformId platform, LocalDate date, int inputVersion, CancellationToken cancellationToken)
    {
        var partition = DayPartition(platform, date);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, VersionRow(partition, inputVersion), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        return (await DownloadAsync<DayInputDocument>(row.Value!.GetString("BlobName")!, cancellationToken)).ToRequest();
    }

    public async Task<SchedulePlan> LoadPlanAsync(PlatformId platform, LocalDate date, string planId, CancellationToken cancellationToken) =>
        (await DownloadAsync<PlanDocument>(BlobName(platform, date, "plan", planId), cancellationToken)).ToPlan();

    public async Task<string> SavePlanAsync(PlatformId platform, LocalDate date, SchedulePlan plan, CancellationToken cancellationToken) =>
        (await UploadAsync(platform, date, "plan", PlanDocument.Of(plan), cancellationToken, d => d.Identity())).Sha;

    public async Task<bool> AdoptPlanAsync(PlannedInspectionDay plan, string trigger, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var partition = DayPartition(plan.Platform, plan.Date);
        for (var attempt = 0; ; attempt++)
        {
            var current = await Table.GetEntityIfExistsAsync<TableEntity>(partition, ScheduleRow(partition), cancellationToken: cancellationToken);
            if (current.HasValue && (current.Value!.GetInt32("InputVersion") ?? 0) >= plan.InputVersion)
            {
                return false;
            }

            var row = ScheduleEntity(partition, plan.InputVersion, plan.PlanId, trigger, at, plan.KeySessionsTotal, plan.KeySessionsCovered);
            try
            {
                if (current.HasValue)
                {
                    await Table.UpdateEntityAsync(row, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await Table.AddEntityAsync(row, cancellationToken);
                }

                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 20)
            {
                // A replan (or another run) wrote the schedule meanwhile: look again.
            }
        }
    }

    /// <summary>
    /// Commits a replan read from <paramref name="day"/>: the changed input (when there is one) as the next version and
    /// the plan as the schedule, in one transaction that fails when the day changed since it was read. Returns the day
    /// as committed, or null when another write came first (read again and replan).
    /// </summary>
    public async Task<InspectionDay?> TryCommitReplanAsync(
        PlatformId platform, InspectionDay day, ScheduleRequest? changedInput, SchedulePlan plan, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var partition = DayPartition(platform, day.Date);
        var planId = await SavePlanAsync(platform, day.Date, plan, cancellationToken);
        var actions = new List<TableTransactionAction>();
        var input = day.Input;
        if (changedInput is not null)
        {
            var (sha, blobName) = await UploadAsync(platform, day.Date, "input", DayInputDocument.Of(changedInput), cancellationToken);
            AddInputVersion(actions, partition, day.InputETag, day.Input.Version + 1, sha, blobName, changedInput, at);
            input = ReadInput((TableEntity)actions[0].Entity);
        }
        else
        {
            // Nothing to write to the input, but the commit still requires it unchanged since it was read.
            actions.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(partition, InputRow(partition)), day.InputETag));
        }

        var schedule = ScheduleEntity(partition, input.Version, planId, ReplanTrigger, at, plan.Coverage.KeySessionsTotal, plan.Coverage.KeySessionsCovered);
        actions.Add(day.ScheduleETag is { } etag
            ? new(TableTransactionActionType.UpdateReplace, schedule, etag)
            : new(TableTransactionActionType.Add, schedule));
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }

        return day with { Input = input, Schedule = ReadSchedule(schedule) };
    }

    async Task<IReadOnlyList<PlatformId>> IInspectionDays.PlatformsWithInputAsync(LocalDate date, CancellationToken cancellationToken)
    {
        var platforms = new List<PlatformId>();
        await foreach (var row in Table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {IndexPartition(date)}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (PlatformId.TryParse(row.RowKey, out var platform))
            {
                platforms.Add(platform);
            }
        }

        return platforms;
    }

    async Task<InspectionDayInput?> IInspectionDays.FindInputAsync(PlatformId platform, LocalDate date, CancellationToken cancellationToken)
    {
        var partition = DayPartition(platform, date);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, InputRow(partition), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var input = ReadInput(row.Value!);
        return new InspectionDayInput(platform.Value, Iso(date), input.Version, input.SessionCount, input.KeySessionCount, input.InspectorCount);
    }

    private static void AddInputVersion(
        List<TableTransactionAction> actions, string partition, ETag? headETag, int version, string sha, string blobName, ScheduleRequest request, DateTimeOffset now)
    {
        TableEntity Row(string rowKey) => new(partition, rowKey)
        {
            ["Version"] = version,
            ["Sha256"] = sha,
            ["BlobName"] = blobName,
            ["SlotMinutes"] = request.SlotMinutes,
            ["SessionCount"] = request.Sessions.Count,
            ["KeySessionCount"] = request.Sessions.Count(s => s.Tier == Tier.Key),
            ["InspectorCount"] = request.Inspectors.Count,
            ["UpdatedAt"] = now,
        };
        actions.Add(headETag is { } etag
            ? new(TableTransactionActionType.UpdateReplace, Row(InputRow(partition)), etag)
            : new(TableTransactionActionType.Add, Row(InputRow(partition))));
        actions.Add(new(TableTransactionActionType.Add, Row(VersionRow(partition, version))));
    }

    private static TableEntity ScheduleEntity(string partition, int inputVersion, string planId, string trigger, DateTimeOffset at, int total, int covered) =>
        new(partition, ScheduleRow(partition))
        {
            ["InputVersion"] = inputVersion,
            ["PlanId"] = planId,
            ["Trigger"] = trigger,
            ["PlannedAt"] = at,
            ["KeySessionsTotal"] = total,
            ["KeySessionsCovered"] = covered,
        };

    private static InspectionDayInputInfo ReadInput(TableEntity row) => new(
        row.GetInt32("Version") ?? 0,
        row.GetInt32("SlotMinutes") ?? 0,
        row.GetInt32("SessionCount") ?? 0,
        row.GetInt32("KeySessionCount") ?? 0,
        row.GetInt32("InspectorCount") ?? 0,
        row.GetDateTimeOffset("UpdatedAt") ?? default);

    private static InspectionScheduleInfo ReadSchedule(TableEntity row) => new(
        row.GetInt32("InputVersion") ?? 0,
        row.GetString("PlanId") ?? string.Empty,
        row.GetString("Trigger") ?? string.Empty,
        row.GetDateTimeOffset("PlannedAt") ?? default);

    // Named by the hash of the document's identity (by default the document itself).
    private async Task<(string Sha, string BlobName)> UploadAsync<T>(
        PlatformId platform, LocalDate date, string kind, T document, CancellationToken cancellationToken, Func<T, T>? identity = null)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, Json);
        var sha = Convert.ToHexStringLower(SHA256.HashData(identity is null ? bytes : JsonSerializer.SerializeToUtf8Bytes(identity(document), Json)));
        var blobName = BlobName(platform, date, kind, sha);
        // If the blob exists, it already holds this content (up to the solver's wall time, for plans).
        await clients.Container(StorageNames.InspectionDaysContainer).GetBlobClient(blobName).UploadIfAbsentAsync(new BinaryData(bytes), cancellationToken);

        return (sha, blobName);
    }

    private async Task<T> DownloadAsync<T>(string blobName, CancellationToken cancellationToken)
    {
        var content = await clients.Container(StorageNames.InspectionDaysContainer).GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToObjectFromJson<T>(Json)
            ?? throw new InvalidOperationException($"Blob {blobName} holds no document.");
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string DayPartition(PlatformId platform, LocalDate date) => DayPartition(platform.Value, Iso(date));

    private static string DayPartition(string platform, string date) => $"{platform}|day|{date}";

    private static string IndexPartition(LocalDate date) => $"days|{Iso(date)}";

    private static string InputRow(string partition) => SingleRowKey.Of(InputKind, partition);

    private static string ScheduleRow(string partition) => SingleRowKey.Of(ScheduleKind, partition);

    private static string VersionRow(string partition, int version) => SingleRowKey.Of($"{InputKind}|v{version:D10}", partition);

    private static string BlobName(PlatformId platform, LocalDate date, string kind, string sha) => $"{platform.Value}/{Iso(date)}/{kind}-{sha}.json";
}
