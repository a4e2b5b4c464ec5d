namespace LiveCommerce.Domain.Audit;

/// <summary>Who made a change: the caller's <c>sub</c> and the roles its credential carried at the time.</summary>
public sealed record AuditActor(string Sub, IReadOnlyList<string> Roles);

/// <summary>
/// One entry of a platform's audit log as chained: position, when the change was made, who made it, what
/// (<c>action</c>, e.g. <c>webhook_endpoint.put</c>), on what (<c>target</c>, e.g. <c>webhook-endpoints/ops</c>), a
/// short human summary, and the link to the entry before. <see cref="Recovered"/> marks an entry appended after a
/// restart from an intent whose request never confirmed its change (see docs/audit-and-events.md).
/// </summary>
public sealed record AuditRecord(
    long Seq,
    DateTimeOffset At,
    AuditActor Actor,
    string Action,
    string Target,
    string Summary,
    string PrevHash,
    bool Recovered = false);
