using Microsoft.Extensions.Configuration;
using Sipar.Modules.Calendar;
using Sipar.Modules.Plans;

namespace Sipar.Tests.Plans;

public sealed class ReportingRulesTests
{
    private static readonly WorkingDayCalendar Calendar = CalendarService.Shipped();

    [Theory]
    [InlineData("2022-03-20", 5, "2022-03-14")]
    [InlineData("2026-06-20", 5, "2026-06-15")]
    [InlineData("2026-01-05", 2, "2025-12-30")]
    [InlineData("2025-02-03", 1, "2025-01-24")]
    [InlineData("2025-02-03", 0, "2025-02-03")]
    public void Internal_due_dates_count_working_days_back_from_the_provinces(string due, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Calendar.SubtractWorkingDays(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), days));

    [Fact]
    public void The_four_periods_follow_the_cut_off_windows_and_the_20th_rule()
    {
        var periods = ReportingPeriod.DefaultsFor(Guid.NewGuid(), Guid.NewGuid(), 2022, d => d);
        Assert.Equal([PeriodKind.Quarter1, PeriodKind.HalfYear, PeriodKind.Quarter3, PeriodKind.Year], periods.Select(p => p.Kind));
        Assert.Equal(new DateOnly(2021, 12, 15), periods[0].WindowStart);
        Assert.Equal(new DateOnly(2022, 3, 14), periods[0].WindowEnd);
        Assert.Equal(new DateOnly(2022, 6, 14), periods[1].WindowEnd);
        Assert.Equal((new DateOnly(2022, 6, 15), new DateOnly(2022, 9, 14)), (periods[2].WindowStart, periods[2].WindowEnd));
        Assert.Equal(new DateOnly(2022, 12, 14), periods[3].WindowEnd);
        Assert.Equal([20], periods.Select(p => p.ProvinceDueDate.Day).Distinct());
    }

    [Theory]
    [InlineData("2022-03-14", "2022-03-14T16:59:00", "2022-04-01", ReportState.OnTime)]
    [InlineData("2022-03-14", "2022-03-14T17:01:00", "2022-04-01", ReportState.Late)]
    [InlineData("2022-03-14", null, "2022-03-14", ReportState.NotDue)]
    [InlineData("2022-03-14", null, "2022-03-15", ReportState.Missing)]
    public void Timeliness_is_computed_in_Vietnam_time(string due, string? submittedUtc, string today, ReportState expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        DateTime? at = submittedUtc is null ? null : DateTime.Parse(submittedUtc, inv, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(expected, UnitReporting.StateOf(DateOnly.Parse(due, inv), at, DateOnly.Parse(today, inv)));
    }

    [Fact]
    public void A_province_sets_its_own_reporting_periods_and_a_template_that_cannot_be_read_names_its_entry()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reporting:Periods:0:Kind"] = "HalfYear",
            ["Reporting:Periods:0:Window"] = "16/12-15/06",
            ["Reporting:Periods:0:Due"] = "25/06",
            ["Reporting:Periods:1:Kind"] = "Year",
            ["Reporting:Periods:1:Window"] = "16/12-15/12",
            ["Reporting:Periods:1:Due"] = "25/12",
        }).Build();
        var periods = ReportingPeriod.DefaultsFor(Guid.NewGuid(), Guid.NewGuid(), 2026, d => d, ReportingTemplate.From(config));
        Assert.Equal([PeriodKind.HalfYear, PeriodKind.Year], periods.Select(p => p.Kind));
        Assert.Equal((new DateOnly(2025, 12, 16), new DateOnly(2026, 6, 15), new DateOnly(2026, 6, 25)), (periods[0].WindowStart, periods[0].WindowEnd, periods[0].ProvinceDueDate));

        var bad = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reporting:Periods:0:Kind"] = "Quarter1",
            ["Reporting:Periods:0:Window"] = "15/12-14/03",
            ["Reporting:Periods:0:Due"] = "10/03",
        }).Build();
        Assert.Contains("Reporting:Periods:0", Assert.Throws<InvalidOperationException>(() => { _ = ReportingTemplate.From(bad); }).Message, StringComparison.Ordinal);
        Assert.Same(ReportingTemplate.Default, ReportingTemplate.From(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
    }
}
