using System.Globalization;
using LiveCommerce.Domain.KeyRooms;
using NodaTime;

namespace LiveCommerce.Domain.Tests.KeyRooms;

/// <summary>Short hand for schedule requests on one day, with times written as "HH:mm" in Asia/Shanghai.</summary>
internal static class ScheduleBuilder
{
    public static readonly Instant Midnight = ChinaTime.StartOf(new LocalDate(2026, 3, 2));

    public static Instant At(string time)
    {
        var parts = time.Split(':');
        return Midnight + Duration.FromHours(int.Parse(parts[0], CultureInfo.InvariantCulture))
            + Duration.FromMinutes(int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public static LiveSession Key(string id, string from, string to, string category = "food", string? room = null) =>
        new(id, room ?? "room-" + id, At(from), At(to), Tier.Key, category);

    public static LiveSession Standard(string id, string from, string to, string room) =>
        new(id, room, At(from), At(to), Tier.Standard, "apparel");

    public static Inspector Inspector(string id, int capacity, string[] skills, params (string From, string To)[] shifts) =>
        new(id, shifts.Select(s => new InspectorShift(At(s.From), At(s.To))).ToList(), skills, capacity);

    public static ScheduleRequest Request(IEnumerable<LiveSession> sessions, IEnumerable<Inspector> inspectors, int slotMinutes = 60) =>
        new(Midnight, Midnight + Duration.FromDays(1), slotMinutes, sessions.ToList(), inspectors.ToList());
}
