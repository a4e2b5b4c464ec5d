using LiveCommerce.Domain;
using LiveCommerce.Domain.Tipping;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace LiveCommerce.Storage.Tipping;

/// <summary>What one settlement or refund run did.</summary>
public sealed record TipSettlementReport(int Examined, int Settled, int Refunded, int AlreadyDone);

/// <summary>
/// The money side of allowed tips, as idempotent operations shaped as workflow activities (each may run twice, or
/// concurrently with itself, and still moves each tip once): settle what is due, refund a suspended host's pending
/// tips. Every move is one transaction under the tip row's ETag; a refund writes its <c>tip.refunded</c> outbox event
/// in that same transaction, so the event exists exactly once however often the refund runs.
/// </summary>
public sealed class TipSettlements(TippingStore store, HostTippingSuspensions suspensions, ILogger<TipSettlements> logger, Events.PlatformEvents? events = null)
{
    /// <summary>
    /// Settles every pending tip due at <paramref name="now"/>, on every platform; a tip whose host is suspended at
    /// <paramref name="now"/> is refunded instead (the backstop for a tip allowed just before a sanction was seen).
    /// </summary>
    public async Task<TipSettlementReport> SettleDueAsync(Instant now, CancellationToken cancellationToken)
    {
        int examined = 0, settled = 0, refunded = 0, done = 0;
        await foreach (var (platform, hostId, tip) in store.FindDueAsync(now, cancellationToken))
        {
            examined++;
            switch (await MoveAsync(platform, hostId, tip, now, await suspensions.ActiveAtAsync(platform, hostId, now, cancellationToken), cancellationToken))
            {
                case TipStatus.Settled: settled++; break;
                case TipStatus.Refunded: refunded++; break;
                default: done++; break;
            }
        }

        if (examined > 0)
        {
            logger.LogInformation("Tip settlement at {Now}: {Examined} due, {Settled} settled, {Refunded} refunded, {Done} already moved", now, examined, settled, refunded, done);
        }

        return new TipSettlementReport(examined, settled, refunded, done);
    }

    /// <summary>
    /// Refunds the host's pending tips because of <paramref name="sanctionId"/>, each with its <c>tip.refunded</c>
    /// event. Safe to run twice or concurrently: a tip moves once and its event is written once.
    /// </summary>
    public async Task<TipSettlementReport> RefundPendingTipsAsync(PlatformId platform, string hostId, string sanctionId, Instant now, CancellationToken cancellationToken)
    {
        var sanction = new HostTippingSuspension(sanctionId, now, null);
        int examined = 0, refunded = 0, done = 0;
        await foreach (var tip in store.ListHostTipsAsync(platform, hostId, TipStatus.Pending, cancellationToken))
        {
            examined++;
            if (await MoveAsync(platform, hostId, tip, now, sanction, cancellationToken) == TipStatus.Refunded)
            {
                refunded++;
            }
            else
            {
                done++;
            }
        }

        logger.LogInformation("Refund of host {HostId} on {Platform} for sanction {SanctionId}: {Refunded} refunded, {Done} already moved", hostId, platform.Value, sanctionId, refunded, done);
        return new TipSettlementReport(examined, 0, refunded, done);
    }

    /// <summary>
    /// Moves one tip as <see cref="TipSettlement.Next"/> says, re-reading it when another run changed it first. Returns
    /// what this call moved it to, or null when it moved nothing.
    /// </summary>
    private async Task<TipStatus?> MoveAsync(PlatformId platform, string hostId, HostTip tip, Instant now, HostTippingSuspension? suspension, CancellationToken cancellationToken)
    {
        for (var current = tip; current is not null; current = await store.FindHostTipAsync(platform, hostId, tip.TipId, cancellationToken))
        {
            if (TipSettlement.Next(current.Status, current.SettlesAt, now, suspension) is not { } next)
            {
                return null;
            }

            var moved = next == TipStatus.Settled
                ? current with { Status = next, SettledAt = now }
                : current with { Status = next, RefundedAt = now, SanctionId = suspension!.SanctionId };
            var refundedEvent = next == TipStatus.Refunded
                ? new TipRefundedEvent("tip.refunded|" + current.TipId, current.TipId, hostId, current.UserId, current.AmountFen, suspension!.SanctionId, now)
                : null;
            if (await store.TransitionAsync(platform, hostId, current, moved, refundedEvent, cancellationToken))
            {
                // The outbox row committed with the refund is the record; the feed and webhooks get the event now
                // (its id comes from the tip, so publishing it again finds the same event).
                if (refundedEvent is not null && events is not null)
                {
                    await events.PublishAsync(platform, Domain.Events.EventTypes.TipRefunded, current.TipId, new
                    {
                        tipId = current.TipId,
                        hostId,
                        userId = current.UserId,
                        amountFen = current.AmountFen,
                        sanctionId = refundedEvent.SanctionId,
                        refundedAt = now.ToDateTimeOffset(),
                    }, cancellationToken);
                }

                return next;
            }
        }

        return null;
    }
}

/// <summary>
/// What the sanctions side calls when a sanction that suspends a host's tipping takes effect (and when it ends): it
/// records the suspension the authorization consults, then refunds the host's pending tips.
/// </summary>
public sealed class HostTippingSanctions(TippingStore store, HostTippingSuspensions suspensions, TipSettlements settlements)
{
    public async Task<TipSettlementReport> SuspendAsync(PlatformId platform, string hostId, HostTippingSuspension suspension, Instant now, CancellationToken cancellationToken)
    {
        await store.PutSuspensionAsync(platform, hostId, suspension, cancellationToken);
        suspensions.Forget(platform, hostId);
        return suspension.IsActiveAt(now)
            ? await settlements.RefundPendingTipsAsync(platform, hostId, suspension.SanctionId, now, cancellationToken)
            : new TipSettlementReport(0, 0, 0, 0);
    }

    /// <summary>Ends a suspension at <paramref name="endedAt"/> (the sanction ended or was revoked); refunds made stay made.</summary>
    public async Task EndAsync(PlatformId platform, string hostId, HostTippingSuspension suspension, Instant endedAt, CancellationToken cancellationToken)
    {
        await store.PutSuspensionAsync(platform, hostId, suspension with { Until = endedAt }, cancellationToken);
        suspensions.Forget(platform, hostId);
    }
}
