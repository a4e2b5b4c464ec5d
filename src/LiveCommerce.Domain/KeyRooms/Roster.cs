namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// A mutable assignment of key sessions to inspectors during the search, with the capacity test: an inspector
/// may have at most <c>MaxConcurrentRooms</c> of their sessions overlapping at any instant. Every change is
/// journalled so that a failed search step can be rolled back exactly.
/// </summary>
internal sealed class Roster
{
    private const int Unassigned = -1;

    private readonly SchedulingProblem _problem;
    private readonly int[] _inspectorOf;
    private readonly List<int>[] _sessionsOf;
    private readonly long[] _load;
    private readonly List<(int Session, int Inspector, bool Assigned)> _journal = [];

    // Scratch buffers for the sweep; an inspector rarely has more than a few dozen sessions.
    private long[] _starts = new long[32];
    private long[] _ends = new long[32];
    private long[] _clippedStarts = new long[32];
    private long[] _clippedEnds = new long[32];
    private int[] _overlapping = new int[32];
    private readonly List<(long From, long To)> _fullStretches = [];

    public Roster(SchedulingProblem problem)
    {
        _problem = problem;
        _inspectorOf = new int[problem.SessionCount];
        Array.Fill(_inspectorOf, Unassigned);
        _sessionsOf = new List<int>[problem.InspectorCount];
        for (var i = 0; i < _sessionsOf.Length; i++)
        {
            _sessionsOf[i] = [];
        }

        _load = new long[problem.InspectorCount];
    }

    public int Covered { get; private set; }

    public int InspectorOf(int session) => _inspectorOf[session];

    public bool IsCovered(int session) => _inspectorOf[session] != Unassigned;

    public IReadOnlyList<int> SessionsOf(int inspector) => _sessionsOf[inspector];

    /// <summary>Total ticks of key sessions assigned to the inspector.</summary>
    public long Load(int inspector) => _load[inspector];

    /// <summary>A point to roll back to.</summary>
    public int Checkpoint() => _journal.Count;

    /// <summary>Undoes every change since <paramref name="checkpoint"/>.</summary>
    public void Rollback(int checkpoint)
    {
        for (var k = _journal.Count - 1; k >= checkpoint; k--)
        {
            var (session, inspector, assigned) = _journal[k];
            if (assigned)
            {
                Remove(session);
            }
            else
            {
                Add(session, inspector);
            }
        }

        _journal.RemoveRange(checkpoint, _journal.Count - checkpoint);
    }

    /// <summary>Forgets the journal: what is done now stays done.</summary>
    public void Commit() => _journal.Clear();

    public void Assign(int session, int inspector)
    {
        Add(session, inspector);
        _journal.Add((session, inspector, true));
    }

    public void Unassign(int session)
    {
        _journal.Add((session, _inspectorOf[session], false));
        Remove(session);
    }

    public void CopyFrom(Roster other)
    {
        for (var s = 0; s < _inspectorOf.Length; s++)
        {
            if (IsCovered(s))
            {
                Remove(s);
            }
        }

        for (var s = 0; s < _inspectorOf.Length; s++)
        {
            if (other.IsCovered(s))
            {
                Add(s, other.InspectorOf(s));
            }
        }

        _journal.Clear();
    }

    /// <summary>Whether the inspector can take the session on top of what they have (eligibility is not checked).</summary>
    public bool Fits(int session, int inspector) => FitsAmong(session, _sessionsOf[inspector], _problem.Capacity[inspector]);

    /// <summary>Whether the session fits next to <paramref name="others"/> under <paramref name="capacity"/>.</summary>
    public bool FitsAmong(int session, List<int> others, int capacity)
    {
        if (capacity <= 0)
        {
            return false;
        }

        var count = CollectOverlapping(session, others);
        return count < capacity || MaxOverlap(count) < capacity;
    }

    /// <summary>
    /// The fewest of the inspector's sessions (only those <paramref name="movable"/>) whose removal lets
    /// <paramref name="session"/> fit, at most <paramref name="limit"/>; false when no such set exists. Where the
    /// inspector is full, one removal must run through each full instant: the greedy "take the session reaching
    /// furthest" over the full stretches, left to right, gives a smallest such set.
    /// </summary>
    public bool Displacements(int session, int inspector, Func<int, bool> movable, int limit, List<int> removals)
    {
        removals.Clear();
        var capacity = _problem.Capacity[inspector];
        if (capacity <= 0)
        {
            return false;
        }

        var count = CollectOverlapping(session, _sessionsOf[inspector]);
        if (count < capacity)
        {
            return true;
        }

        FullStretches(count, capacity);
        var stretch = 0;
        var point = long.MinValue;
        while (stretch < _fullStretches.Count)
        {
            var (from, to) = _fullStretches[stretch];
            point = Math.Max(point, from);
            if (point >= to)
            {
                stretch++;
                continue;
            }

            var chosen = -1;
            for (var k = 0; k < count; k++)
            {
                var other = _overlapping[k];
                if (_clippedStarts[k] <= point && _clippedEnds[k] > point && movable(other) && !removals.Contains(other)
                    && (chosen < 0 || _clippedEnds[k] > _clippedEnds[chosen]))
                {
                    chosen = k;
                }
            }

            if (chosen < 0 || removals.Count == limit)
            {
                return false;
            }

            removals.Add(_overlapping[chosen]);
            point = _clippedEnds[chosen];
        }

        return true;
    }

