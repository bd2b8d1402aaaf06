using Sipar.Modules.Documents;
using Sipar.Modules.Plans;

namespace Sipar.Tests.Plans;

public sealed class ConsolidationTests
{
    [Theory]
    [InlineData(PeriodKind.Quarter1, "quý I")]
    [InlineData(PeriodKind.HalfYear, "6 tháng đầu")]
    [InlineData(PeriodKind.Year, "")]
    public void Period_names_read_naturally_in_the_report_summary(PeriodKind kind, string expected) =>
        Assert.Equal(expected, Consolidation.PeriodName(kind));

    [Theory]
    [InlineData("Lạng Sơn", "2022-08-05", "Lạng Sơn, ngày 05 tháng 8 năm 2022")]
    [InlineData("Lạng Sơn", "2022-02-15", "Lạng Sơn, ngày 15 tháng 02 năm 2022")]
    [InlineData("Hà Nội", "2025-12-01", "Hà Nội, ngày 01 tháng 12 năm 2025")]
    public void Place_and_date_follow_Decree_30(string place, string date, string expected) =>
        Assert.Equal(expected, Decree30Document.PlaceAndDate(place, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
}
