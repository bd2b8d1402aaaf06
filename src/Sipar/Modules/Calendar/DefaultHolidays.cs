namespace Sipar.Modules.Calendar;

/// <summary>
/// The computed default for a year without an official notice, from the Labour Code 2019 (Điều 112):
/// Tết Dương lịch 1/1; Tết Nguyên đán 5 days (the last day of the lunar year and mùng 1–4); Giỗ Tổ Hùng Vương
/// 10/3 lunar; 30/4; 1/5; Quốc khánh 2/9 and one adjacent day. A holiday on a Saturday or Sunday moves to the
/// next working day. The government's notice usually swaps days to make longer breaks: administrators replace
/// the computed year with the notice once it is published.
/// </summary>
internal static class DefaultHolidays
{
    public static IReadOnlyList<HolidayDay> For(int year)
    {
        var holidays = new List<(DateOnly Date, string Name)>
        {
            (new DateOnly(year, 1, 1), "Tết Dương lịch"),
        };

        var tet = LunarCalendar.NewYear(year);
        for (var i = -1; i <= 3; i++)
        {
            holidays.Add((tet.AddDays(i), "Tết Nguyên đán"));
        }

        holidays.Add((LunarCalendar.ToSolar(year, 3, 10), "Giỗ Tổ Hùng Vương"));
        holidays.Add((new DateOnly(year, 4, 30), "Ngày Chiến thắng 30/4"));
        holidays.Add((new DateOnly(year, 5, 1), "Ngày Quốc tế Lao động 1/5"));
        var national = new DateOnly(year, 9, 2);
        holidays.Add((national, "Quốc khánh"));
        // The adjacent day is the one that joins the holiday to a weekend where it can.
        var adjacent = national.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Thursday ? national.AddDays(1) : national.AddDays(-1);
        holidays.Add((adjacent, "Quốc khánh"));

        var taken = holidays.Select(h => h.Date).ToHashSet();
        var result = new List<HolidayDay>();
        foreach (var (date, name) in holidays.OrderBy(h => h.Date))
        {
            if (!IsWeekend(date))
            {
                result.Add(new HolidayDay(date, CalendarDayKind.DayOff, name));
                continue;
            }

            var compensatory = date.AddDays(1);
            while (IsWeekend(compensatory) || taken.Contains(compensatory))
            {
                compensatory = compensatory.AddDays(1);
            }

            taken.Add(compensatory);
            if (compensatory.Year == year)
            {
                result.Add(new HolidayDay(compensatory, CalendarDayKind.DayOff, name + " (nghỉ bù)"));
            }
        }

        return result.OrderBy(d => d.Date).ToList();
    }

    private static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
