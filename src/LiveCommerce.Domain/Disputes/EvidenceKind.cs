namespace LiveCommerce.Domain.Disputes;

/// <summary>What a piece of dispute evidence is; it decides how long the piece must be kept.</summary>
public enum EvidenceKind
{
    // Transaction information, Order 117 art. 16.
    Order,
    LiveAccount,
    ReplayVideo,
    LiveInteraction,
    ProductPageSnapshot,
    CustomerServiceRecord,
    PaymentRecord,
    LogisticsRecord,
    ReturnRecord,
    AfterSalesRecord,

    // Verification and correction records, Order 117 arts 27, 28, 31.
    SellerVerification,
    MarketerVerification,
    CorrectionRecord,

    // Live content outside a transaction.
    LiveContent,
    KeyRoomLiveContent,
}
