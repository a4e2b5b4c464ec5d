using LiveCommerce.Domain;
using LiveCommerce.Domain.KeyRooms;
using NodaTime;

namespace LiveCommerce.Workflows.KeyRooms;

/// <summary>
/// Each platform's stored days of inspection planning: the sessions and inspectors (versioned inputs) and the plan
/// that is the day's schedule. Implemented over storage; every write is idempotent, as activities run at least once.
/// </summary>
public interface IInspectionDays
{
    /// <summary>The platforms that stored an input for <paramref name="date"/>, in id order.</summary>
    Task<IReadOnlyList<PlatformId>> PlatformsWithInputAsync(LocalDate date, CancellationToken cancellationToken);

    /// <summary>The current input of the day, or null when the platform stored none.</summary>
    Task<InspectionDayInput?> FindInputAsync(PlatformId platform, LocalDate date, CancellationToken cancellationToken);

    /// <summary>One version of the day's input as a schedule request, or null when there is no such version.</summary>
    Task<ScheduleRequest?> LoadInputAsync(PlatformId platform, LocalDate date, int inputVersion, CancellationToken cancellationToken);

    /// <summary>Saves a plan (content-addressed, create-only) and returns its id; it is not yet the day's schedule.</summary>
    Task<string> SavePlanAsync(PlatformId platform, LocalDate date, SchedulePlan plan, CancellationToken cancellationToken);

    /// <summary>
    /// Makes a saved plan the day's schedule, unless the schedule already comes from the same or a later input
    /// version (a replan made after the input was read must not be overwritten). True when it was adopted.
    /// </summary>
    Task<bool> AdoptPlanAsync(PlannedInspectionDay plan, string trigger, DateTimeOffset at, CancellationToken cancellationToken);
}
