namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// Finds a plan covering as many key sessions as it can. Greedy by start time is not optimal once inspectors have
/// different skills and shifts, so the greedy pass is followed by augmenting paths: an uncovered session goes to an
/// inspector by displacing one or a few of their sessions, each of which moves on to another eligible inspector,
/// and so on until every displaced session has found room. Every limit is a count of steps, never a clock, so the
/// same request always gives the same plan.
/// </summary>
internal sealed class CoverageSearch
{
    private const int MaxChainLength = 10;
    private const int MaxDisplacedAtOnce = 3;

    private readonly SchedulingProblem _problem;
    private readonly Roster _roster;
    private readonly int[] _seen;
    private readonly List<int>[] _displaced;
    private readonly Func<int, bool> _movable;
    private readonly bool[] _neverDrop;
    private readonly List<int> _pool = [];
    private readonly List<int> _chosen = [];
    private int _stamp;
    private long _steps;

    private CoverageSearch(SchedulingProblem problem, Roster roster, long stepBudget, bool[]? neverDrop)
    {
        _neverDrop = neverDrop ?? new bool[problem.SessionCount];
        _problem = problem;
        _roster = roster;
        _seen = new int[problem.SessionCount];
        _displaced = new List<int>[MaxChainLength + 1];
        for (var k = 0; k < _displaced.Length; k++)
        {
            _displaced[k] = [];
        }

        _movable = s => _seen[s] != _stamp;
        _steps = stepBudget;
    }

    /// <summary>
    /// Covers what it can of the sessions not yet in <paramref name="roster"/>, stopping early once
    /// <paramref name="upperBound"/> is reached. Sessions marked in <paramref name="neverDrop"/> may move to another
    /// inspector but stay covered.
    /// </summary>
    public static void Run(
        SchedulingProblem problem, Roster roster, int upperBound, bool improve, long stepBudget, bool[]? neverDrop = null)
    {
        var search = new CoverageSearch(problem, roster, stepBudget, neverDrop);
        search.Greedy(improve, upperBound);
        if (improve)
        {
            search.Improve(upperBound);
        }

        roster.Commit();
    }

    // Sessions in start order, each to the best-fitting inspector with room. When none has room, try an
    // augmenting chain, else swap out a session that ends later on an eligible inspector: with equal count,
    // the plan that frees inspectors sooner leaves more room for later sessions (optimal when inspectors are
    // interchangeable, a good rule when they are not).
    private void Greedy(bool improve, int upperBound)
    {
        for (var s = 0; s < _problem.SessionCount; s++)
        {
            if (_roster.IsCovered(s) || _problem.Eligible[s].Length == 0)
            {
                continue;
            }

            var best = BestFitting(s);
            if (best >= 0)
            {
                _roster.Assign(s, best);
            }
            else if (improve && _roster.Covered < upperBound && !TryAugment(s))
            {
                SwapOutLongerSession(s);
            }

            _roster.Commit();
        }
    }

    private void Improve(int upperBound)
    {
        var improved = true;
        while (improved && _roster.Covered < upperBound && _steps > 0)
        {
            improved = false;
            for (var s = 0; s < _problem.SessionCount && _roster.Covered < upperBound && _steps > 0; s++)
            {
                if (!_roster.IsCovered(s) && _problem.Eligible[s].Length > 0 && TryAugment(s))
                {
                    improved = true;
                }
            }

            for (var i = 0; i < _problem.InspectorCount && _roster.Covered < upperBound && _steps > 0; i++)
            {
                improved |= Reselect(i);
            }

            _roster.Commit();
        }
    }

    private bool TryAugment(int session)
    {
        _stamp++;
        _seen[session] = _stamp;
        return TryPlace(session, 0);
    }

    // Depth-first: first an eligible inspector with room; then each single displacement; then the smallest set of
    // displacements, all of which must find room. A session displaced once in an attempt is not displaced again
    // (as in Kuhn's matching algorithm), which bounds the attempt by the number of sessions.
    private bool TryPlace(int session, int depth)
    {
        // A step is one look at an eligible inspector, so the budget tracks the work done.
        _steps -= 1 + _problem.Eligible[session].Length;
        if (_steps < 0)
        {
            return false;
        }

        var best = BestFitting(session);
        if (best >= 0)
        {
            _roster.Assign(session, best);
            return true;
        }

        if (depth == MaxChainLength)
        {
            return false;
        }

        var displaced = _displaced[depth];
        foreach (var inspector in _problem.Eligible[session])
        {
            _roster.SingleBlockers(session, inspector, displaced);
            for (var k = 0; k < displaced.Count; k++)
            {
                if (_movable(displaced[k]) && TryDisplacing(session, inspector, displaced[k], depth))
                {
                    return true;
                }
            }
        }

        foreach (var inspector in _problem.Eligible[session])
        {
            if (_roster.Displacements(session, inspector, _movable, MaxDisplacedAtOnce, displaced)
                && displaced.Count > 1
                && TryDisplacing(session, inspector, displaced, depth))
            {
                return true;
            }
        }

        return false;
    }

