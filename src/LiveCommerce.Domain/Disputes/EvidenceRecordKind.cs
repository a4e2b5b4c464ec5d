using System.Diagnostics.CodeAnalysis;

namespace LiveCommerce.Domain.Disputes;

/// <summary>What a pushed record belongs to: the live session it was captured in, or the order it documents.</summary>
public enum EvidenceScope
{
    LiveSession,
    Order,
}

/// <summary>
/// A kind of record a platform pushes for disputes (its wire id), where it belongs, and the legal category that
/// decides how long it is kept (<see cref="RetentionPolicy"/>). Live content is also kept as long as any sale it
/// shows must be (<see cref="RecordRetention"/>).
/// </summary>
public sealed class EvidenceRecordKind
{
    private EvidenceRecordKind(string id, EvidenceScope scope, EvidenceKind category, bool isLiveContent, bool needsSpan)
    {
        Id = id;
        Scope = scope;
        Category = category;
        IsLiveContent = isLiveContent;
        NeedsSpan = needsSpan;
    }

    // Captured during the live session.
    public static EvidenceRecordKind Recording { get; } = new("recording", EvidenceScope.LiveSession, EvidenceKind.ReplayVideo, isLiveContent: true, needsSpan: true);
    public static EvidenceRecordKind InteractionLog { get; } = new("interaction_log", EvidenceScope.LiveSession, EvidenceKind.LiveInteraction, isLiveContent: true, needsSpan: true);
    public static EvidenceRecordKind ProductClaims { get; } = new("product_claims", EvidenceScope.LiveSession, EvidenceKind.ReplayVideo, isLiveContent: true, needsSpan: false);
    public static EvidenceRecordKind Correction { get; } = new("correction", EvidenceScope.LiveSession, EvidenceKind.CorrectionRecord, isLiveContent: false, needsSpan: false);

    // Documents of one order (Order 117 art. 16).
    public static EvidenceRecordKind PageSnapshot { get; } = new("page_snapshot", EvidenceScope.Order, EvidenceKind.ProductPageSnapshot, false, false);
    public static EvidenceRecordKind Order { get; } = new("order", EvidenceScope.Order, EvidenceKind.Order, false, false);
    public static EvidenceRecordKind Payment { get; } = new("payment", EvidenceScope.Order, EvidenceKind.PaymentRecord, false, false);
    public static EvidenceRecordKind Logistics { get; } = new("logistics", EvidenceScope.Order, EvidenceKind.LogisticsRecord, false, false);
    public static EvidenceRecordKind Return { get; } = new("return", EvidenceScope.Order, EvidenceKind.ReturnRecord, false, false);
    public static EvidenceRecordKind AfterSales { get; } = new("after_sales", EvidenceScope.Order, EvidenceKind.AfterSalesRecord, false, false);
    public static EvidenceRecordKind CustomerService { get; } = new("customer_service", EvidenceScope.Order, EvidenceKind.CustomerServiceRecord, false, false);

    public static IReadOnlyList<EvidenceRecordKind> All { get; } =
        [Recording, InteractionLog, ProductClaims, Correction, PageSnapshot, Order, Payment, Logistics, Return, AfterSales, CustomerService];

    /// <summary>The wire id, e.g. <c>interaction_log</c>.</summary>
    public string Id { get; }

    public EvidenceScope Scope { get; }

    /// <summary>The legal category when the record documents a sale.</summary>
    public EvidenceKind Category { get; }

    /// <summary>Live content: kept 60 days after the live (longer in key rooms), and longer still for the sales it shows.</summary>
    public bool IsLiveContent { get; }

    /// <summary>The record covers a stretch of the live (a segment, a log window) and must say which.</summary>
    public bool NeedsSpan { get; }

    public static IEnumerable<string> IdsOf(EvidenceScope scope) => All.Where(k => k.Scope == scope).Select(k => k.Id);

    public static bool TryParse(string id, EvidenceScope scope, [NotNullWhen(true)] out EvidenceRecordKind? kind)
    {
        kind = All.FirstOrDefault(k => k.Scope == scope && k.Id == id);
        return kind is not null;
    }

    public override string ToString() => Id;
}
