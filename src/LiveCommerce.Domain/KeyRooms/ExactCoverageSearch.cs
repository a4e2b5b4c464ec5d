namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// Branch and bound over small instances: each session, in start order, goes to one eligible inspector with
/// room or stays uncovered; a branch is cut when even covering every remaining session would not beat the best
/// plan found. Used only when the heuristic plan falls short of the upper bound, where it either finds a better
/// plan or proves that none exists.
/// </summary>
internal sealed class ExactCoverageSearch
{
    private readonly SchedulingProblem _problem;
    private readonly Roster _best;
    private readonly Roster _work;
    private readonly int _upperBound;
    private readonly int[] _coverableFrom;
    private long _nodes;
    private bool _stopped;

    private ExactCoverageSearch(SchedulingProblem problem, Roster best, int upperBound, long nodeBudget)
    {
        _problem = problem;
        _best = best;
        _work = new Roster(problem);
        _upperBound = upperBound;
        _nodes = nodeBudget;
        _coverableFrom = new int[problem.SessionCount + 1];
        for (var s = problem.SessionCount - 1; s >= 0; s--)
        {
            _coverableFrom[s] = _coverableFrom[s + 1] + (problem.Eligible[s].Length > 0 ? 1 : 0);
        }
    }

    /// <summary>
    /// Replaces <paramref name="best"/> with a plan covering more sessions if one exists. True when the search
    /// finished within <paramref name="nodeBudget"/>, so that <paramref name="best"/> is now proven optimal.
    /// </summary>
    public static bool Run(SchedulingProblem problem, Roster best, int upperBound, long nodeBudget)
    {
        var search = new ExactCoverageSearch(problem, best, upperBound, nodeBudget);
        search.Branch(0);
        return search._nodes >= 0 || best.Covered == upperBound;
    }

    private void Branch(int session)
    {
        if (_stopped)
        {
            return;
        }

        if (--_nodes < 0)
        {
            _stopped = true;
            return;
        }

        if (_work.Covered > _best.Covered)
        {
            _best.CopyFrom(_work);
            _stopped = _best.Covered == _upperBound;
        }

        if (session == _problem.SessionCount || _work.Covered + _coverableFrom[session] <= _best.Covered)
        {
            return;
        }

        // The best plan's choice first: it is usually right, and it finds the incumbent again at once.
        var incumbent = _best.InspectorOf(session);
        if (incumbent >= 0 && _work.Fits(session, incumbent))
        {
            _work.Assign(session, incumbent);
            Branch(session + 1);
            _work.Unassign(session);
        }

        foreach (var inspector in _problem.Eligible[session])
        {
            if (_stopped)
            {
                return;
            }

            if (inspector != incumbent && _work.Fits(session, inspector))
            {
                _work.Assign(session, inspector);
                Branch(session + 1);
                _work.Unassign(session);
            }
        }

        Branch(session + 1);
    }
}
