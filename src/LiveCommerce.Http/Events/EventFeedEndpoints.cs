using System.Text;
using LiveCommerce.Domain;
using LiveCommerce.Http.Audit;
using LiveCommerce.Http.Json;
using LiveCommerce.Storage.Events;
using LiveCommerce.Storage.Idempotency;
using Microsoft.AspNetCore.Http;

namespace LiveCommerce.Http.Events;

/// <summary>
/// <c>GET /api/event-feed?after=&lt;eventId&gt;&amp;limit=</c>: the platform's events, oldest first, each exactly as its
/// webhooks deliver it; <c>{ events, hasMore }</c>. Pass the last event id seen as <c>after</c> to go on.
/// </summary>
public sealed class EventFeedEndpoints(EventFeed feed)
{
    public async Task<IResult> Read(HttpRequest request)
    {
        if (!AuditedCaller.TryResolve(request, out var platform, out _, out var problem, AuditRoles.Any))
        {
            return problem;
        }

        var v = new RequestValidator();
        var after = AuditLogEndpoints.Single(request, "after", v);
        var limit = (int)AuditLogEndpoints.Number(request, "limit", 1, 1000, 100, v);
        if (after is not null && !PlatformId.IsWellFormedKey(after, 64))
        {
            v.Add("after", "INVALID_FORMAT", "'after' must be an event id from this feed.");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var cancellation = request.HttpContext.RequestAborted;
        string? position = null;
        if (after is not null && (position = await feed.PositionOfAsync(platform, after, cancellation)) is null)
        {
            v.Add("after", "UNKNOWN_EVENT", $"'{after}' is not an event of this platform's feed.");
            return v.ToProblem();
        }

        var page = await feed.ReadAsync(platform, position, limit, cancellation);
        var json = new StringBuilder("{\"events\":[");
        for (var i = 0; i < page.Events.Count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(page.Events[i].Envelope);
        }

        json.Append("],\"hasMore\":").Append(page.HasMore ? "true" : "false").Append('}');
        return new JsonText(new StoredResponse(200, json.ToString()));
    }
}
