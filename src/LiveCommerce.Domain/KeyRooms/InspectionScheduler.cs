using System.Globalization;

namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// Plans dedicated inspectors for key sessions (2021 Measures art. 11: "dedicated staff for real-time patrol" of
/// key rooms; Order 117 art. 11) and checks the NRTA 1:50 reviewer ratio.
/// <para>
/// Rules: a key session needs one inspector for its whole duration, who has the session's category as a skill, is
/// on one shift from the session's start to its end, and never holds more than <c>MaxConcurrentRooms</c>
/// overlapping sessions. The plan covers as many key sessions as it can (<see cref="CoverageSearch"/>), reports the
/// flow bound no plan can beat (<see cref="CoverageUpperBound"/>), then spreads load (<see cref="LoadBalancer"/>).
/// </para>
/// </summary>
public static class InspectionScheduler
{
    /// <summary>Inspector look-ups the augmenting search may make: a count, not a clock, so plans are reproducible.</summary>
    internal const long SearchStepBudget = 5_000_000;

    /// <summary>Instances this small get an exhaustive search when the heuristic misses the bound.</summary>
    internal const int ExactSearchMaxSessions = 30;

    internal const long ExactSearchNodeBudget = 200_000;

    internal const long BalanceStepBudget = 5_000_000;

    /// <summary>Plans a valid request (see <see cref="ScheduleRequest.Validate"/>; an invalid one throws).</summary>
    public static SchedulePlan Plan(ScheduleRequest request) => Plan(request, ExactSolverSettings.Default);

    /// <summary>
    /// Plans a valid request: the fast path first; where it does not reach its bound, CP-SAT solves the day exactly
    /// (within <paramref name="settings"/>) and the better plan is kept.
    /// </summary>
    public static SchedulePlan Plan(ScheduleRequest request, ExactSolverSettings settings) => Plan(request, improve: true, settings);

    /// <summary>With <paramref name="improve"/> false, the greedy pass without any search: the baseline the search beats.</summary>
    internal static SchedulePlan Plan(ScheduleRequest request, bool improve, ExactSolverSettings? settings = null)
    {
        var problem = Prepare(request);
        var flowBound = CoverageUpperBound.Compute(problem);
        var roster = new Roster(problem);
        var proven = Search(problem, roster, flowBound, improve);
        var outcome = improve
            ? Exact(problem, roster, flowBound, proven, needed: !proven, settings ?? ExactSolverSettings.Default)
            : new Outcome(Math.Max(flowBound, roster.Covered), proven, new PlanSolver(PlanSolver.Fast, PlanSolver.Disabled, 0, roster.Covered, flowBound, 0));
        LoadBalancer.Balance(problem, roster, new bool[problem.SessionCount], BalanceStepBudget);
        var assignments = Assignments(problem, roster, s => Explain(problem, roster, s));
        return new SchedulePlan(assignments, Coverage(request, problem, roster, outcome));
    }

    /// <summary>
    /// Plans again after the request changed (a key session added, an inspector gone): every previous assignment
    /// that is still valid stays, unless moving it to another inspector lets one more key session be covered, and it
    /// is never uncovered to make room (patrol under way is not interrupted, so a replan may cover fewer than a fresh
    /// plan); the rest is planned as usual, and <see cref="SchedulePlan.Changes"/> says what moved.
    /// </summary>
    public static SchedulePlan Replan(ScheduleRequest request, SchedulePlan previous) =>
        Replan(request, previous, ExactSolverSettings.Default);

