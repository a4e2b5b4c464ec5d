using System.Text.Json;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Filings;
using LiveCommerce.Workflows.Filings;

namespace LiveCommerce.Storage.Filings;

/// <summary>
/// Filing reminders and escalations as JSON messages on queue <c>filing-escalations</c>, for the platform's
/// compliance desk: <c>{ kind: "reminder"|"escalation", messageId, platform, eventId, filingDeadline,
/// workingDaysLeft?, status, at }</c>. <c>messageId</c> is stable, so a consumer drops a message sent twice.
/// </summary>
public sealed class FilingNoticeQueue(StorageClients clients, FilingStore filings) : IFilingNotices
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<bool> RemindAsync(FilingReminderNotice notice, CancellationToken cancellationToken)
    {
        if (!PlatformId.TryParse(notice.Platform, out var platform) ||
            await filings.FindAsync(platform, notice.EventId, cancellationToken) is not { Status: FilingStatus.Open })
        {
            return false;
        }

        await SendAsync(
            new
            {
                kind = "reminder",
                messageId = $"{notice.InstanceId}:reminder:{notice.WorkingDaysLeft}",
                platform = notice.Platform,
                eventId = notice.EventId,
                filingDeadline = notice.FilingDeadline,
                workingDaysLeft = notice.WorkingDaysLeft,
                status = FilingStatusIds.Of(FilingStatus.Open),
                at = InShanghai(notice.At),
            },
            cancellationToken);
        return true;
    }

    public async Task<bool> EscalateAsync(FilingEscalationNotice notice, CancellationToken cancellationToken)
    {
        if (!PlatformId.TryParse(notice.Platform, out var platform))
        {
            return false;
        }

        // Open → late; a filing already late (recorded after its deadline) is escalated all the same.
        await filings.MarkLateAsync(platform, notice.EventId, cancellationToken);
        if (await filings.FindAsync(platform, notice.EventId, cancellationToken) is not { Status: FilingStatus.Late })
        {
            return false;
        }

        await SendAsync(
            new
            {
                kind = "escalation",
                messageId = $"{notice.InstanceId}:escalation",
                platform = notice.Platform,
                eventId = notice.EventId,
                filingDeadline = notice.FilingDeadline,
                status = FilingStatusIds.Of(FilingStatus.Late),
                at = InShanghai(notice.LateFrom),
            },
            cancellationToken);
        return true;
    }

    private async Task SendAsync(object message, CancellationToken cancellationToken) =>
        await clients.Queue(StorageNames.FilingEscalationsQueue).SendMessageAsync(JsonSerializer.Serialize(message, Json), cancellationToken);

    private static string InShanghai(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