    /// <summary>
    /// The inspector's sessions whose removal alone would let <paramref name="session"/> fit: those running through
    /// every instant where the inspector is full within the session. Empty when one removal is not enough.
    /// </summary>
    public void SingleBlockers(int session, int inspector, List<int> blockers)
    {
        blockers.Clear();
        var count = CollectFullStretches(session, inspector);
        if (_fullStretches.Count == 0)
        {
            return;
        }

        var (first, last) = (_fullStretches[0].From, _fullStretches[^1].To);
        for (var k = 0; k < count; k++)
        {
            if (_clippedStarts[k] <= first && _clippedEnds[k] >= last)
            {
                blockers.Add(_overlapping[k]);
            }
        }
    }

    /// <summary>
    /// The inspector's sessions that hold their capacity where <paramref name="session"/> would need it: those
    /// overlapping an instant inside the session at which the inspector is full. Empty when it fits.
    /// </summary>
    public void CapacityBlockers(int session, int inspector, List<int> blockers)
    {
        blockers.Clear();
        var count = CollectFullStretches(session, inspector);
        for (var k = 0; k < count; k++)
        {
            foreach (var (from, to) in _fullStretches)
            {
                if (_clippedStarts[k] < to && _clippedEnds[k] > from)
                {
                    blockers.Add(_overlapping[k]);
                    break;
                }
            }
        }

        blockers.Sort();
    }

    // Collects the inspector's sessions overlapping the given one (clipped to it) and the stretches where they fill
    // the inspector's capacity (none when it has room throughout); answers how many were collected.
    private int CollectFullStretches(int session, int inspector)
    {
        _fullStretches.Clear();
        var capacity = _problem.Capacity[inspector];
        var count = CollectOverlapping(session, _sessionsOf[inspector]);
        if (capacity > 0 && count >= capacity)
        {
            FullStretches(count, capacity);
        }

        return count;
    }

    private void Add(int session, int inspector)
    {
        _inspectorOf[session] = inspector;
        _sessionsOf[inspector].Add(session);
        _load[inspector] += _problem.Duration(session);
        Covered++;
    }

    private void Remove(int session)
    {
        var inspector = _inspectorOf[session];
        _inspectorOf[session] = Unassigned;
        _sessionsOf[inspector].Remove(session);
        _load[inspector] -= _problem.Duration(session);
        Covered--;
    }

    // Puts the sessions overlapping the given one, clipped to it, into the scratch buffers (twice: the sweep
    // sorts one copy, the displacement search needs the other in step with the session ids).
    private int CollectOverlapping(int session, List<int> sessions)
    {
        var start = _problem.Start[session];
        var end = _problem.End[session];
        if (_starts.Length < sessions.Count)
        {
            var size = sessions.Count * 2;
            (_starts, _ends, _clippedStarts, _clippedEnds, _overlapping) =
                (new long[size], new long[size], new long[size], new long[size], new int[size]);
        }

        var count = 0;
        for (var k = 0; k < sessions.Count; k++)
        {
            var other = sessions[k];
            if (_problem.Start[other] < end && _problem.End[other] > start)
            {
                _starts[count] = _clippedStarts[count] = Math.Max(_problem.Start[other], start);
                _ends[count] = _clippedEnds[count] = Math.Min(_problem.End[other], end);
                _overlapping[count] = other;
                count++;
            }
        }

        return count;
    }

    // Largest number of the collected intervals open at one instant. Half-open: an end at t comes before a
    // start at t.
    private int MaxOverlap(int count)
    {
        Array.Sort(_starts, 0, count);
        Array.Sort(_ends, 0, count);
        int open = 0, max = 0, a = 0, b = 0;
        while (a < count)
        {
            if (_starts[a] < _ends[b])
            {
                max = Math.Max(max, ++open);
                a++;
            }
            else
            {
                open--;
                b++;
            }
        }

        return max;
    }

    // The stretches where the collected intervals number at least the capacity, in time order.
    private void FullStretches(int count, int capacity)
    {
        _fullStretches.Clear();
        Array.Sort(_starts, 0, count);
        Array.Sort(_ends, 0, count);
        int open = 0, a = 0, b = 0;
        long from = 0;
        while (b < count)
        {
            if (a < count && _starts[a] < _ends[b])
            {
                if (++open == capacity)
                {
                    from = _starts[a];
                }

                a++;
            }
            else
            {
                if (open-- == capacity)
                {
                    _fullStretches.Add((from, _ends[b]));
                }

                b++;
            }
        }
    }
}
