using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCommerce.Domain.Filings;
using LiveCommerce.Http.Json;
using LiveCommerce.Storage.Filings;
using NodaTime;

namespace LiveCommerce.Http.Filings;

/// <summary>
/// The JSON of a filing: what was recorded at creation (stored once, as <see cref="FilingRecord.Document"/>), and
/// the answer built from it with the status and receipt of the moment.
/// </summary>
internal static class FilingDocument
{
    public static string Recorded(
        string eventId,
        string name,
        Instant startsAt,
        IReadOnlyList<EventGuest> guests,
        IReadOnlyList<string> hostIds,
        JsonElement content,
        JsonElement settings,
        FilingDeadline deadline,
        IReadOnlyList<FilingReminder> reminders,
        IReadOnlyList<AdvanceReport> advanceReports,
        Instant createdAt)
    {
        var document = new JsonObject
        {
            ["eventId"] = eventId,
            ["name"] = name,
            ["startsAt"] = ApiTime.Format(startsAt),
            ["filingDeadline"] = ApiTime.Format(deadline.Date),
            ["reminders"] = new JsonArray([.. reminders.Select(r => JsonValue.Create(ApiTime.Format(r.On)))]),
            ["advanceReports"] = new JsonArray([.. advanceReports.Select(r => new JsonObject
            {
                ["guestName"] = r.GuestName,
                ["reason"] = r.Reason,
                ["dueBy"] = ApiTime.Format(r.DueBy),
            })]),
            ["guests"] = new JsonArray([.. guests.Select(g => new JsonObject
            {
                ["name"] = g.Name,
                ["isPublicFigure"] = g.IsPublicFigure,
                ["isOverseas"] = g.IsOverseas,
            })]),
            ["hostIds"] = new JsonArray([.. hostIds.Select(h => JsonValue.Create(h))]),
            ["content"] = JsonNode.Parse(content.GetRawText()),
            ["settings"] = JsonNode.Parse(settings.GetRawText()),
            ["createdAt"] = ApiTime.Format(createdAt),
        };
        return document.ToJsonString(ApiJson.Options);
    }

    /// <summary>The filing as answered: the recorded document with <paramref name="status"/> after the deadline.</summary>
    public static string Answer(FilingRecord filing, FilingStatus status)
    {
        var recorded = JsonNode.Parse(filing.Document)!.AsObject();
        var answer = new JsonObject();
        foreach (var (name, value) in recorded.ToList())
        {
            recorded.Remove(name);
            answer[name] = value;
            if (name == "filingDeadline")
            {
                answer["status"] = FilingStatusIds.Of(status);
                if (filing.Receipt is { } receipt)
                {
                    answer["receipt"] = new JsonObject
                    {
                        ["receiptNumber"] = receipt.ReceiptNumber,
                        ["submittedAt"] = ApiTime.Format(receipt.SubmittedAt),
                        ["recordedAt"] = ApiTime.Format(receipt.RecordedAt),
                    };
                }
            }
        }

        return answer.ToJsonString(ApiJson.Options);
    }
}
