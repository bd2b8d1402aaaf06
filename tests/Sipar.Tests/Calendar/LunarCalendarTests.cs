using System.Globalization;
using Sipar.Modules.Calendar;

namespace Sipar.Tests.Calendar;

public sealed class LunarCalendarTests
{
    [Theory]
    [InlineData(2020, "2020-01-25")]
    [InlineData(2021, "2021-02-12")]
    [InlineData(2022, "2022-02-01")]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2028, "2028-01-26")]
    [InlineData(2029, "2029-02-13")]
    public void Tet_falls_on_the_published_date(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), LunarCalendar.NewYear(year));

    [Theory]
    [InlineData(2022, "2022-04-10")]
    [InlineData(2023, "2023-04-29")]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    public void Gio_To_Hung_Vuong_is_the_tenth_day_of_the_third_lunar_month(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), LunarCalendar.ToSolar(year, 3, 10));

    [Theory]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void The_computed_default_agrees_with_the_notices_on_every_statutory_weekday(int year)
    {
        // Notices move days around to make long breaks, but every statutory holiday that falls on a weekday is off.
        var official = OfficialCalendar.Years[year].Days.Where(d => d.Kind == CalendarDayKind.DayOff).Select(d => d.Date).ToHashSet();
        var tet = LunarCalendar.NewYear(year);
        DateOnly[] statutory =
        [
            new(year, 1, 1), tet.AddDays(-1), tet, tet.AddDays(1), tet.AddDays(2), tet.AddDays(3),
            LunarCalendar.ToSolar(year, 3, 10), new(year, 4, 30), new(year, 5, 1), new(year, 9, 2),
        ];
        foreach (var d in statutory.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
        {
            Assert.Contains(d, official);
            Assert.Contains(DefaultHolidays.For(year), h => h.Date == d);
        }
    }

    [Fact]
    public void A_computed_holiday_on_a_weekend_moves_to_the_next_working_day()
    {
        // 2028: 1/1 is a Saturday → Monday 3/1 is off.
        var days = DefaultHolidays.For(2028);
        Assert.Contains(days, d => d.Date == new DateOnly(2028, 1, 3));
        Assert.All(days, d => Assert.False(d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
        Assert.Equal(days.Count, days.Select(d => d.Date).Distinct().Count());
    }
}
