namespace LiveCommerce.Storage;

/// <summary>Every table, container and queue the service uses; infra/modules/storage.bicep creates the same set.</summary>
public static class StorageNames
{
    public const string QualificationTable = "qualification";
    public const string SubjectsTable = "subjects";
    public const string LiveSessionsTable = "livesessions";
    public const string IdempotencyTable = "idempotency";
    public const string ScreeningTable = "screening";
    public const string KeyRoomsTable = "keyrooms";
    public const string DisputesTable = "disputes";
    public const string FilingsTable = "filings";
    public const string CalendarsTable = "calendars";
    public const string ListingsTable = "listings";
    public const string TippingTable = "tipping";

    /// <summary>Identity challenges by id (provider, platform, session, host, expiry) and the provider's one answer.</summary>
    public const string IdentityChallengesTable = "identitychallenges";

    /// <summary>Review cases: each platform's cases, their events and the open-case pointers (Cases).</summary>
    public const string ReviewCasesTable = "reviewcases";

    /// <summary>Sanctions and rating-file violations, one partition per sanctioned subject (Sanctions).</summary>
    public const string SanctionsTable = "sanctions";

    /// <summary>Versioned platform policies: the rating policy and the review-case settings.</summary>
    public const string PlatformPoliciesTable = "platformpolicies";

    /// <summary>Audit: each platform's hash-chained log, and the outbox of changes whose entry is not yet appended.</summary>
    public const string AuditLogTable = "auditlog";
    public const string AuditOutboxTable = "auditoutbox";

    /// <summary>Platform events: each platform's feed; webhook endpoints and their delivery logs.</summary>
    public const string PlatformEventsTable = "platformevents";
    public const string WebhooksTable = "webhooks";

    public const string NegativeListsContainer = "negative-lists";
    public const string EvidenceContainer = "evidence";
    public const string BundlesContainer = "bundles";
    public const string IdempotencyContainer = "idempotency";

    /// <summary>Key rooms: each platform's stored day inputs (sessions, inspectors) and inspection plans.</summary>
    public const string InspectionDaysContainer = "inspection-days";

    public const string BackgroundChecksQueue = "background-checks";
    public const string BackgroundChecksPoisonQueue = "background-checks-poison";
    public const string FilingEscalationsQueue = "filing-escalations";

    public static readonly IReadOnlyList<string> Tables =
    [
        QualificationTable, SubjectsTable, LiveSessionsTable, IdempotencyTable, ScreeningTable, KeyRoomsTable,
        DisputesTable, FilingsTable, CalendarsTable, ListingsTable, IdentityChallengesTable, TippingTable,
        ReviewCasesTable, SanctionsTable, PlatformPoliciesTable,
        AuditLogTable, AuditOutboxTable, PlatformEventsTable, WebhooksTable,
    ];

    public static readonly IReadOnlyList<string> Containers =
    [
        NegativeListsContainer, EvidenceContainer, BundlesContainer, IdempotencyContainer,
        InspectionDaysContainer,
    ];

    public static readonly IReadOnlyList<string> Queues =
    [
        BackgroundChecksQueue, BackgroundChecksPoisonQueue, FilingEscalationsQueue,
    ];
}
