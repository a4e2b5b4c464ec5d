using Azure;
using Azure.Data.Tables;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Cases;
using LiveCommerce.Domain.Sanctions;
using NodaTime;
using NodaTime.Text;

namespace LiveCommerce.Storage.Cases;

/// <summary>The latest decision on a case as the reviewer gave it (needs_more_information included).</summary>
public sealed record CaseDecision(ReviewVerdict Verdict, IReadOnlyList<string> ReasonCodes, string? Note, IReadOnlyList<string> MissingItems, string DecidedBy, Instant DecidedAt);

/// <summary>
/// A review case as stored: the case itself, what it is about (the account or the appealed sanction's subject), the
/// check or sanction behind it with the reasons to show, and the latest decision. <see cref="AppliedCheckId"/> is set
/// once a final decision's effects are stored (the review record, the revocation): until then the case row is the
/// outbox that a retry or the case's workflow completes.
/// </summary>
public sealed record CaseRecord(
    ReviewCase Case,
    SanctionSubject Subject,
    string? CheckId,
    string? SanctionId,
    string ReasonsJson,
    string? Statement,
    CaseDecision? Decision,
    string? AppliedCheckId = null)
{
    public ETag ETag { get; init; }
}

/// <summary>One entry of a case's history: what happened, when, by whom, with its details as JSON.</summary>
public sealed record CaseEvent(string Type, Instant At, string Actor, string DetailJson);

/// <summary>What opening a case for an account came to.</summary>
public sealed record CaseOpening(CaseRecord Case, bool Attached);

/// <summary>
/// Review cases in table <c>reviewcases</c>, one partition per platform (<c>{platform}|cases</c>): the case rows
/// (<c>case|{id}</c>, the record of the case), their history rows (<c>event|{id}|{ticks}|{n}</c>, create-only) and one
/// pointer per open case of an account or a sanction (<c>open|...</c>). A change of a case, its history entry and its
/// pointer commit in one entity-group transaction, guarded by the case row's ETag: two reviewers deciding at once
/// cannot both win.
/// </summary>
public sealed class ReviewCaseStore(StorageClients clients)
{
    private const string CasePrefix = "case|";
    private const string EventPrefix = "event|";

    private TableClient Table => clients.Table(StorageNames.ReviewCasesTable);

    public static string PartitionOf(PlatformId platform) => $"{platform.Value}|cases";

    /// <summary>The open-case pointer of a qualification account (<c>host</c>/<c>merchant</c>) or of an appealed sanction.</summary>
    public static string OpenKeyOf(PlatformId platform, string what, string id) => $"open|{platform.Value}|{what}|{id}";

    /// <summary>
    /// Opens <paramref name="fresh"/> under the pointer <paramref name="openKey"/>, or, when a case is already open
    /// there, hands it to <paramref name="attach"/> and stores what it returns (null: leave it as it is).
    /// </summary>
    public async Task<CaseOpening> OpenOrAttachAsync(
        PlatformId platform, string openKey, CaseRecord fresh, CaseEvent opened, Func<CaseRecord, (CaseRecord Case, CaseEvent Event)?> attach, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform);
        for (var attempt = 0; ; attempt++)
        {
            TableTransactionAction[] open =
            [
                new(TableTransactionActionType.Add, new TableEntity(partition, openKey) { ["CaseId"] = fresh.Case.CaseId }),
                new(TableTransactionActionType.Add, CaseEntity(partition, fresh)),
                new(TableTransactionActionType.Add, EventEntity(partition, fresh.Case.CaseId, opened)),
            ];
            try
            {
                await Table.SubmitTransactionAsync(open, cancellationToken);
                return new CaseOpening(fresh, false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex == 0 && attempt < 5)
            {
            }

            var pointer = await Table.GetEntityIfExistsAsync<TableEntity>(partition, openKey, cancellationToken: cancellationToken);
            if (!pointer.HasValue || await FindAsync(platform, pointer.Value!.GetString("CaseId") ?? string.Empty, cancellationToken) is not { } current)
            {
                continue; // decided and closed in between: open a new one
            }

            if (attach(current) is not { } change)
            {
                return new CaseOpening(current, true);
            }

            if (await TryUpdateAsync(platform, change.Case with { ETag = current.ETag }, change.Event, closes: null, cancellationToken))
            {
                return new CaseOpening(change.Case, true);
            }
        }
    }

