using LiveCommerce.Domain.Filings;
using static LiveCommerce.Domain.Tests.Filings.CalendarFixtures;

namespace LiveCommerce.Domain.Tests.Filings;

public sealed class AdvanceReportTests
{
    private static readonly FilingDeadline Deadline = FilingDeadline.Compute(Date(2026, 6, 18), ChinaOfficialCalendar.Builtin).Value;

    [Fact]
    public void Public_figures_and_overseas_guests_are_reported_by_the_filing_deadline()
    {
        EventGuest[] guests =
        [
            new("Host's colleague", IsPublicFigure: false, IsOverseas: false),
            new("Film star", IsPublicFigure: true, IsOverseas: false),
            new("Hong Kong singer", IsPublicFigure: true, IsOverseas: true),
            new("Visiting chef", IsPublicFigure: false, IsOverseas: true),
        ];

        var reports = AdvanceReport.For(guests, Deadline);

        Assert.Equal(
            [
                new AdvanceReport("Film star", AdvanceReportReasons.PublicFigure, Date(2026, 5, 28)),
                new AdvanceReport("Hong Kong singer", AdvanceReportReasons.PublicFigure, Date(2026, 5, 28)),
                new AdvanceReport("Hong Kong singer", AdvanceReportReasons.Overseas, Date(2026, 5, 28)),
                new AdvanceReport("Visiting chef", AdvanceReportReasons.Overseas, Date(2026, 5, 28)),
            ],
            reports);
    }

    [Fact]
    public void Wire_reasons_are_the_contract_strings()
    {
        Assert.Equal("public_figure", AdvanceReportReasons.PublicFigure);
        Assert.Equal("overseas", AdvanceReportReasons.Overseas);
    }
}