    /// <summary>
    /// <see cref="Replan(ScheduleRequest, SchedulePlan)"/> with the exact solver's settings: where the fast replan
    /// misses its bound or moves a kept session, CP-SAT maximises coverage (kept sessions staying covered) and then
    /// minimises moves.
    /// </summary>
    public static SchedulePlan Replan(ScheduleRequest request, SchedulePlan previous, ExactSolverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(settings);
        var problem = Prepare(request);
        var bound = CoverageUpperBound.Compute(problem);
        var roster = new Roster(problem);

        var before = new string?[problem.SessionCount];
        var released = new List<string>();
        foreach (var assignment in previous.Assignments)
        {
            if (problem.SessionIndex.TryGetValue(assignment.SessionId, out var s))
            {
                before[s] = assignment.InspectorId;
            }
            else
            {
                released.Add(assignment.SessionId);
            }
        }

        // Keep in start order, so that if an inspector's capacity shrank, the earlier sessions keep them.
        var keptAtFirst = new bool[problem.SessionCount];
        for (var s = 0; s < problem.SessionCount; s++)
        {
            if (before[s] is { } id
                && problem.InspectorIndex.TryGetValue(id, out var inspector)
                && problem.IsEligible(s, inspector)
                && roster.Fits(s, inspector))
            {
                roster.Assign(s, inspector);
                keptAtFirst[s] = true;
            }
        }

        Search(problem, roster, bound, improve: true, neverDrop: keptAtFirst);
        var previousInspector = new int[problem.SessionCount];
        var moved = false;
        for (var s = 0; s < problem.SessionCount; s++)
        {
            previousInspector[s] = before[s] is { } id && problem.InspectorIndex.TryGetValue(id, out var inspector)
                && problem.IsEligible(s, inspector) ? inspector : -1;
            moved |= keptAtFirst[s] && roster.InspectorOf(s) != previousInspector[s];
        }

        // The fast replan is optimal when it reaches the bound without moving a kept session; otherwise CP-SAT
        // decides, coverage first (kept sessions staying covered), then moves.
        var outcome = Exact(
            problem, roster, bound, proven: false, needed: roster.Covered < bound || moved, settings, keptAtFirst, previousInspector);
        var stays = new bool[problem.SessionCount];
        for (var s = 0; s < problem.SessionCount; s++)
        {
            stays[s] = keptAtFirst[s] && roster.IsCovered(s) && problem.Inspectors[roster.InspectorOf(s)].InspectorId == before[s];
        }

        LoadBalancer.Balance(problem, roster, stays, BalanceStepBudget);

        var kept = new List<string>();
        var reassigned = new List<SessionMove>();
        var newlyCovered = new List<string>();
        var newlyUncovered = new List<UncoveredSession>();
        for (var s = 0; s < problem.SessionCount; s++)
        {
            var id = problem.Sessions[s].SessionId;
            var now = roster.IsCovered(s) ? problem.Inspectors[roster.InspectorOf(s)].InspectorId : null;
            if (before[s] is null)
            {
                if (now is not null)
                {
                    newlyCovered.Add(id);
                }
            }
            else if (now is null)
            {
                newlyUncovered.Add(Uncovered(problem, roster, s));
            }
            else if (now == before[s])
            {
                kept.Add(id);
            }
            else
            {
                reassigned.Add(new SessionMove(id, before[s]!, now));
            }
        }

        var assignments = Assignments(problem, roster, s =>
        {
            var now = problem.Inspectors[roster.InspectorOf(s)].InspectorId;
            if (before[s] is not { } was)
            {
                return Explain(problem, roster, s);
            }

            if (was == now)
            {
                return "kept from the previous plan: still skilled, on shift and within capacity";
            }

            return $"reassigned from {was}, {WhyMoved(problem, s, was, keptAtFirst[s])}; {Explain(problem, roster, s)}";
        });
        released.Sort(StringComparer.Ordinal);
        var changes = new PlanChanges(kept, reassigned, newlyCovered, newlyUncovered, released);
        return new SchedulePlan(assignments, Coverage(request, problem, roster, outcome), changes);
    }

