namespace LiveCommerce.Domain.Filings;

/// <summary>Where an event filing stands. Wire names: open, late, filed, filed_late.</summary>
public enum FilingStatus
{
    /// <summary>Not filed yet, and the deadline has not passed.</summary>
    Open,

    /// <summary>Not filed, and the deadline (or the event itself) has passed. Kept: a missed filing is a fact.</summary>
    Late,

    /// <summary>Submitted on or before the deadline.</summary>
    Filed,

    /// <summary>Submitted after the deadline.</summary>
    FiledLate,
}
