using System.Globalization;
using Sipar.Modules.Calendar;

namespace Sipar.Tests.Calendar;

/// <summary>The working-day rules against the official schedules of 2022–2026 (dates written out here, from the notices).</summary>
public sealed class WorkingDayCalendarTests
{
    // Weekday days off and make-up Saturdays as announced; see Modules/Calendar/holidays-vn.json for the sources.
    public static readonly TheoryData<int, string[], string[]> Official = new()
    {
        { 2022, ["2022-01-03", "2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04", "2022-04-11", "2022-05-02", "2022-05-03", "2022-09-01", "2022-09-02"], [] },
        { 2023, ["2023-01-02", "2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26", "2023-05-01", "2023-05-02", "2023-05-03", "2023-09-01", "2023-09-04"], [] },
        { 2024, ["2024-01-01", "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-04-18", "2024-04-29", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03"], ["2024-05-04"] },
        { 2025, ["2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02"], ["2025-04-26"] },
        { 2026, ["2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-04-27", "2026-04-30", "2026-05-01", "2026-08-31", "2026-09-01", "2026-09-02"], ["2026-01-10", "2026-08-22"] },
    };

    internal static readonly WorkingDayCalendar Calendar = CalendarService.Shipped();

    [Theory]
    [MemberData(nameof(Official))]
    public void Every_official_day_off_is_not_a_working_day_and_every_makeup_day_is(int year, string[] daysOff, string[] makeupDays)
    {
        var off = daysOff.Select(D).ToHashSet();
        var makeup = makeupDays.Select(D).ToHashSet();
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            var weekend = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var expected = makeup.Contains(d) || (!weekend && !off.Contains(d));
            Assert.True(expected == Calendar.IsWorkingDay(d), $"{d:yyyy-MM-dd} ({d.DayOfWeek}) should {(expected ? "" : "not ")}be a working day");
        }
    }

    [Theory]
    [MemberData(nameof(Official))]
    public void The_shipped_official_schedule_matches_the_notices(int year, string[] daysOff, string[] makeupDays)
    {
        var shipped = OfficialCalendar.Years[year].Days;
        Assert.Equal(daysOff.Select(D).Order(), shipped.Where(d => d.Kind == CalendarDayKind.DayOff).Select(d => d.Date).Order());
        Assert.Equal(makeupDays.Select(D).Order(), shipped.Where(d => d.Kind == CalendarDayKind.MakeupWorkday).Select(d => d.Date).Order());
        Assert.All(shipped, d => Assert.False(string.IsNullOrWhiteSpace(d.Name)));
        Assert.Contains("http", OfficialCalendar.Years[year].Sources, StringComparison.Ordinal);
    }

    [Theory]
    // The issue's own example: Friday before Tết 2025, after the 15:00 cut-off; Tết is 27–31/1.
    [InlineData("2025-01-24 16:30", 5, "15:00", "2025-02-10")]
    // Same moment, no cut-off: the Friday is day 0.
    [InlineData("2025-01-24 16:30", 5, null, "2025-02-07")]
    // Exactly at the cut-off is not after it.
    [InlineData("2025-03-03 15:00", 1, "15:00", "2025-03-04")]
    [InlineData("2025-03-03 15:01", 1, "15:00", "2025-03-05")]
    // Received on a Sunday: Monday is day 0.
    [InlineData("2025-03-09 10:00", 1, null, "2025-03-11")]
    // Across the year end, over Tết Dương lịch 2026 (1–2/1).
    [InlineData("2025-12-31 09:00", 2, null, "2026-01-06")]
    // A make-up Saturday counts as a working day, and can be a receipt day.
    [InlineData("2026-01-09 09:00", 1, null, "2026-01-10")]
    [InlineData("2026-01-10 09:00", 1, null, "2026-01-12")]
    [InlineData("2024-05-03 09:00", 1, null, "2024-05-04")]
    // Across Tết 2026 (16–20/2).
    [InlineData("2026-02-13 10:00", 1, null, "2026-02-23")]
    [InlineData("2026-02-13 10:00", 0, null, "2026-02-13")]
    // Received during Tết 2023: the first working day after it is day 0.
    [InlineData("2023-01-24 08:00", 3, "15:00", "2023-02-01")]
    // After the cut-off on a Friday before a make-up Saturday: the Saturday is day 0.
    [InlineData("2026-08-21 16:00", 2, "15:00", "2026-08-25")]
    // After the cut-off on the Friday before Quốc khánh 2026 (31/8–2/9).
    [InlineData("2026-08-28 16:00", 2, "15:00", "2026-09-07")]
    public void Appointment_date_is_the_nth_working_day_after_the_receipt_day(string received, int days, string? cutoff, string expected)
    {
        var at = DateTime.ParseExact(received, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var cut = cutoff is null ? (TimeOnly?)null : TimeOnly.Parse(cutoff, CultureInfo.InvariantCulture);
        Assert.Equal(D(expected), Calendar.AppointmentDate(at, days, cut));
    }

    [Theory]
    [InlineData("2025-01-20", "2025-02-10", 10)]
    [InlineData("2025-02-10", "2025-02-10", 0)]
    [InlineData("2025-12-31", "2026-01-12", 7)]
    [InlineData("2026-02-13", "2026-02-23", 1)]
    [InlineData("2025-02-10", "2025-01-20", -10)]
    public void Counting_counts_working_days_after_from_up_to_and_including_to(string from, string to, int expected) =>
        Assert.Equal(expected, Calendar.CountWorkingDays(D(from), D(to)));

    [Fact]
    public void Years_without_a_notice_use_the_computed_default()
    {
        // Tết Đinh Mùi 2027 starts on Saturday 6/2: the computed break is 5/2 (eve) and 8–10/2 with compensation.
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2027, 2, 5)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2027, 2, 8)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2027, 3, 1)));
    }

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
