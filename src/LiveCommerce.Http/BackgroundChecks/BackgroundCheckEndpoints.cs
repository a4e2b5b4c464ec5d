using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Idempotency;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Http.BackgroundChecks;

/// <summary>
/// Extension <c>POST /api/background-checks</c>: feeds one message of the background-check contract to the queue, for
/// platforms without access to it. The platform is the caller's; the message id is theirs or is made here (from the
/// Idempotency-Key when there is one, so two racing retries enqueue the same message and it is handled once).
/// </summary>
public sealed class BackgroundCheckEndpoints(IBackgroundCheckQueue queue, IdempotentPosts posts, TimeProvider clock, ILogger<BackgroundCheckEndpoints> logger)
{
    private const int MaxBodyBytes = 16 * 1024;

    public Task<IResult> Enqueue(HttpRequest request) => posts.HandleAsync<BackgroundCheckRequest>(request, [PlatformRoles.PlatformApi], EnqueueAsync, MaxBodyBytes);

    private async Task<IResult> EnqueueAsync(PostRequest<BackgroundCheckRequest> post)
    {
        var (platform, b, key, cancellation) = (post.Platform, post.Body, post.Key, post.Cancellation);
        var v = new RequestValidator();
        var check = Bind(b, v);
        foreach (var (value, field) in new[] { (b.MessageId, "messageId"), (b.CorrelationId, "correlationId") })
        {
            if (value is not null && !BackgroundCheckMessage.IsWellFormedId(value))
            {
                v.Add(field, "INVALID_FORMAT", $"'{field}' must be 1-{BackgroundCheckMessage.MaxIdLength} visible ASCII characters.");
            }
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var messageId = b.MessageId
            ?? (key is null ? "bc_" + Guid.CreateVersion7().ToString("N") : BackgroundCheckMessage.DerivedId("http", platform.Value, key.Value));
        var message = new BackgroundCheckMessage(messageId, b.CorrelationId ?? messageId, platform, check!, Instant.FromDateTimeOffset(clock.GetUtcNow()));
        await queue.EnqueueAsync([message], cancellation);
        logger.LogInformation("Enqueued background check {MessageId} ({Kind}) for {Platform}", message.MessageId, check!.Kind, platform.Value);

        return JsonText.Of(202, new
        {
            messageId = message.MessageId,
            correlationId = message.CorrelationId,
            kind = check.Kind,
            enqueuedAt = ApiTime.Format(message.EnqueuedAt),
        });
    }

    private static BackgroundCheck? Bind(BackgroundCheckRequest body, RequestValidator v)
    {
        if (body.Kind is null)
        {
            v.Add("kind", "REQUIRED", "'kind' is required.");
            return null;
        }

        if (!BackgroundCheck.Kinds.Contains(body.Kind))
        {
            v.Add("kind", "INVALID_VALUE", $"'{body.Kind}' is not one of: {string.Join(", ", BackgroundCheck.Kinds)}.");
            return null;
        }

        var subject = body.Subject ?? new BackgroundCheckSubjectBody(null, null, null, null);
        switch (body.Kind)
        {
            case BackgroundCheck.MerchantReverificationKind:
                return new MerchantReverification(v.Key(subject.MerchantId, "subject.merchantId"));
            case BackgroundCheck.HostReverificationKind:
                return new HostReverification(v.Key(subject.HostId, "subject.hostId"));
            case BackgroundCheck.ListingRescreenKind:
                var listId = v.Key(subject.ListId, "subject.listId");
                if (subject.ListVersion is < 1)
                {
                    v.Add("subject.listVersion", "OUT_OF_RANGE", "'subject.listVersion' must be 1 or more.");
                }

                return new ListingRescreen(listId, subject.ListVersion);
            default:
                return new LicenceExpirySweep();
        }
    }
}

/// <summary>The body of <c>POST /api/background-checks</c>: the contract's kind and subject, and optional ids.</summary>
public sealed record BackgroundCheckRequest(string? Kind, BackgroundCheckSubjectBody? Subject, string? MessageId, string? CorrelationId);

/// <summary>Every subject field of every kind; each kind reads its own.</summary>
public sealed record BackgroundCheckSubjectBody(string? MerchantId, string? HostId, string? ListId, int? ListVersion);
