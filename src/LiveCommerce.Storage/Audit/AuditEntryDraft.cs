using LiveCommerce.Domain.Audit;

namespace LiveCommerce.Storage.Audit;

/// <summary>
/// What a change says about itself before it is made: who, what, on what, and a short summary for people. The
/// summary must not contain a raw ID or phone number (use the masked form), since the log is kept for years.
/// </summary>
public sealed record AuditEntryDraft(AuditActor Actor, string Action, string Target, string Summary);

/// <summary>A stored entry of the chain: the record and its hash.</summary>
public sealed record AuditEntry(AuditRecord Record, string Hash);

/// <summary>One page of a platform's log, in seq order; <see cref="HasMore"/> when a later page exists.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, bool HasMore);

/// <summary>The outbox row of a change in progress (<see cref="AuditTrail.BeginAsync"/>).</summary>
public sealed record AuditIntent(LiveCommerce.Domain.PlatformId Platform, Azure.Data.Tables.TableEntity Row);
