using System.Security.Cryptography;
using System.Text;
using LiveCommerce.Domain;
using LiveCommerce.Domain.Identity;
using LiveCommerce.Domain.Tipping;
using LiveCommerce.Http.Json;
using LiveCommerce.Http.Problems;
using LiveCommerce.Http.Tenancy;
using LiveCommerce.Storage.Idempotency;
using LiveCommerce.Storage.Tipping;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Http.Tipping;

/// <summary>
/// The contract's "Tipping": users, the policy, the check before every tip and its confirmation, and hosts' tips.
/// Hot path of an authorization: the tip id's claim (create-only) and the user's row (profile and counters, with its
/// ETag) in parallel, then one entity-group transaction in the user's partition (the decision, create-only, and the
/// counters, If-Match), repeated from the read when another tip changed the counters first; an allowed tip is then
/// listed under its host. The host's suspensions and the platform's policy come from per-process caches.
/// </summary>
public sealed class TippingEndpoints(
    TippingStore store,
    TippingPolicies policies,
    HostTippingSuspensions suspensions,
    UserTurns turns,
    TimeProvider clock,
    ILogger<TippingEndpoints> logger)
{
    private const int MaxAttempts = 200;
    private const int MaxListedTips = 1000;
    private static readonly Duration ClockSkew = Duration.FromMinutes(5);
    private static readonly string[] Statuses = ["pending", "settled", "refunded"];

    public async Task<IResult> PutUser(HttpRequest request, string userId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformOrAdmin))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<TippingUserRequest>(request, cancellationToken: cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var v = new RequestValidator();
        v.Key(userId, "userId");
        var verified = v.RequiredValue(body.Value!.RealNameVerified, "realNameVerified");
        var raw = v.OptionalString(body.Value.IdNumber, "idNumber", 64);
        var now = Now();
        var today = ChinaTime.DateOf(now);
        LocalDate? birthDate = null;
        if (raw is null)
        {
            if (verified)
            {
                // Minors cannot tip: a verified user without a birth date could not be checked.
                v.Add("idNumber", "REQUIRED", "'idNumber' is required when 'realNameVerified' is true: minor status is read from it.");
            }
        }
        else if (ResidentIdNumber.TryParse(raw, today, out var id, out var error))
        {
            birthDate = id.BirthDate;
        }
        else
        {
            v.Add("idNumber", "ID_NUMBER_INVALID", error);
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var user = new TippingUser(verified, birthDate);
        await store.PutUserAsync(platform, userId, user, now, cancellation);
        return JsonText.Of(200, UserBody(userId, user, today));
    }

    public async Task<IResult> PutPolicy(HttpRequest request)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.ComplianceAdmin))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<TippingPolicyRequest>(request, cancellationToken: cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        var v = new RequestValidator();
        var policy = new TippingPolicy(
            v.RequiredValue(b.PerTipLimitFen, "perTipLimitFen"),
            v.RequiredValue(b.DailyLimitFen, "dailyLimitFen"),
            v.RequiredValue(b.MonthlyLimitFen, "monthlyLimitFen"),
            v.RequiredValue(b.ReminderRatio, "reminderRatio"),
            v.RequiredValue(b.SettlementDelayHours, "settlementDelayHours"));
        if (!v.HasErrors)
        {
            foreach (var reason in policy.Validate())
            {
                v.Add(reason.Field ?? "$", reason.Code, reason.Message);
            }
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var stored = await policies.ReplaceAsync(platform, policy, Now(), cancellation);
        logger.LogInformation("Tipping policy v{Version} stored for {Platform} by {Subject}", stored.Version, platform.Value, caller.Subject);
        return JsonText.Of(200, PolicyBody(stored));
    }

    public async Task<IResult> GetPolicy(HttpRequest request)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        // Read through, not from the cache: what a compliance officer sees is what is stored now.
        var stored = await store.FindPolicyAsync(platform, request.HttpContext.RequestAborted) ?? new StoredTippingPolicy(0, TippingPolicy.Default, null);
        return JsonText.Of(200, PolicyBody(stored));
    }

    public async Task<IResult> Authorize(HttpRequest request)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformApi))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<TipAuthorizationRequest>(request, cancellationToken: cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var b = body.Value!;
        var v = new RequestValidator();
        var tipId = v.Key(b.TipId, "tipId");
        var userId = v.Key(b.UserId, "userId");
        var hostId = v.Key(b.HostId, "hostId");
        var roomId = v.Key(b.RoomId, "roomId");
        var amountFen = v.Range(b.AmountFen, "amountFen", 1, TippingPolicy.MaxLimitFen);
        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        // The tip id is the idempotency key; "the same body" means the same tip, however the JSON was written.
        var fingerprint = Fingerprint(userId, hostId, roomId, amountFen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var now = Now();

        // First round trip: claim the tip id and read the user's row, in parallel (suspensions and policy: cached). The
        // user's tips on this instance take turns from the read to the commit, so they do not race each other to a 412.
        var claiming = store.ClaimAsync(platform, tipId, new TipClaim(userId, fingerprint), now, cancellation);
        using var turn = await turns.TakeAsync(platform.Value + "|" + userId, cancellation);
        now = Now();
        var reading = store.FindAccountAsync(platform, userId, cancellation);
        var suspending = suspensions.ActiveAtAsync(platform, hostId, now, cancellation);
        var policing = policies.CurrentAsync(platform, cancellation);
        await Task.WhenAll(claiming, reading, suspending, policing);

        if (claiming.Result is { } earlier)
        {
            if (!string.Equals(earlier.Fingerprint, fingerprint, StringComparison.Ordinal))
            {
                return TipIdReused(tipId);
            }

            if (await store.FindTipAsync(platform, userId, tipId, cancellation) is { } decided)
            {
                return await ReplayAsync(platform, decided, cancellation);
            }

            // Claimed by an attempt that has not stored its decision (it failed, or is still running): decide here; the
            // create-only decision row lets only one of them commit.
        }

        var tip = new StoredTip(tipId, userId, hostId, roomId, amountFen, fingerprint, now, TipOutcome.Denied, string.Empty);
        var account = reading.Result;
        var policy = policing.Result;
        for (var attempt = 1; ; attempt++)
        {
            var suspension = attempt == 1 ? suspending.Result : await suspensions.ActiveAtAsync(platform, hostId, now, cancellation);
            var decision = TippingRules.Decide(account.User, suspension is not null, policy.Policy, account.Counters, amountFen, now, confirmation: false);
            var json = DecisionBody(tip, decision, policy, now, confirmation: null);
            var decided = tip with
            {
                Outcome = decision.Outcome,
                Body = json,
                AllowedAt = decision.Outcome == TipOutcome.Allowed ? now : null,
                SettlesAt = decision.SettlesAt,
            };
            var counters = decision.CountersChanged && account.ETag is not null ? decision.Counters : null;
            switch (await store.CommitDecisionAsync(platform, decided, counters, account.ETag, cancellation))
            {
                case TipCommit.Committed:
                    turn.Dispose();
                    if (decision.Outcome == TipOutcome.Allowed)
                    {
                        await store.AddHostTipAsync(platform, hostId, HostTipOf(decided), cancellation);
                    }

                    logger.LogInformation(
                        "Tip {TipId} of user {UserId} to host {HostId} on {Platform}: {Decision} ({Reasons})",
                        tipId, userId, hostId, platform.Value, TippingStore.OutcomeId(decision.Outcome), string.Join(",", decision.Reasons.Select(r => r.Code)));
                    return new JsonText(new StoredResponse(200, json));
                case TipCommit.TipExists:
                    var first = await store.FindTipAsync(platform, userId, tipId, cancellation);
                    return first is null ? Problem.Unavailable("TIP_CONTENDED", "The tip could not be decided; retry with the same body.") : await ReplayAsync(platform, first, cancellation);
                default:
                    if (attempt >= MaxAttempts)
                    {
                        return Problem.Unavailable("TIP_CONTENDED", "Too many parallel tips of this user; retry with the same body.");
                    }

                    // Another tip of the user committed first: back off a little (jittered), read again, decide again.
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, Math.Min(1 << Math.Min(attempt, 5), 20) + 1)), cancellation);
                    now = Now();
                    tip = tip with { DecidedAt = now };
                    account = await store.FindAccountAsync(platform, userId, cancellation);
                    break;
            }
        }
    }

    public async Task<IResult> Confirm(HttpRequest request, string tipId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.PlatformApi))
        {
            return problem;
        }

        var platform = caller.Platform;

        var cancellation = request.HttpContext.RequestAborted;
        var body = await JsonBody.ReadAsync<TipConfirmationRequest>(request, cancellationToken: cancellation);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var v = new RequestValidator();
        v.Key(tipId, "tipId");
        var method = v.RequiredString(body.Value!.Method, "method", 16);
        if (method.Length > 0 && method != "sms")
        {
            v.Add("method", "INVALID_VALUE", $"'{method}' is not one of: sms.");
        }

        var confirmedAt = v.Time(body.Value.ConfirmedAt, "confirmedAt", required: true);
        var now = Now();
        if (confirmedAt is { } at && at > now + ClockSkew)
        {
            v.Add("confirmedAt", "OUT_OF_RANGE", "'confirmedAt' is in the future.");
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var claim = await store.FindClaimAsync(platform, tipId, cancellation);
        var tip = claim is null ? null : await store.FindTipAsync(platform, claim.UserId, tipId, cancellation);
        if (tip is null)
        {
            return TipNotFound(tipId);
        }

        var fingerprint = Fingerprint(method, confirmedAt!.Value.ToUnixTimeTicks().ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var turn = await turns.TakeAsync(platform.Value + "|" + tip.UserId, cancellation);
        now = Now();
        for (var attempt = 1; ; attempt++)
        {
            if (tip.ConfirmationFingerprint is { } confirmed)
            {
                return confirmed == fingerprint
                    ? new JsonText(new StoredResponse(200, tip.ConfirmationBody!), replayed: true)
                    : Problem.Unprocessable("TIP_ALREADY_CONFIRMED", $"Tip '{tipId}' was already confirmed with another body.");
            }

            if (tip.Outcome != TipOutcome.ConfirmationRequired)
            {
                return Problem.Conflict("TIP_NOT_AWAITING_CONFIRMATION", $"Tip '{tipId}' was answered '{TippingStore.OutcomeId(tip.Outcome)}'; only a tip answered confirmation_required can be confirmed.");
            }

            if (confirmedAt.Value < tip.DecidedAt - ClockSkew)
            {
                return Problem.Validation([new FieldError("confirmedAt", "OUT_OF_RANGE", "'confirmedAt' is before the tip asked for confirmation.")]);
            }

            var readAccount = store.FindAccountAsync(platform, tip.UserId, cancellation);
            var suspension = suspensions.ActiveAtAsync(platform, tip.HostId, now, cancellation);
            var policing = policies.CurrentAsync(platform, cancellation);
            await Task.WhenAll(readAccount, suspension, policing);
            var account = readAccount.Result;
            var decision = TippingRules.Decide(account.User, suspension.Result is not null, policing.Result.Policy, account.Counters, tip.AmountFen, now, confirmation: true);
            var json = DecisionBody(tip, decision, policing.Result, now, new { method, confirmedAt = ApiTime.Format(confirmedAt.Value) });
            var next = tip with
            {
                ConfirmationFingerprint = fingerprint,
                ConfirmationOutcome = decision.Outcome,
                ConfirmationBody = json,
                AllowedAt = decision.Outcome == TipOutcome.Allowed ? now : null,
                SettlesAt = decision.SettlesAt,
            };
            var counters = decision.CountersChanged && account.ETag is not null ? decision.Counters : null;
            switch (await store.CommitConfirmationAsync(platform, next, counters, account.ETag, cancellation))
            {
                case TipCommit.Committed:
                    turn.Dispose();
                    if (decision.Outcome == TipOutcome.Allowed)
                    {
                        await store.AddHostTipAsync(platform, tip.HostId, HostTipOf(next), cancellation);
                    }

                    logger.LogInformation("Tip {TipId} on {Platform} confirmed by {Method}: {Decision}", tipId, platform.Value, method, TippingStore.OutcomeId(decision.Outcome));
                    return new JsonText(new StoredResponse(200, json));
                case TipCommit.CountersChanged when attempt >= MaxAttempts:
                    return Problem.Unavailable("TIP_CONTENDED", "Too many parallel tips of this user; retry with the same body.");
                default:
                    // The counters or the tip changed since they were read (another tip, another confirmation): read both again.
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 6)), cancellation);
                    now = Now();
                    tip = await store.FindTipAsync(platform, tip.UserId, tipId, cancellation) ?? tip;
                    break;
            }
        }
    }

    public async Task<IResult> GetAuthorization(HttpRequest request, string tipId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        // An id that could never have been stored is simply not found: the same answer as another platform's tip.
        var cancellation = request.HttpContext.RequestAborted;
        var claim = PlatformId.IsWellFormedKey(tipId, 64) ? await store.FindClaimAsync(platform, tipId, cancellation) : null;
        var tip = claim is null ? null : await store.FindTipAsync(platform, claim.UserId, tipId, cancellation);
        return tip is null ? TipNotFound(tipId) : new JsonText(new StoredResponse(200, tip.CurrentBody));
    }

    public async Task<IResult> ListHostTips(HttpRequest request, string hostId)
    {
        if (!CallerAccess.TryAuthorize(request, out var caller, out var problem, PlatformRoles.Any))
        {
            return problem;
        }

        var platform = caller.Platform;

        var v = new RequestValidator();
        v.Key(hostId, "hostId");
        TipStatus? status = null;
        if (request.Query.TryGetValue("status", out var raw))
        {
            status = raw.ToString() switch
            {
                "pending" => TipStatus.Pending,
                "settled" => TipStatus.Settled,
                "refunded" => TipStatus.Refunded,
                _ => null,
            };
            if (status is null)
            {
                v.Add("status", "INVALID_VALUE", $"'{raw}' is not one of: {string.Join(", ", Statuses)}.");
            }
        }

        if (v.HasErrors)
        {
            return v.ToProblem();
        }

        var tips = new List<object>();
        var truncated = false;
        await foreach (var t in store.ListHostTipsAsync(platform, hostId, status, request.HttpContext.RequestAborted))
        {
            if (tips.Count == MaxListedTips)
            {
                truncated = true;
                break;
            }

            tips.Add(new
            {
                tipId = t.TipId,
                userId = t.UserId,
                roomId = t.RoomId,
                amountFen = t.AmountFen,
                status = TippingStore.StatusId(t.Status),
                allowedAt = ApiTime.Format(t.AllowedAt),
                settlesAt = ApiTime.Format(t.SettlesAt),
                settledAt = ApiTime.Format(t.SettledAt),
                refundedAt = ApiTime.Format(t.RefundedAt),
                sanctionId = t.SanctionId,
            });
        }

        return JsonText.Of(200, new { hostId, status = status is { } s ? TippingStore.StatusId(s) : null, tips, truncated });
    }

    /// <summary>The first answer again; an allowed tip is listed under its host again (create-only), in case the first attempt stopped before.</summary>
    private async Task<IResult> ReplayAsync(PlatformId platform, StoredTip tip, CancellationToken cancellation)
    {
        if (tip.Outcome == TipOutcome.Allowed)
        {
            await store.AddHostTipAsync(platform, tip.HostId, HostTipOf(tip), cancellation);
        }

        return new JsonText(new StoredResponse(200, tip.Body), replayed: true);
    }

    private static HostTip HostTipOf(StoredTip tip) => new(
        tip.TipId, tip.UserId, tip.RoomId, tip.AmountFen, tip.AllowedAt ?? tip.DecidedAt, tip.SettlesAt ?? tip.DecidedAt, TipStatus.Pending);

    private static string DecisionBody(StoredTip tip, TipDecision decision, StoredTippingPolicy policy, Instant decidedAt, object? confirmation) =>
        System.Text.Json.JsonSerializer.Serialize(
            new
            {
                tipId = tip.TipId,
                userId = tip.UserId,
                hostId = tip.HostId,
                roomId = tip.RoomId,
                amountFen = tip.AmountFen,
                decision = TippingStore.OutcomeId(decision.Outcome),
                reasons = decision.Reasons.Select(r => new { code = r.Code, message = r.Message }),
                dailyTotalFen = decision.Counters.DayTotalFen,
                monthlyTotalFen = decision.Counters.MonthTotalFen,
                settlesAt = ApiTime.Format(decision.SettlesAt),
                tippingSuspendedUntil = ApiTime.Format(decision.SuspendedUntil),
                decidedAt = ApiTime.Format(decidedAt),
                policyVersion = policy.Version,
                confirmation,
            },
            ApiJson.Options);

    private static object UserBody(string userId, TippingUser user, LocalDate today) => new Dictionary<string, object?>
    {
        ["userId"] = userId,
        ["realNameVerified"] = user.RealNameVerified,
        ["minor"] = user.IsMinorOn(today), // null: no ID number given, so unknown
    };

    private static object PolicyBody(StoredTippingPolicy stored) => new
    {
        version = stored.Version,
        isDefault = stored.Version == 0,
        updatedAt = ApiTime.Format(stored.UpdatedAt),
        perTipLimitFen = stored.Policy.PerTipLimitFen,
        dailyLimitFen = stored.Policy.DailyLimitFen,
        monthlyLimitFen = stored.Policy.MonthlyLimitFen,
        reminderRatio = stored.Policy.ReminderRatio,
        settlementDelayHours = stored.Policy.SettlementDelayHours,
    };

    private static string Fingerprint(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", parts))))[..32];

    private static Problem TipIdReused(string tipId) =>
        Problem.Unprocessable("TIP_ID_REUSED", $"Tip id '{tipId}' was already used for a different tip (user, host, room or amount).");

    private static Problem TipNotFound(string tipId) => Problem.NotFound("TIP_NOT_FOUND", $"No tip authorization '{tipId}'.");

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());
}