    private bool TryDisplacing(int session, int inspector, int displaced, int depth)
    {
        var checkpoint = _roster.Checkpoint();
        _seen[displaced] = _stamp;
        _roster.Unassign(displaced);
        _roster.Assign(session, inspector);
        if (TryPlace(displaced, depth + 1))
        {
            return true;
        }

        _roster.Rollback(checkpoint);
        return false;
    }

    private bool TryDisplacing(int session, int inspector, List<int> displaced, int depth)
    {
        var checkpoint = _roster.Checkpoint();
        var moving = displaced.ToArray();
        foreach (var other in moving)
        {
            _seen[other] = _stamp;
            _roster.Unassign(other);
        }

        _roster.Assign(session, inspector);
        foreach (var other in moving)
        {
            if (!TryPlace(other, depth + 1))
            {
                _roster.Rollback(checkpoint);
                return false;
            }
        }

        return true;
    }

    private void SwapOutLongerSession(int session)
    {
        int chosenInspector = -1, chosenSession = -1;
        var blockers = _displaced[0];
        foreach (var inspector in _problem.Eligible[session])
        {
            _roster.SingleBlockers(session, inspector, blockers);
            foreach (var other in blockers)
            {
                if (_problem.End[other] > _problem.End[session] && !_neverDrop[other]
                    && (chosenSession < 0 || _problem.End[other] > _problem.End[chosenSession]))
                {
                    chosenSession = other;
                    chosenInspector = inspector;
                }
            }
        }

        if (chosenSession >= 0)
        {
            _roster.Unassign(chosenSession);
            _roster.Assign(session, chosenInspector);
        }
    }

    // Re-chooses one inspector's sessions among their own and the uncovered ones they are eligible for, by the
    // earliest-end greedy, which is optimal for one inspector (max k-colourable subgraph of an interval graph).
    // Applied only when it covers more: it may drop one long session for two short ones.
    private bool Reselect(int inspector)
    {
        _pool.Clear();
        _pool.AddRange(_roster.SessionsOf(inspector));
        var own = _pool.Count;
        foreach (var s in _problem.EligibleSessions[inspector])
        {
            if (!_roster.IsCovered(s))
            {
                _pool.Add(s);
            }
        }

        if (_pool.Count == own)
        {
            return false;
        }

        _steps -= _pool.Count;
        _pool.Sort((a, b) => _problem.End[a] != _problem.End[b]
            ? _problem.End[a].CompareTo(_problem.End[b])
            : _problem.Start[b] != _problem.Start[a] ? _problem.Start[b].CompareTo(_problem.Start[a]) : a.CompareTo(b));
        _chosen.Clear();
        var capacity = _problem.Capacity[inspector];
        foreach (var s in _pool)
        {
            if (_roster.FitsAmong(s, _chosen, capacity))
            {
                _chosen.Add(s);
            }
        }

        if (_chosen.Count <= own || _roster.SessionsOf(inspector).Any(s => _neverDrop[s] && !_chosen.Contains(s)))
        {
            return false;
        }

        foreach (var s in _roster.SessionsOf(inspector).ToArray())
        {
            if (!_chosen.Contains(s))
            {
                _roster.Unassign(s);
            }
        }

        foreach (var s in _chosen)
        {
            if (!_roster.IsCovered(s))
            {
                _roster.Assign(s, inspector);
            }
        }

        return true;
    }

    // Best fit: the eligible inspector with room and the least load so far, ties to the lowest id.
    private int BestFitting(int session)
    {
        var best = -1;
        foreach (var inspector in _problem.Eligible[session])
        {
            if ((best < 0 || _roster.Load(inspector) < _roster.Load(best)) && _roster.Fits(session, inspector))
            {
                best = inspector;
            }
        }

        return best;
    }
}
