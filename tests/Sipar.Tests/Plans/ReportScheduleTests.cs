using Sipar.Infrastructure.Errors;
using Sipar.Modules.Calendar;
using Sipar.Modules.Plans;

namespace Sipar.Tests.Plans;

/// <summary>Report types' periods and due dates on the shipped calendar (Tết Bính Ngọ 16–20/02/2026, make-up Saturday 10/01/2026).</summary>
public sealed class ReportScheduleTests
{
    private static readonly WorkingDayCalendar Calendar = CalendarService.Shipped();

    private static ReportType Type(Periodicity periodicity, string? due, string? internalRule = null, int? cutOff = null, string? schedule = null) =>
        ReportType.Create(Guid.NewGuid(), new ReportTypeInput("T", "Báo cáo thử", null, null, [], periodicity, cutOff, due, internalRule, "Sở Nội vụ", false, schedule), new HashSet<Guid>(), 2026);

    [Fact]
    public void A_monthly_report_due_on_the_20th_owes_its_units_five_working_days_earlier_and_Tet_moves_February_back_a_week()
    {
        var type = Type(Periodicity.Monthly, "ngày 20 tháng cuối kỳ", cutOff: 14);
        var slots = ReportSchedule.SlotsFor(type, 2026, Calendar);
        Assert.Equal(12, slots.Count);
        var february = slots.Single(s => s.Kind == PeriodKind.Month2);
        Assert.Equal((new DateOnly(2026, 1, 15), new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 20)), (february.WindowStart, february.WindowEnd, february.Due));
        Assert.Equal(new DateOnly(2025, 12, 15), slots[0].WindowStart);

