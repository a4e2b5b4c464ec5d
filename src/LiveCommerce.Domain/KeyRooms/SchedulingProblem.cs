namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// A request turned into indexed arrays for the search: key sessions sorted by (start, end, id), inspectors by id,
/// times as ticks, and for every session the inspectors eligible for it (skill, and one shift spanning the session).
/// Sorting by ids is what makes the plan independent of the order of the request.
/// </summary>
internal sealed class SchedulingProblem
{
    public SchedulingProblem(ScheduleRequest request)
    {
        Sessions = request.Sessions
            .Where(s => s.Tier == Tier.Key)
            .OrderBy(s => s.Start)
            .ThenBy(s => s.End)
            .ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToArray();
        Inspectors = request.Inspectors.OrderBy(i => i.InspectorId, StringComparer.Ordinal).ToArray();

        var n = Sessions.Length;
        Start = new long[n];
        End = new long[n];
        SessionIndex = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (var s = 0; s < n; s++)
        {
            Start[s] = Sessions[s].Start.ToUnixTimeTicks();
            End[s] = Sessions[s].End.ToUnixTimeTicks();
            SessionIndex[Sessions[s].SessionId] = s;
        }

        var m = Inspectors.Length;
        Capacity = new int[m];
        InspectorIndex = new Dictionary<string, int>(m, StringComparer.Ordinal);
        var shiftStarts = new long[m][];
        var shiftEnds = new long[m][];
        var skilled = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < m; i++)
        {
            var inspector = Inspectors[i];
            Capacity[i] = inspector.MaxConcurrentRooms;
            InspectorIndex[inspector.InspectorId] = i;
            shiftStarts[i] = inspector.Shifts.Select(x => x.Start.ToUnixTimeTicks()).ToArray();
            shiftEnds[i] = inspector.Shifts.Select(x => x.End.ToUnixTimeTicks()).ToArray();
            foreach (var skill in inspector.Skills.Distinct(StringComparer.Ordinal))
            {
                if (!skilled.TryGetValue(skill, out var list))
                {
                    skilled[skill] = list = [];
                }

                list.Add(i);
            }
        }

        Eligible = new int[n][];
        IneligibleReason = new string?[n];
        var eligible = new List<int>();
        for (var s = 0; s < n; s++)
        {
            eligible.Clear();
            if (!skilled.TryGetValue(Sessions[s].Category, out var candidates))
            {
                IneligibleReason[s] = KeyRoomReasonCodes.NoSkilledInspector;
                Eligible[s] = [];
                continue;
            }

            foreach (var i in candidates)
            {
                if (OneShiftSpans(shiftStarts[i], shiftEnds[i], Start[s], End[s]))
                {
                    eligible.Add(i);
                }
            }

            Eligible[s] = eligible.ToArray();
            IneligibleReason[s] = Eligible[s].Length == 0 ? KeyRoomReasonCodes.NoShiftCoversSession : null;
        }

        var eligibleSessions = new List<int>[m];
        for (var i = 0; i < m; i++)
        {
            eligibleSessions[i] = [];
        }

        for (var s = 0; s < n; s++)
        {
            foreach (var i in Eligible[s])
            {
                eligibleSessions[i].Add(s);
            }
        }

        EligibleSessions = eligibleSessions.Select(list => list.ToArray()).ToArray();
    }

    /// <summary>Key sessions in (start, end, id) order; an index into this array is a session's id in the search.</summary>
    public LiveSession[] Sessions { get; }

    /// <summary>Inspectors in id order.</summary>
    public Inspector[] Inspectors { get; }

    public long[] Start { get; }

    public long[] End { get; }

    public int[] Capacity { get; }

    /// <summary>For each session, the inspectors (ascending) with its category as a skill and one shift spanning it.</summary>
    public int[][] Eligible { get; }

    /// <summary>For each inspector, the sessions (ascending) they are eligible for.</summary>
    public int[][] EligibleSessions { get; }

    /// <summary>For a session nobody is eligible for, why (no skill at all, or no shift); null otherwise.</summary>
    public string?[] IneligibleReason { get; }

    public Dictionary<string, int> SessionIndex { get; }

    public Dictionary<string, int> InspectorIndex { get; }

    public int SessionCount => Sessions.Length;

    public int InspectorCount => Inspectors.Length;

    public long Duration(int session) => End[session] - Start[session];

    public bool IsEligible(int session, int inspector) => Array.BinarySearch(Eligible[session], inspector) >= 0;

    // A session starting before a shift, or ending after it, is not covered by that shift: the inspector
    // must be on duty for the whole session, and two shifts are two separate stints even when they touch.
    private static bool OneShiftSpans(long[] starts, long[] ends, long start, long end)
    {
        for (var k = 0; k < starts.Length; k++)
        {
            if (starts[k] <= start && end <= ends[k])
            {
                return true;
            }
        }

        return false;
    }
}
