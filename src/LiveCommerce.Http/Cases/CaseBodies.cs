using System.Text.Json;
using LiveCommerce.Domain.Cases;
using LiveCommerce.Domain.Sanctions;
using LiveCommerce.Http.Json;
using LiveCommerce.Storage.Cases;
using LiveCommerce.Storage.Sanctions;
using NodaTime;

namespace LiveCommerce.Http.Cases;

/// <summary>The contract's JSON of cases and sanctions, in one place.</summary>
public static class CaseBodies
{
    public static Dictionary<string, object?> Of(CaseRecord record, Instant now)
    {
        var c = record.Case;
        var body = new Dictionary<string, object?>
        {
            ["caseId"] = c.CaseId,
            ["kind"] = CaseIds.Of(c.Kind),
            ["subject"] = SubjectOf(record.Subject),
            ["checkId"] = record.CheckId,
            ["sanctionId"] = record.SanctionId,
            ["reasons"] = JsonSerializer.Deserialize<JsonElement>(record.ReasonsJson),
            ["statement"] = record.Statement,
            ["openedAt"] = ApiTime.Format(c.OpenedAt),
            ["dueBy"] = ApiTime.Format(c.Deadline.DueBy),
            ["dueByProvisional"] = c.Deadline.Provisional ? true : null,
            ["overdue"] = c.IsOverdueAt(now),
            ["assignee"] = c.Assignee,
            ["status"] = CaseIds.Of(c.Status),
        };
        if (record.Decision is { } d)
        {
            body["decision"] = new Dictionary<string, object?>
            {
                ["decision"] = CaseIds.Of(d.Verdict),
                ["reasonCodes"] = d.ReasonCodes,
                ["note"] = d.Note,
                ["missingItems"] = d.MissingItems.Count > 0 ? d.MissingItems : null,
                ["decidedBy"] = d.DecidedBy,
                ["decidedAt"] = ApiTime.Format(d.DecidedAt),
                ["reviewRecordId"] = record.AppliedCheckId is { } applied && applied.StartsWith("qc_", StringComparison.Ordinal) ? applied : null,
            }.Where(p => p.Value is not null).ToDictionary();
        }

        return body.Where(p => p.Value is not null).ToDictionary();
    }

    public static Dictionary<string, string> SubjectOf(SanctionSubject subject) => new() { [subject.Field] = subject.Id };

    public static Dictionary<string, object?> Of(SanctionRecord sanction, Instant now)
    {
        var rung = SanctionLadder.Of(sanction.Measure);
        var body = new Dictionary<string, object?>
        {
            ["sanctionId"] = sanction.SanctionId,
            ["subject"] = SubjectOf(sanction.Subject),
            ["measure"] = rung.Id,
            ["article"] = rung.Article,
            ["reason"] = sanction.Reason,
            ["facts"] = sanction.Facts,
            ["startsAt"] = ApiTime.Format(sanction.StartsAt),
            ["endsAt"] = ApiTime.Format(sanction.EndsAt),
            ["imposedAt"] = ApiTime.Format(sanction.ImposedAt),
            ["imposedBy"] = sanction.ImposedBy,
            ["status"] = SanctionTerm.Id(sanction.Term.StatusAt(now)),
            ["effects"] = new { blocksLive = rung.BlocksLive, suspendsTipping = rung.SuspendsTipping },
            ["blacklistEntries"] = sanction.Measure == SanctionMeasure.Blacklist ? sanction.BlacklistedSubjects.Count : null,
        };
        if (sanction.Revocation is { } r)
        {
            body["revocation"] = new { revokedAt = ApiTime.Format(r.At), caseId = r.CaseId, revokedBy = r.RevokedBy };
        }

        return body.Where(p => p.Value is not null).ToDictionary();
    }
}
