namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// An upper bound on how many key sessions any plan can cover, from a flow relaxation.
/// <para>
/// At any instant t the covered sessions live at t have distinct-enough inspectors: each is eligible for its
/// inspector, and no inspector holds more than its capacity. That is a b-matching from the live sessions to the
/// inspectors, so at least d(t) = live(t) − maxflow(t) live sessions are uncovered at t. A plan's uncovered set U
/// must therefore meet |U ∩ live(t)| ≥ d(t) at every instant. Each session is an interval of instants, so the
/// fewest sessions meeting all these demands is an interval multicover, which the greedy "take the live session
/// that runs longest" solves exactly. The bound is the number of key sessions minus that minimum.
/// </para>
/// <para>
/// The sweep keeps the maximum b-matching up to date: a starting session gets one augmenting search from itself,
/// and an ending matched session one reverse search from the inspector it freed; no other augmenting path can
/// appear (Berge), so the matching stays maximum and d(t) is exact at every event.
/// </para>
/// </summary>
internal sealed class CoverageUpperBound
{
    private const int None = -1;

    private readonly SchedulingProblem _problem;
    private readonly int[] _edgeOffset;       // edges of session s are [_edgeOffset[s], _edgeOffset[s+1])
    private readonly int[] _edgeInspector;
    private readonly int[] _edgeSession;
    private readonly int[] _matchedTo;        // inspector of a matched live session, or None
    private readonly int[] _residual;         // free capacity per inspector
    private readonly List<int>[] _matchedOf;  // live sessions matched to each inspector
    private readonly List<int>[] _liveEdgesOf; // edges of live sessions, per inspector (reverse search)
    private readonly int[] _liveEdgePosition;
    private readonly int[] _matchedPosition;
    private readonly bool[] _live;

    // Search state, reset by stamping rather than clearing.
    private readonly int[] _sessionSeen;
    private readonly int[] _inspectorSeen;
    private readonly int[] _parentSession;     // the session through which the search reached an inspector
    private readonly int[] _parentInspector;   // the inspector through which the reverse search reached a session
    private readonly Queue<int> _queue = new();
    private int _stamp;
    private int _unmatchedLive;

    private CoverageUpperBound(SchedulingProblem problem)
    {
        _problem = problem;
        var n = problem.SessionCount;
        var m = problem.InspectorCount;
        _edgeOffset = new int[n + 1];
        for (var s = 0; s < n; s++)
        {
            _edgeOffset[s + 1] = _edgeOffset[s] + problem.Eligible[s].Length;
        }

        _edgeInspector = new int[_edgeOffset[n]];
        _edgeSession = new int[_edgeOffset[n]];
        for (var s = 0; s < n; s++)
        {
            problem.Eligible[s].CopyTo(_edgeInspector, _edgeOffset[s]);
            Array.Fill(_edgeSession, s, _edgeOffset[s], problem.Eligible[s].Length);
        }

        _matchedTo = new int[n];
        Array.Fill(_matchedTo, None);
        _residual = (int[])problem.Capacity.Clone();
        _matchedOf = new List<int>[m];
        _liveEdgesOf = new List<int>[m];
        for (var i = 0; i < m; i++)
        {
            _matchedOf[i] = [];
            _liveEdgesOf[i] = [];
        }

        _liveEdgePosition = new int[_edgeInspector.Length];
        _matchedPosition = new int[n];
        _live = new bool[n];
        _sessionSeen = new int[n];
        _inspectorSeen = new int[m];
        _parentSession = new int[m];
        _parentInspector = new int[n];
    }

    /// <summary>The most key sessions any plan can cover.</summary>
    public static int Compute(SchedulingProblem problem) => new CoverageUpperBound(problem).Sweep();

    private int Sweep()
    {
        var n = _problem.SessionCount;
        var byEnd = Enumerable.Range(0, n).ToArray();
        Array.Sort(byEnd, (a, b) => _problem.End[a].CompareTo(_problem.End[b]) is var c && c != 0 ? c : a.CompareTo(b));

        // Live sessions not (yet) in the cover, longest-running first; stale entries are skipped when popped.
        var candidates = new PriorityQueue<int, (long NegEnd, int Index)>();
        var inCover = new bool[n];
        var coverLive = 0;
        var cover = 0;

        int nextStart = 0, nextEnd = 0;
        while (nextStart < n || nextEnd < n)
        {
            // Sessions end after they start, so while one is still to start, one is still to end.
            var now = nextStart < n
                ? Math.Min(_problem.Start[nextStart], _problem.End[byEnd[nextEnd]])
                : _problem.End[byEnd[nextEnd]];
            while (nextEnd < n && _problem.End[byEnd[nextEnd]] <= now)
            {
                var s = byEnd[nextEnd++];
                if (_problem.Eligible[s].Length == 0)
                {
                    continue;
                }

                End(s);
                if (inCover[s])
                {
                    coverLive--;
                }
            }

            while (nextStart < n && _problem.Start[nextStart] == now)
            {
                var s = nextStart++;
                if (_problem.Eligible[s].Length == 0)
                {
                    cover++; // Nobody can ever take it: it is in every plan's uncovered set.
                    continue;
                }

                Begin(s);
                candidates.Enqueue(s, (-_problem.End[s], s));
            }

            // Demand at this instant: the unmatched live sessions. Meet it with the live sessions that run longest.
            while (coverLive < _unmatchedLive)
            {
                var s = candidates.Dequeue();
                if (!_live[s] || inCover[s])
                {
                    continue;
                }

                inCover[s] = true;
                coverLive++;
                cover++;
            }
        }

        return n - cover;
    }