        // 20/02 is in Tết; the five working days before it are 13, 12, 11, 10 and 9 February.
        Assert.Equal(new DateOnly(2026, 2, 9), ReportSchedule.InternalDue(type, february.Due, Calendar));
        var march = slots.Single(s => s.Kind == PeriodKind.Month3);
        Assert.Equal(new DateOnly(2026, 3, 13), ReportSchedule.InternalDue(type, march.Due, Calendar));
    }

    [Fact]
    public void A_window_that_ends_after_the_due_day_is_refused_naming_the_period()
    {
        // A monthly report due on the 20th covers the whole month: February's data would end on the 28th.
        var e = Assert.Throws<DomainValidationException>(() => Type(Periodicity.Monthly, "ngày 20 tháng cuối kỳ"));
        Assert.Equal(("DueRule", "ReportType.WindowAfterDue"), (e.Errors[0].Field, e.Errors[0].MessageKey));
    }

    [Fact]
    public void Working_days_after_the_period_skip_weekends_and_a_make_up_Saturday_counts_as_a_working_day()
    {
        var type = Type(Periodicity.Quarterly, "5 ngày làm việc sau kỳ", "trùng hạn");
        var slots = ReportSchedule.SlotsFor(type, 2026, Calendar);
        Assert.Equal([PeriodKind.Quarter1, PeriodKind.Quarter2, PeriodKind.Quarter3, PeriodKind.Quarter4], slots.Select(s => s.Kind));
        // Q1 ends on Tuesday 31/03: 01–03/04 and 06–07/04.
        Assert.Equal(new DateOnly(2026, 4, 7), slots[0].Due);
        Assert.Equal(slots[0].Due, ReportSchedule.InternalDue(type, slots[0].Due, Calendar));

        // Three working days before Wednesday 14/01/2026 are 13/01, 12/01 and Saturday 10/01, a make-up working day.
        var requested = Type(Periodicity.OnRequest, null, "3 ngày làm việc trước hạn");
        Assert.Empty(ReportSchedule.SlotsFor(requested, 2026, Calendar));
        Assert.Equal(new DateOnly(2026, 1, 10), ReportSchedule.InternalDue(requested, new DateOnly(2026, 1, 14), Calendar));
    }

    [Fact]
    public void The_CCHC_report_as_a_type_keeps_the_581_windows_and_due_dates()
    {
        var input = ReportTypes.Cchc(ReportingTemplate.Default);
        var type = ReportType.Create(Guid.NewGuid(), input, new HashSet<Guid>(), 2026);
        var slots = ReportSchedule.SlotsFor(type, 2026, Calendar);
        var expected = ReportingPeriod.DefaultsFor(Guid.NewGuid(), Guid.NewGuid(), 2026, d => d);
        Assert.Equal(expected.Select(p => (p.Kind, p.WindowStart, p.WindowEnd, p.ProvinceDueDate)), slots.Select(s => (s.Kind, s.WindowStart, s.WindowEnd, s.Due)));
        Assert.Equal(new DateOnly(2025, 12, 15), slots[0].WindowStart);
    }

    [Fact]
    public void A_cut_off_day_shifts_the_window_and_a_fixed_yearly_date_fits_one_period_only()
    {
        var yearly = Type(Periodicity.Yearly, "15/12 hằng năm", cutOff: 14);
        var slot = Assert.Single(ReportSchedule.SlotsFor(yearly, 2026, Calendar));
        Assert.Equal((new DateOnly(2025, 12, 15), new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 15)), (slot.WindowStart, slot.WindowEnd, slot.Due));

        var e = Assert.Throws<DomainValidationException>(() => Type(Periodicity.Quarterly, "15/12"));
        Assert.Equal("ReportType.FixedDueNeedsOnePeriod", e.Errors[0].MessageKey);
    }

    [Theory]
    [InlineData("cuối tháng", "DueRule", "ReportType.DueRuleUnreadable")]
    [InlineData("31/02", "DueRule", "ReportType.DueRuleUnreadable")]
    [InlineData("ngay 20 thang cuoi ky", null, null)]
    [InlineData("NGÀY 20 THÁNG CUỐI KỲ", null, null)]
    public void Due_rules_are_read_without_regard_to_marks_or_case_and_unreadable_ones_are_refused(string rule, string? field, string? key)
    {
        if (field is null)
        {
            Assert.Equal(new DueRule.DayOfLastMonth(20), ReportSchedule.ParseDue(rule));
            return;
        }

        var e = Assert.Throws<DomainValidationException>(() => Type(Periodicity.Quarterly, rule, cutOff: 14));
        Assert.Equal((field, key), (e.Errors[0].Field, e.Errors[0].MessageKey));
    }

    [Fact]
    public void An_internal_rule_that_cannot_be_read_a_contributor_of_another_agency_and_a_bad_schedule_are_refused_by_field()
    {
        Assert.Equal("InternalRule", Assert.Throws<DomainValidationException>(() => Type(Periodicity.Yearly, "ngày 20 tháng cuối kỳ", "sớm", cutOff: 14)).Errors[0].Field);
        var input = new ReportTypeInput("T", "Báo cáo", null, null, [Guid.NewGuid()], Periodicity.Yearly, 14, "ngày 20 tháng cuối kỳ", null, null, false, null);
        var outside = Assert.Throws<DomainValidationException>(() => ReportType.Create(Guid.NewGuid(), input, new HashSet<Guid>(), 2026));
        Assert.Equal(("Contributors", "ReportType.UnitOutsideAgency"), (outside.Errors[0].Field, outside.Errors[0].MessageKey));
        Assert.Equal("Schedule", Assert.Throws<DomainValidationException>(() => Type(Periodicity.Quarterly, null, schedule: "Quarter1 15/12-14/03")).Errors[0].Field);
        Assert.Equal("ReportType.WindowAfterDue", Assert.Throws<DomainValidationException>(() => Type(Periodicity.Quarterly, null, schedule: "Quarter1 15/12-14/03 10/03")).Errors[0].MessageKey);
    }
}

public sealed class QualifiedDataSourceTests
{
    [Theory]
    [InlineData("unit-reports-on-time", true)]
    [InlineData("unit-reports-on-time:CDS", true)]
    [InlineData(" Unit-Reports-On-Time : cchc ", true)]
    [InlineData("unit-reports-on-time:", false)]
    [InlineData("plan-tasks-on-time:CDS", false)]
    [InlineData("reports:CDS", false)]
    public void A_framework_may_narrow_the_reports_criterion_to_one_type_and_nothing_else(string source, bool known) =>
        Assert.Equal(known, Sipar.Modules.ParIndex.ParDataSources.IsKnown(source));
}
