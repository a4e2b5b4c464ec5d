using LiveCommerce.Domain;
using LiveCommerce.Domain.Disputes;
using LiveCommerce.Http.Filings;
using LiveCommerce.Http.Idempotency;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Disputes;
using LiveCommerce.Storage.Filings;
using LiveCommerce.Workflows;
using Microsoft.DurableTask;
using LiveCommerce.Workflows.Disputes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Http.Disputes;

/// <summary>
/// The contract's evidence bundles: the POST records the request (and its respondBy, in working days on the
/// platform's official calendar) and starts <see cref="EvidenceBundleWorkflow"/>; the GET says where it stands and,
/// once ready, shows the manifest; a link (valid 15 minutes) is minted on an explicit POST …/links; the verification
/// recomputes every hash and checks the custody chain. Requests, assembly and every link minted are appended to the
/// dispute's hash-chained chain of custody; reads append nothing.
/// </summary>
public sealed class BundleEndpoints(
    BundleStore bundles,
    CalendarStore calendars,
    IdempotentPosts posts,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<BundleEndpoints> logger)
{
    /// <summary>How long a bundle link lets its holder read the bundle.</summary>
    public static readonly TimeSpan LinkValidity = TimeSpan.FromMinutes(15);

    public Task<IResult> Start(HttpRequest request, string disputeId, IWorkflowClient workflows) =>
        posts.HandleAsync<EvidenceBundleRequest>(request, PlatformRoles.Any, post => StartAsync(post, disputeId, workflows), 64 * 1024);

    private async Task<IResult> StartAsync(PostRequest<EvidenceBundleRequest> post, string disputeId, IWorkflowClient workflows)
    {
        if (!WaitSeconds.TryRead(post.Http, out var wait, out var problem))
        {
            return problem;
        }

        var (platform, b, cancellation) = (post.Platform, post.Body, post.Cancellation);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var v = new RequestValidator();
        v.Key(disputeId, "disputeId");
        var orderId = v.Key(b.OrderId, "orderId");
        var sessionId = v.Key(b.SessionId, "sessionId");
        var roomId = v.Key(b.RoomId, "roomId");
        var purchasedAt = v.Time(b.PurchasedAt, "purchasedAt", required: true);
        if (purchasedAt > now)
        {
            v.Add("purchasedAt", "OUT_OF_RANGE", "'purchasedAt' lies in the future.");
        }

        var sku = v.RequiredString(b.Sku, "sku", 100);
        var claim = v.RequiredString(b.ConsumerClaim, "consumerClaim", 4000);
        var requestedBy = v.OptionalString(b.RequestedBy, "requestedBy", 200);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        // respondBy on the same calendar as filings, never guessed.
        var workingDays = configuration.GetValue("Disputes:ResponseWorkingDays", ResponseDeadline.DefaultWorkingDays);
        var calendar = await calendars.LoadAsync(platform, cancellation);
        if (!ResponseDeadline.Compute(now, calendar, workingDays).TryGetValue(out var deadline, out var notPublished))
        {
            return FilingEndpoints.NotPublished(notPublished);
        }

        var instanceId = EvidenceBundleWorkflow.InstanceIdFor(platform.Value, disputeId);
        var input = new EvidenceBundleInput(
            platform.Value, disputeId, orderId, purchasedAt!.Value.ToDateTimeOffset(), sessionId, roomId, sku, claim, requestedBy,
            now.ToDateTimeOffset(), ApiTime.Format(deadline.RespondBy));
        var (created, record) = await bundles.CreateAsync(
            platform, new DisputeRecord(disputeId, input, post.Fingerprint, deadline.RespondBy, instanceId, DisputeRecord.Assembling), cancellation);
        if (!created && record.Fingerprint != post.Fingerprint)
        {
            return Problem.Conflict("BUNDLE_EXISTS", $"Dispute '{disputeId}' already has an evidence bundle for another request; GET {LocationOf(disputeId)}.");
        }

        if (created)
        {
            await bundles.AppendCustodyAsync(platform, disputeId, new
            {
                @event = "requested",
                at = input.RequestedAt,
                by = new { platform = platform.Value, requestedBy },
                request = new { orderId, purchasedAt = input.PurchasedAt, sessionId, roomId, sku, consumerClaim = claim },
                respondBy = input.RespondBy,
            }, cancellation);
            logger.LogInformation("Evidence bundle requested for dispute {DisputeId} on {Platform}; respond by {RespondBy}", disputeId, platform.Value, input.RespondBy);
        }

        // Started even when the record existed: a retry after a crash between the two starts what was not started.
        await workflows.ScheduleNewAsync(EvidenceBundleWorkflow.Name, record.Request, new StartOrchestrationOptions(instanceId), cancellation);
        if (wait > TimeSpan.Zero)
        {
            await workflows.WaitForCompletionAsync(instanceId, wait, cancellation);
        }

        return await StatusAsync(platform, disputeId, workflows, accepted: true, requestedBy, cancellation);
    }

    public async Task<IResult> Get(HttpRequest request, string disputeId, IWorkflowClient workflows)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        if (!PlatformId.IsWellFormedKey(disputeId, 64) || await bundles.FindAsync(platform, disputeId, request.HttpContext.RequestAborted) is null)
        {
            return NotFound(disputeId);
        }

        return await StatusAsync(platform, disputeId, workflows, accepted: false, requestedBy: null, request.HttpContext.RequestAborted);
    }

    /// <summary>The platform's disputes whose evidence is due in <c>?from=&amp;to=</c>, earliest first (the console's deadline calendar).</summary>
    public async Task<IResult> List(HttpRequest request)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any) ||
            !DateRange.TryRead(request, out var from, out var to, out problem))
        {
            return problem;
        }

        var platform = caller.Platform;

        const int maxListed = 500;
        var found = await bundles.ListByRespondByAsync(platform, from, to, maxListed + 1, request.HttpContext.RequestAborted);
        var listed = found
            .OrderBy(d => d.RespondBy).ThenBy(d => d.DisputeId, StringComparer.Ordinal)
            .Take(maxListed)
            .Select(d => new
            {
                disputeId = d.DisputeId,
                orderId = d.Request.OrderId,
                status = d.Status,
                respondBy = ApiTime.Format(d.RespondBy),
                requestedAt = ApiTime.Format(Instant.FromDateTimeOffset(d.Request.RequestedAt)),
            });
        return JsonText.Of(200, new { from = ApiTime.Format(from), to = ApiTime.Format(to), disputes = listed, truncated = found.Count > maxListed });
    }

    /// <summary>
    /// Recomputes the SHA-256 of the whole bundle and of every file in it, against what was recorded when it was
    /// made, and names each file that changed, is missing or was added.
    /// </summary>
    public async Task<IResult> Verify(HttpRequest request, string disputeId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var record = PlatformId.IsWellFormedKey(disputeId, 64) ? await bundles.FindAsync(platform, disputeId, cancellation) : null;
        if (record is null)
        {
            return NotFound(disputeId);
        }

        if (record.Bundle is not { } bundle)
        {
            return Problem.Conflict("BUNDLE_NOT_READY", $"The evidence bundle of dispute '{disputeId}' is {record.Status}; there is nothing to verify.");
        }

        string actualSha256;
        await using (var whole = await bundles.OpenBundleAsync(bundle.Blob, cancellation))
        {
            actualSha256 = (await EvidenceBag.HashAsync(whole, cancellation)).Sha256;
        }

        BagVerification bag;
        await using (var zip = await bundles.OpenBundleAsync(bundle.Blob, cancellation))
        {
            bag = await BagVerifier.VerifyAsync(zip, bundle.Items.ToDictionary(i => i.Name, i => i.Sha256), cancellation);
        }

        // A verification is a read: it checks the custody chain too, and appends nothing to it.
        var custody = CustodyChain.Verify(await bundles.ReadCustodyLinesAsync(platform, disputeId, cancellation));
        var valid = bag.Valid && actualSha256 == bundle.BundleSha256 && custody.Valid;
        var now = clock.GetUtcNow();

        var kinds = bundle.Items.ToDictionary(i => i.Name, i => i.Kind);
        return JsonText.Of(200, new
        {
            disputeId,
            valid,
            verifiedAt = ApiTime.Format(Instant.FromDateTimeOffset(now)),
            bundleSha256 = new { recorded = bundle.BundleSha256, actual = actualSha256, status = actualSha256 == bundle.BundleSha256 ? BagCheck.Ok : BagCheck.Changed },
            items = bag.Payload.Select(c => new { kind = kinds.GetValueOrDefault(c.Name), name = c.Name, recordedSha256 = c.Expected, sha256 = c.Actual, status = c.Status }),
            tagFiles = bag.TagFiles.Select(c => new { name = c.Name, recordedSha256 = c.Expected, sha256 = c.Actual, status = c.Status }),
            custody = CustodyBody(custody),
        });
    }

    /// <summary>The dispute's chain of custody as appended: who asked, what was included, each link and verification.</summary>
    public async Task<IResult> Custody(HttpRequest request, string disputeId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        if (!PlatformId.IsWellFormedKey(disputeId, 64) || await bundles.FindAsync(platform, disputeId, cancellation) is null)
        {
            return NotFound(disputeId);
        }

        var lines = await bundles.ReadCustodyLinesAsync(platform, disputeId, cancellation);
        return JsonText.Of(200, new
        {
            disputeId,
            entries = lines.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.Clone()),
            chain = CustodyBody(CustodyChain.Verify(lines)),
        });
    }

    /// <summary>
    /// A read-only link to the ready bundle, valid 15 minutes, minted on this explicit request and recorded in the
    /// chain of custody (who, why, until when). Replayed by its Idempotency-Key only while the link is valid; after
    /// that the same key mints a fresh link.
    /// </summary>
    public Task<IResult> MintLink(HttpRequest request, string disputeId) =>
        posts.HandleAsync<BundleLinkRequest>(request, PlatformRoles.Any, post => MintLinkAsync(post, disputeId), 8 * 1024);

    private async Task<IResult> MintLinkAsync(PostRequest<BundleLinkRequest> post, string disputeId)
    {
        var (platform, cancellation) = (post.Platform, post.Cancellation);
        var v = new RequestValidator();
        var reason = v.OptionalString(post.Body.Reason, "reason", 500);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var record = PlatformId.IsWellFormedKey(disputeId, 64) ? await bundles.FindAsync(platform, disputeId, cancellation) : null;
        if (record is null)
        {
            return NotFound(disputeId);
        }

        if (record.Bundle is not { } bundle)
        {
            return Problem.Conflict("BUNDLE_NOT_READY", $"The evidence bundle of dispute '{disputeId}' is {record.Status}; there is nothing to link to yet.");
        }

        var (link, expiresAt) = await bundles.ReadLinkAsync(bundle.Blob, configuration.GetValue("Disputes:LinkValidity", LinkValidity), cancellation);
        await bundles.AppendCustodyAsync(platform, disputeId, new
        {
            @event = "link_issued",
            at = clock.GetUtcNow(),
            by = new { platform = platform.Value, subject = post.Caller.Subject, name = post.Caller.Name },
            reason,
            bundle = bundle.Blob,
            expiresAt,
        }, cancellation);

        var body = System.Text.Json.JsonSerializer.Serialize(
            new { disputeId, bundleUrl = link.ToString(), bundleUrlExpiresAt = ApiTime.Format(Instant.FromDateTimeOffset(expiresAt)), bundleSha256 = bundle.BundleSha256 },
            ApiJson.Options);
        return new JsonText(new Storage.Idempotency.StoredResponse(201, body, null, expiresAt));
    }

    private static object CustodyBody(CustodyVerification chain) =>
        new { valid = chain.Valid, entries = chain.Entries, brokenAt = chain.BrokenAt, head = chain.Head };

    private async Task<JsonText> StatusAsync(PlatformId platform, string disputeId, IWorkflowClient workflows, bool accepted, string? requestedBy, CancellationToken cancellation)
    {
        var record = (await bundles.FindAsync(platform, disputeId, cancellation))!;
        var status = record.Status;
        if (status == DisputeRecord.Assembling && await workflows.GetInstanceAsync(record.InstanceId, cancellationToken: cancellation) is { Status: WorkflowStatus.Failed or WorkflowStatus.Terminated })
        {
            status = DisputeRecord.Failed;
        }

        var body = new Dictionary<string, object?>
        {
            ["disputeId"] = disputeId,
            ["status"] = status,
            ["respondBy"] = ApiTime.Format(record.RespondBy),
            ["requestedAt"] = ApiTime.Format(Instant.FromDateTimeOffset(record.Request.RequestedAt)),
        };
        if (record.Bundle is { } bundle)
        {
            body["manifest"] = new
            {
                items = bundle.Items.Select(i => new { kind = i.Kind, name = i.Name, sha256 = i.Sha256, size = i.Size }),
                bundleSha256 = bundle.BundleSha256,
                size = bundle.Size,
            };
            body["missing"] = bundle.Missing.Select(m => new { kind = m.Kind, reason = m.Reason, detail = m.Detail });
            body["changed"] = bundle.Changed.Select(c => new { name = c.Name, recordedSha256 = c.RecordedSha256, sha256 = c.Sha256 });
            body["readyAt"] = ApiTime.Format(record.FinishedAt);
        }
        else
        {
            body["manifest"] = new { items = Array.Empty<object>() };
            body["missing"] = Array.Empty<object>();
        }

        if (record.Failure is not null || status == DisputeRecord.Failed)
        {
            body["failure"] = record.Failure ?? "The assembly stopped; ask again under a new dispute id.";
        }

        return accepted && status == DisputeRecord.Assembling ? JsonText.Of(202, body, LocationOf(disputeId)) : JsonText.Of(200, body);
    }

    private static string LocationOf(string disputeId) => $"/api/disputes/{disputeId}/evidence-bundles";

    private static Problem NotFound(string disputeId) =>
        Problem.NotFound("BUNDLE_NOT_FOUND", $"No evidence bundle for dispute '{disputeId}'.");
}
