using NodaTime;

namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// The NRTA 2020 notice's floor of one front-line reviewer per 50 concurrently live rooms, checked slot by slot.
/// <para>
/// Slots run from the window's start, <c>slotMinutes</c> each; the last one ends at the window's end even if
/// shorter. A room is live in a slot when any of its sessions, of either tier, overlaps the slot. An inspector
/// counts as an auditor of a slot only when on shift for the whole slot (shifts that touch or overlap are joined
/// first): someone arriving halfway cannot review the first half, so partial presence would overstate staffing.
/// </para>
/// </summary>
public static class AuditorRatio
{
    /// <summary>Live rooms one auditor may cover (NRTA 2020: reviewers to live rooms at least 1:50).</summary>
    public const int LiveRoomsPerAuditor = 50;

    /// <summary>Auditors required for this many live rooms: one per 50, rounded up.</summary>
    public static int Required(int liveRooms) => (liveRooms + LiveRoomsPerAuditor - 1) / LiveRoomsPerAuditor;

    /// <summary>The slots of a valid request with fewer auditors than required, in time order.</summary>
    public static IReadOnlyList<RatioViolation> Violations(ScheduleRequest request)
    {
        var from = request.From.ToUnixTimeTicks();
        var to = request.To.ToUnixTimeTicks();
        var slot = Duration.FromMinutes(request.SlotMinutes).BclCompatibleTicks;
        var count = (int)((to - from + slot - 1) / slot);
        var slotStarts = new long[count];
        var slotEnds = new long[count];
        for (var k = 0; k < count; k++)
        {
            slotStarts[k] = from + (k * slot);
            slotEnds[k] = Math.Min(slotStarts[k] + slot, to);
        }

        var liveRooms = new int[count];
        var lastRoomCounted = new int[count];
        var room = 0;
        foreach (var sessions in request.Sessions
                     .GroupBy(s => s.RoomId, StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            room++;
            foreach (var session in sessions)
            {
                var (first, last) = Overlapped(slotStarts, slotEnds, session.Start.ToUnixTimeTicks(), session.End.ToUnixTimeTicks());
                for (var k = first; k <= last; k++)
                {
                    if (lastRoomCounted[k] != room)
                    {
                        lastRoomCounted[k] = room;
                        liveRooms[k]++;
                    }
                }
            }
        }

        var auditors = new int[count];
        foreach (var inspector in request.Inspectors)
        {
            foreach (var (start, end) in JoinedShifts(inspector))
            {
                var (first, last) = Spanned(slotStarts, slotEnds, start, end);
                for (var k = first; k <= last; k++)
                {
                    auditors[k]++;
                }
            }
        }

        var violations = new List<RatioViolation>();
        for (var k = 0; k < count; k++)
        {
            var required = Required(liveRooms[k]);
            if (auditors[k] < required)
            {
                violations.Add(new RatioViolation(Instant.FromUnixTimeTicks(slotStarts[k]), liveRooms[k], auditors[k], required));
            }
        }

        return violations;
    }

    // Slots [first, last] that overlap [start, end); empty (first > last) when none does.
    private static (int First, int Last) Overlapped(long[] slotStarts, long[] slotEnds, long start, long end) =>
        (FirstAbove(slotEnds, start), FirstAtOrAbove(slotStarts, end) - 1);

    // Slots [first, last] lying wholly inside [start, end).
    private static (int First, int Last) Spanned(long[] slotStarts, long[] slotEnds, long start, long end) =>
        (FirstAtOrAbove(slotStarts, start), FirstAbove(slotEnds, end) - 1);

    // Binary searches over ascending arrays; each returns the length when no element qualifies.
    private static int FirstAbove(long[] ascending, long value) => FirstWhere(ascending, x => x > value);

    private static int FirstAtOrAbove(long[] ascending, long value) => FirstWhere(ascending, x => x >= value);

    private static int FirstWhere(long[] ascending, Func<long, bool> holds)
    {
        int low = 0, high = ascending.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (holds(ascending[middle]))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private static List<(long Start, long End)> JoinedShifts(Inspector inspector)
    {
        var joined = new List<(long Start, long End)>();
        foreach (var shift in inspector.Shifts.OrderBy(x => x.Start))
        {
            var (start, end) = (shift.Start.ToUnixTimeTicks(), shift.End.ToUnixTimeTicks());
            if (joined.Count > 0 && start <= joined[^1].End)
            {
                joined[^1] = (joined[^1].Start, Math.Max(joined[^1].End, end));
            }
            else
            {
                joined.Add((start, end));
            }
        }

        return joined;
    }
}