    private static SchedulingProblem Prepare(ScheduleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = request.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "invalid schedule request: " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")),
                nameof(request));
        }

        return new SchedulingProblem(request);
    }

    // Heuristic search, then (small instances only) exhaustive search when the bound was not reached.
    // A replan passes the sessions it kept: they may move, but are never given up for others, so the exhaustive
    // search (which could trade them) is left to fresh plans.
    private static bool Search(SchedulingProblem problem, Roster roster, int bound, bool improve, bool[]? neverDrop = null)
    {
        CoverageSearch.Run(problem, roster, bound, improve, SearchStepBudget, neverDrop);
        if (roster.Covered == bound)
        {
            return true;
        }

        return improve
            && neverDrop is null
            && problem.SessionCount <= ExactSearchMaxSessions
            && ExactCoverageSearch.Run(problem, roster, bound, ExactSearchNodeBudget);
    }

    private static List<Assignment> Assignments(SchedulingProblem problem, Roster roster, Func<int, string> explain)
    {
        var assignments = new List<Assignment>(roster.Covered);
        for (var s = 0; s < problem.SessionCount; s++)
        {
            if (roster.IsCovered(s))
            {
                var session = problem.Sessions[s];
                var inspector = problem.Inspectors[roster.InspectorOf(s)];
                assignments.Add(new Assignment(session.SessionId, inspector.InspectorId, session.Start, session.End, explain(s)));
            }
        }

        return assignments;
    }

    // Runs CP-SAT when needed and allowed, and settles the plan's bound and optimality.
    private static Outcome Exact(
        SchedulingProblem problem,
        Roster roster,
        int flowBound,
        bool proven,
        bool needed,
        ExactSolverSettings settings,
        bool[]? mustCover = null,
        int[]? previous = null)
    {
        var fastCovered = roster.Covered;
        if (!needed)
        {
            var bound = proven ? fastCovered : flowBound;
            return new Outcome(bound, fastCovered == bound, new PlanSolver(PlanSolver.Fast, PlanSolver.NotNeeded, 0, fastCovered, flowBound, 0));
        }

        if (!settings.Enabled)
        {
            return new Outcome(flowBound, false, new PlanSolver(PlanSolver.Fast, PlanSolver.Disabled, 0, fastCovered, flowBound, 0));
        }

        var result = CpSatCoverage.Solve(problem, roster, settings, mustCover, previous);
        var upperBound = result.CoverageBound >= 0 ? Math.Min(flowBound, result.CoverageBound) : flowBound;
        var path = result.Replaced ? PlanSolver.CpSat : PlanSolver.Fast;
        var solver = new PlanSolver(path, result.Status, result.WallMilliseconds, fastCovered, flowBound, result.DeterministicTime);

        // A replan's optimum may lie below the flow bound (kept sessions stay covered): only CP-SAT proves it then.
        var optimal = result.Optimal || (previous is null && roster.Covered == upperBound);
        return new Outcome(optimal ? roster.Covered : Math.Max(upperBound, roster.Covered), optimal, solver);
    }

    private static Coverage Coverage(ScheduleRequest request, SchedulingProblem problem, Roster roster, Outcome outcome)
    {
        var uncovered = new List<UncoveredSession>();
        for (var s = 0; s < problem.SessionCount; s++)
        {
            if (!roster.IsCovered(s))
            {
                uncovered.Add(Uncovered(problem, roster, s));
            }
        }

        return new Coverage(
            problem.SessionCount, roster.Covered, outcome.UpperBound, outcome.Optimal, uncovered, AuditorRatio.Violations(request), outcome.Solver);
    }

    // First that applies: nobody has the skill; nobody skilled is on one shift spanning it; all those are full, and
    // then which of their sessions fill them.
    private static UncoveredSession Uncovered(SchedulingProblem problem, Roster roster, int session)
    {
        var id = problem.Sessions[session].SessionId;
        if (problem.IneligibleReason[session] is { } reason)
        {
            return new UncoveredSession(id, reason);
        }

        var holders = new List<CapacityHolder>();
        var blockers = new List<int>();
        foreach (var inspector in problem.Eligible[session])
        {
            roster.CapacityBlockers(session, inspector, blockers);
            if (blockers.Count > 0)
            {
                holders.Add(new CapacityHolder(problem.Inspectors[inspector].InspectorId, [.. blockers.Select(b => problem.Sessions[b].SessionId)]));
            }
        }

        return new UncoveredSession(id, KeyRoomReasonCodes.NoCapacity, holders);
    }

    private static string Explain(SchedulingProblem problem, Roster roster, int session)
    {
        var inspector = roster.InspectorOf(session);
        var eligible = problem.Eligible[session].Length;
        var category = problem.Sessions[session].Category;
        if (eligible == 1)
        {
            return $"only inspector skilled in {category} on shift for the whole session";
        }

        var alternatives = 0;
        var lighterAlternative = false;
        var ownLoad = roster.Load(inspector) - problem.Duration(session);
        foreach (var other in problem.Eligible[session])
        {
            if (other != inspector && roster.Fits(session, other))
            {
                alternatives++;
                lighterAlternative |= roster.Load(other) < ownLoad
                    || (roster.Load(other) == ownLoad && other < inspector);
            }
        }

        if (alternatives == 0)
        {
            return $"only one of {eligible} inspectors skilled in {category} and on shift with a free place for the whole session";
        }

        var minutes = (ownLoad / TimeSpan.TicksPerMinute).ToString(CultureInfo.InvariantCulture);
        return lighterAlternative
            ? $"{alternatives} other inspectors had room, but moving it would not lower the busiest load (this one has {minutes} min besides)"
            : $"least loaded of {alternatives + 1} eligible inspectors with room ({minutes} min besides this session)";
    }

    private static string WhyMoved(SchedulingProblem problem, int session, string was, bool keptAtFirst)
    {
        if (!problem.InspectorIndex.TryGetValue(was, out var inspector))
        {
            return "who is no longer on the roster";
        }

        if (!problem.IsEligible(session, inspector))
        {
            return "who no longer has the skill or a shift spanning the session";
        }

        return keptAtFirst
            ? "to make room for another key session"
            : "who no longer has a free place for it";
    }

    private sealed record Outcome(int UpperBound, bool Optimal, PlanSolver Solver);
}