    private void Begin(int session)
    {
        _live[session] = true;
        for (var e = _edgeOffset[session]; e < _edgeOffset[session + 1]; e++)
        {
            var list = _liveEdgesOf[_edgeInspector[e]];
            _liveEdgePosition[e] = list.Count;
            list.Add(e);
        }

        _unmatchedLive++;
        AugmentFrom(session);
    }

    private void End(int session)
    {
        _live[session] = false;
        for (var e = _edgeOffset[session]; e < _edgeOffset[session + 1]; e++)
        {
            var list = _liveEdgesOf[_edgeInspector[e]];
            var position = _liveEdgePosition[e];
            var last = list[^1];
            list[position] = last;
            _liveEdgePosition[last] = position;
            list.RemoveAt(list.Count - 1);
        }

        var inspector = _matchedTo[session];
        if (inspector == None)
        {
            _unmatchedLive--;
            return;
        }

        Unmatch(session);
        _unmatchedLive--; // Unmatch counted it as waiting, but it has left.
        if (_unmatchedLive > 0)
        {
            AugmentTo(inspector);
        }
    }

    // Breadth-first search for an alternating path from an unmatched session to an inspector with free capacity.
    private void AugmentFrom(int session)
    {
        _stamp++;
        _queue.Clear();
        _queue.Enqueue(session);
        _sessionSeen[session] = _stamp;
        while (_queue.Count > 0)
        {
            var s = _queue.Dequeue();
            for (var e = _edgeOffset[s]; e < _edgeOffset[s + 1]; e++)
            {
                var i = _edgeInspector[e];
                if (_inspectorSeen[i] == _stamp)
                {
                    continue;
                }

                _inspectorSeen[i] = _stamp;
                _parentSession[i] = s;
                if (_residual[i] > 0)
                {
                    // Walk back: each session on the path moves to the inspector that reached it.
                    var inspector = i;
                    while (true)
                    {
                        var moving = _parentSession[inspector];
                        var previous = _matchedTo[moving];
                        if (previous != None)
                        {
                            Unmatch(moving);
                        }

                        Match(moving, inspector);
                        if (moving == session)
                        {
                            return;
                        }

                        inspector = previous;
                    }
                }

                foreach (var other in _matchedOf[i])
                {
                    if (_sessionSeen[other] != _stamp)
                    {
                        _sessionSeen[other] = _stamp;
                        _queue.Enqueue(other);
                    }
                }
            }
        }
    }

    // Reverse search from an inspector with free capacity to an unmatched live session.
    private void AugmentTo(int inspector)
    {
        _stamp++;
        _queue.Clear();
        _queue.Enqueue(inspector);
        _inspectorSeen[inspector] = _stamp;
        while (_queue.Count > 0)
        {
            var i = _queue.Dequeue();
            foreach (var e in _liveEdgesOf[i])
            {
                var s = _edgeSession[e];
                if (_sessionSeen[s] == _stamp)
                {
                    continue;
                }

                _sessionSeen[s] = _stamp;
                _parentInspector[s] = i;
                var holder = _matchedTo[s];
                if (holder == None)
                {
                    // Walk back: each session on the path moves to the inspector it was reached from.
                    var moving = s;
                    while (true)
                    {
                        var target = _parentInspector[moving];
                        var previous = _matchedTo[moving];
                        if (previous != None)
                        {
                            Unmatch(moving);
                        }

                        Match(moving, target);
                        if (target == inspector)
                        {
                            return;
                        }

                        moving = _parentSession[target];
                    }
                }

                if (_inspectorSeen[holder] != _stamp)
                {
                    _inspectorSeen[holder] = _stamp;
                    _parentSession[holder] = s;
                    _queue.Enqueue(holder);
                }
            }
        }
    }

    private void Match(int session, int inspector)
    {
        if (_matchedTo[session] == None)
        {
            _unmatchedLive--;
        }

        _matchedTo[session] = inspector;
        _residual[inspector]--;
        _matchedPosition[session] = _matchedOf[inspector].Count;
        _matchedOf[inspector].Add(session);
    }

    private void Unmatch(int session)
    {
        var inspector = _matchedTo[session];
        var list = _matchedOf[inspector];
        var position = _matchedPosition[session];
        var last = list[^1];
        list[position] = last;
        _matchedPosition[last] = position;
        list.RemoveAt(list.Count - 1);
        _matchedTo[session] = None;
        _residual[inspector]++;
        _unmatchedLive++;
    }
}
