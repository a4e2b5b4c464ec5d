namespace LiveCommerce.Domain.Filings;

/// <summary>A guest appearing in a themed event, as the filing request lists them.</summary>
public sealed record EventGuest(string Name, bool IsPublicFigure, bool IsOverseas);
