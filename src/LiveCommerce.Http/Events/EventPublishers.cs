using LiveCommerce.Domain;
using LiveCommerce.Domain.Events;
using LiveCommerce.Storage.Events;
using LiveCommerce.Workflows.Disputes;
using LiveCommerce.Workflows.Filings;
using LiveCommerce.Workflows.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Http.Events;

/// <summary>
/// The workflows' events, published where their activities record what happened: each decorator runs the port's
/// own work, then publishes. An activity that is run again publishes again, which finds the stored event (its id
/// derives from what it is about) and starts only missing deliveries.
/// </summary>
internal static class EventPublishers
{
    public static IServiceCollection PublishWorkflowEvents(this IServiceCollection services)
    {
        services.Decorate<IPreLiveRecords>((inner, sp) => new PreLive(inner, sp.GetRequiredService<PlatformEvents>()));
        services.Decorate<IFilingNotices>((inner, sp) => new Filings(inner, sp.GetRequiredService<PlatformEvents>()));
        services.Decorate<IBundleRecords>((inner, sp) => new Bundles(inner, sp.GetRequiredService<PlatformEvents>()));
        return services;
    }

    /// <summary>Wraps the registered <typeparamref name="T"/> (registered once, as a singleton) in <paramref name="decorate"/>.</summary>
    private static void Decorate<T>(this IServiceCollection services, Func<T, IServiceProvider, T> decorate)
        where T : class
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} must be registered before its events are published.");
        services.Remove(registered);
        services.AddSingleton(sp =>
        {
            var inner = registered.ImplementationInstance as T
                ?? registered.ImplementationFactory?.Invoke(sp) as T
                ?? (T)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            return decorate(inner, sp);
        });
    }

    private static PlatformId Platform(string raw) =>
        PlatformId.TryParse(raw, out var platform) ? platform : throw new InvalidOperationException("A workflow carried an invalid platform id.");

    private sealed class PreLive(IPreLiveRecords inner, PlatformEvents events) : IPreLiveRecords
    {
        public async Task RecordOutcomeAsync(PreLiveOutcome outcome, CancellationToken cancellationToken)
        {
            await inner.RecordOutcomeAsync(outcome, cancellationToken);
            var type = outcome.Result.Status switch
            {
                PreLiveCheckResult.Cleared => EventTypes.PreLiveCleared,
                PreLiveCheckResult.Blocked => EventTypes.PreLiveBlocked,
                _ => null,
            };
            if (type is not null)
            {
                await events.PublishAsync(
                    Platform(outcome.Platform),
                    type,
                    outcome.SessionId,
                    new
                    {
                        sessionId = outcome.SessionId,
                        status = outcome.Result.Status,
                        hosts = outcome.Result.Hosts.Select(h => new { hostId = h.HostId, identity = h.Identity }),
                        reasons = outcome.Result.Reasons.Select(r => new { code = r.Code, message = r.Message }),
                    },
                    cancellationToken,
                    outcome.Result.CompletedAt);
            }
        }
    }

    private sealed class Filings(IFilingNotices inner, PlatformEvents events) : IFilingNotices
    {
        public async Task<bool> RemindAsync(FilingReminderNotice notice, CancellationToken cancellationToken)
        {
            var sent = await inner.RemindAsync(notice, cancellationToken);
            if (sent)
            {
                await events.PublishAsync(
                    Platform(notice.Platform),
                    EventTypes.FilingReminder,
                    $"{notice.EventId}:{notice.WorkingDaysLeft}",
                    new { eventId = notice.EventId, filingDeadline = notice.FilingDeadline, workingDaysLeft = notice.WorkingDaysLeft },
                    cancellationToken,
                    notice.At);
            }

            return sent;
        }

        public async Task<bool> EscalateAsync(FilingEscalationNotice notice, CancellationToken cancellationToken)
        {
            var escalated = await inner.EscalateAsync(notice, cancellationToken);
            if (escalated)
            {
                await events.PublishAsync(
                    Platform(notice.Platform),
                    EventTypes.FilingLate,
                    notice.EventId,
                    new { eventId = notice.EventId, filingDeadline = notice.FilingDeadline, status = "late" },
                    cancellationToken,
                    notice.LateFrom);
            }

            return escalated;
        }
    }

    private sealed class Bundles(IBundleRecords inner, PlatformEvents events) : IBundleRecords
    {
        public async Task RecordOutcomeAsync(BundleOutcome outcome, CancellationToken cancellationToken)
        {
            await inner.RecordOutcomeAsync(outcome, cancellationToken);
            if (outcome.Bundle is { } bundle && outcome.Failure is null)
            {
                await events.PublishAsync(
                    Platform(outcome.Dispute.Platform),
                    EventTypes.EvidenceBundleReady,
                    outcome.InstanceId,
                    new
                    {
                        disputeId = outcome.Dispute.DisputeId,
                        orderId = outcome.Dispute.OrderId,
                        bundleSha256 = bundle.BundleSha256,
                        size = bundle.Size,
                        items = bundle.Items.Count,
                        missing = bundle.Missing.Select(m => new { kind = m.Kind, reason = m.Reason }),
                        respondBy = outcome.Dispute.RespondBy,
                    },
                    cancellationToken);
            }
        }
    }
}
