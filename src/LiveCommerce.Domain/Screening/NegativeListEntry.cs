namespace LiveCommerce.Domain.Screening;

/// <summary>How bad a listed term is: a prohibited product cannot be sold; a restricted one needs a licence.</summary>
public enum Severity
{
    Prohibited,
    Restricted,
}

/// <summary>
/// One line of a merchant platform's negative list. <see cref="RequiredLicence"/> names the licence that makes a
/// restricted product sellable; a restricted entry without one is never sellable.
/// </summary>
public sealed record NegativeListEntry(string Term, string Category, Severity Severity, string? RequiredLicence = null);

/// <summary>How a <see cref="NegativeListMatcher"/> compares terms with text.</summary>
public enum MatchMode
{
    /// <summary>Both sides folded by <see cref="ScreeningNormaliser"/>: width, case, traditional script, noise between characters.</summary>
    Normalised,

    /// <summary>Plain ordinal substring search of the raw text: every occurrence, nothing folded or skipped.</summary>
    Exact,
}

/// <summary>
/// One occurrence of a negative-list entry: <see cref="Start"/> and <see cref="Length"/> are UTF-16 offsets into the
/// original text, from the first character of the occurrence through the end of its last (surrogate pair and trailing
/// combining marks included).
/// </summary>
public readonly record struct TermMatch(int EntryIndex, int Start, int Length);
