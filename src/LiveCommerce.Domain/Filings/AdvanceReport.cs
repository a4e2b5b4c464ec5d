using NodaTime;

namespace LiveCommerce.Domain.Filings;

/// <summary>
/// A guest the platform must report to the radio/TV authority in advance: NRTA 2020 notice, celebrities and
/// performers from outside the mainland opening live rooms [P: secondary source, article not seen].
/// </summary>
/// <param name="Reason">One of <see cref="AdvanceReportReasons"/>.</param>
/// <param name="DueBy">The event's filing deadline: the report travels with the filing.</param>
public sealed record AdvanceReport(string GuestName, string Reason, LocalDate DueBy)
{
    /// <summary>
    /// One entry per guest and ground: a public figure from overseas yields two, so neither ground drops out of the
    /// record. Guests on neither ground yield none.
    /// </summary>
    public static IReadOnlyList<AdvanceReport> For(IEnumerable<EventGuest> guests, FilingDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(guests);
        ArgumentNullException.ThrowIfNull(deadline);

        var reports = new List<AdvanceReport>();
        foreach (var guest in guests)
        {
            if (guest.IsPublicFigure)
            {
                reports.Add(new AdvanceReport(guest.Name, AdvanceReportReasons.PublicFigure, deadline.Date));
            }

            if (guest.IsOverseas)
            {
                reports.Add(new AdvanceReport(guest.Name, AdvanceReportReasons.Overseas, deadline.Date));
            }
        }

        return reports;
    }
}

/// <summary>Wire values of <see cref="AdvanceReport.Reason"/>.</summary>
public static class AdvanceReportReasons
{
    public const string PublicFigure = "public_figure";
    public const string Overseas = "overseas";
}