    /// <summary>
    /// Stores a changed case with its history entry if the case is still as read (its <see cref="CaseRecord.ETag"/>);
    /// <paramref name="closes"/> names the pointer a final decision removes. False when someone changed it first.
    /// </summary>
    public async Task<bool> TryUpdateAsync(PlatformId platform, CaseRecord changed, CaseEvent entry, string? closes, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(platform);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, CaseEntity(partition, changed), changed.ETag),
            new(TableTransactionActionType.Add, EventEntity(partition, changed.Case.CaseId, entry)),
        };
        if (closes is not null)
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, closes), ETag.All));
        }

        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 && ex.FailedTransactionActionIndex == 0)
        {
            return false;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex == 2)
        {
            // The pointer was gone already (a repeat of a crashed close): store the rest without it.
            return await TryUpdateAsync(platform, changed, entry, null, cancellationToken);
        }
    }

    /// <summary>Marks a final decision's effects as stored (merge of one column; the case is otherwise unchanged).</summary>
    public Task MarkAppliedAsync(PlatformId platform, string caseId, string appliedRef, CancellationToken cancellationToken) =>
        Table.UpdateEntityAsync(new TableEntity(PartitionOf(platform), CasePrefix + caseId) { ["AppliedCheckId"] = appliedRef }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Adds a history entry that changes nothing else (a reminder, an escalation); once per <paramref name="once"/>.</summary>
    public async Task AppendEventOnceAsync(PlatformId platform, string caseId, string once, CaseEvent entry, CancellationToken cancellationToken)
    {
        var entity = EventEntity(PartitionOf(platform), caseId, entry);
        entity.RowKey = $"{EventPrefix}{caseId}|{once}";
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
    }

    public async Task<string?> FindOpenCaseIdAsync(PlatformId platform, string openKey, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(platform), openKey, select: ["CaseId"], cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.GetString("CaseId") : null;
    }

    public async Task<CaseRecord?> FindAsync(PlatformId platform, string caseId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(platform), CasePrefix + caseId, cancellationToken: cancellationToken);
        return found.HasValue ? CaseOf(found.Value!) : null;
    }

    public async Task<IReadOnlyList<CaseEvent>> EventsAsync(PlatformId platform, string caseId, CancellationToken cancellationToken)
    {
        var prefix = EventPrefix + caseId + "|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(platform)} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
        var events = new List<CaseEvent>();
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            events.Add(new CaseEvent(e.GetString("Type") ?? string.Empty, InstantOf(e, "At") ?? Instant.MinValue, e.GetString("Actor") ?? string.Empty, e.GetString("Detail") ?? "{}"));
        }

        return [.. events.OrderBy(e => e.At)];
    }

    /// <summary>
    /// One page of the platform's cases, oldest first, optionally of one status and/or only those overdue at
    /// <paramref name="overdueAt"/>. The filter runs in the table service; <paramref name="continuation"/> is the
    /// service's own token.
    /// </summary>
    public async Task<(IReadOnlyList<CaseRecord> Cases, string? Continuation)> ListAsync(
        PlatformId platform, ReviewCaseStatus? status, Instant? overdueAt, int limit, string? continuation, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(platform)} and RowKey ge {CasePrefix} and RowKey lt {"case}"}");
        if (status is { } only)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {CaseIds.Of(only)}");
        }

        if (overdueAt is { } at)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status ne {CaseIds.Of(ReviewCaseStatus.Decided)} and OverdueFrom le {at.ToDateTimeOffset()}");
        }

        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).AsPages(continuation, limit))
        {
            return ([.. page.Values.Select(CaseOf)], page.ContinuationToken);
        }

        return ([], null);
    }

    private static TableEntity CaseEntity(string partition, CaseRecord record)
    {
        var c = record.Case;
        return new TableEntity(partition, CasePrefix + c.CaseId)
        {
            ["Kind"] = CaseIds.Of(c.Kind),
            ["Status"] = CaseIds.Of(c.Status),
            ["OpenedAt"] = c.OpenedAt.ToDateTimeOffset(),
            ["DueBy"] = LocalDatePattern.Iso.Format(c.Deadline.DueBy),
            ["DueByProvisional"] = c.Deadline.Provisional,
            ["OverdueFrom"] = c.Deadline.OverdueFrom.ToDateTimeOffset(),
            ["Assignee"] = c.Assignee,
            ["Verdict"] = c.Verdict is { } v ? CaseIds.Of(v) : null,
            ["DecidedBy"] = c.DecidedBy,
            ["DecidedAt"] = c.DecidedAt?.ToDateTimeOffset(),
            ["Subject"] = record.Subject.KindId,
            ["SubjectId"] = record.Subject.Id,
            ["CheckId"] = record.CheckId,
            ["SanctionId"] = record.SanctionId,
            ["Reasons"] = record.ReasonsJson,
            ["Statement"] = record.Statement,
            ["LastVerdict"] = record.Decision is { } d ? CaseIds.Of(d.Verdict) : null,
            ["LastReasonCodes"] = record.Decision is { } d1 ? string.Join('\n', d1.ReasonCodes) : null,
            ["LastNote"] = record.Decision?.Note,
            ["LastMissingItems"] = record.Decision is { } d2 ? string.Join('\n', d2.MissingItems) : null,
            ["LastDecidedBy"] = record.Decision?.DecidedBy,
            ["LastDecidedAt"] = record.Decision?.DecidedAt.ToDateTimeOffset(),
            ["AppliedCheckId"] = record.AppliedCheckId,
        };
    }

    private static CaseRecord CaseOf(TableEntity e)
    {
        // Rows are written only by this class: a value it cannot read is a bug, not input.
        if (!CaseIds.TryParseKind(e.GetString("Kind") ?? string.Empty, out var kind) ||
            !CaseIds.TryParseStatus(e.GetString("Status") ?? string.Empty, out var status) ||
            !SanctionSubject.TryParseKind(e.GetString("Subject") ?? string.Empty, out var subjectKind))
        {
            throw new InvalidOperationException($"Case row {e.RowKey} has an unknown kind, status or subject.");
        }

        ReviewVerdict? verdict = CaseIds.TryParseVerdict(e.GetString("Verdict") ?? string.Empty, out var v) ? v : null;
        var deadline = new CaseDeadline(LocalDatePattern.Iso.Parse(e.GetString("DueBy") ?? "2000-01-01").GetValueOrThrow(), e.GetBoolean("DueByProvisional") ?? false);
        var @case = new ReviewCase(
            e.RowKey[CasePrefix.Length..], kind, status, InstantOf(e, "OpenedAt") ?? Instant.MinValue, deadline,
            e.GetString("Assignee"), verdict, e.GetString("DecidedBy"), InstantOf(e, "DecidedAt"));
        CaseDecision? last = CaseIds.TryParseVerdict(e.GetString("LastVerdict") ?? string.Empty, out var lv)
            ? new CaseDecision(lv, Lines(e.GetString("LastReasonCodes")), e.GetString("LastNote"), Lines(e.GetString("LastMissingItems")),
                e.GetString("LastDecidedBy") ?? string.Empty, InstantOf(e, "LastDecidedAt") ?? Instant.MinValue)
            : null;
        return new CaseRecord(
            @case, new SanctionSubject(subjectKind, e.GetString("SubjectId") ?? string.Empty), e.GetString("CheckId"), e.GetString("SanctionId"),
            e.GetString("Reasons") ?? "[]", e.GetString("Statement"), last, e.GetString("AppliedCheckId"))
        {
            ETag = e.ETag,
        };
    }

    private static string[] Lines(string? value) => string.IsNullOrEmpty(value) ? [] : value.Split('\n');

    private static TableEntity EventEntity(string partition, string caseId, CaseEvent entry) =>
        new(partition, $"{EventPrefix}{caseId}|{entry.At.ToUnixTimeTicks():D19}|{Guid.NewGuid():N}")
        {
            ["Type"] = entry.Type,
            ["At"] = entry.At.ToDateTimeOffset(),
            ["Actor"] = entry.Actor,
            ["Detail"] = entry.DetailJson,
        };

    private static Instant? InstantOf(TableEntity entity, string property) =>
        entity.GetDateTimeOffset(property) is { } value ? Instant.FromDateTimeOffset(value) : null;
}
