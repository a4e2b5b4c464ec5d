namespace LiveCommerce.Domain.KeyRooms;

/// <summary>
/// How the exact solver (CP-SAT) may run when the fast plan does not reach its bound (settings
/// <c>KeyRooms:Solver:*</c>).
/// </summary>
/// <param name="Enabled">False keeps every plan on the fast path.</param>
/// <param name="TimeLimit">CP-SAT's deterministic time limit, in its deterministic seconds (a count of work, roughly a
/// second each on a 2-core machine): a limit of work, not of wall time, so that a plan cut short is the same plan on
/// every run and machine.</param>
/// <param name="Workers">CP-SAT search workers. 1 is reproducible by construction; more run CP-SAT's interleaved
/// (deterministic) parallel search.</param>
/// <param name="MaxPairs">Largest number of (session, inspector) pairs a model may have; a larger day stays on the fast
/// plan (status <c>MODEL_TOO_LARGE</c>) rather than exhaust memory.</param>
public sealed record ExactSolverSettings(bool Enabled = true, double TimeLimit = 10, int Workers = 1, int MaxPairs = 2_000_000)
{
    public const string Section = "KeyRooms:Solver";

    public static ExactSolverSettings Default { get; } = new();

    /// <summary>Problems with the settings (empty when usable), for the host to refuse to start with.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(TimeLimit > 0) || double.IsInfinity(TimeLimit))
        {
            problems.Add($"{Section}:TimeLimit must be a positive number of deterministic seconds");
        }

        if (Workers is < 1 or > 64)
        {
            problems.Add($"{Section}:Workers must be between 1 and 64");
        }

        if (MaxPairs < 1)
        {
            problems.Add($"{Section}:MaxPairs must be positive");
        }

        return problems;
    }
}
