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

    /// <summary>Identity challenges by id (provider, platform, session, host, expiry) and the provider's one answer.</summary>
    public const string IdentityChallengesTable = "identitychallenges";

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
        DisputesTable, FilingsTable, CalendarsTable, ListingsTable, IdentityChallengesTable,
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
