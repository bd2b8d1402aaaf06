using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sipar.Modules.Calendar;

namespace Sipar.Tests.Calendar;

public sealed class WorkingDayProperties
{
    private static readonly DateOnly Origin = new(2001, 1, 1);
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendarTests.Calendar;

    [Property(MaxTest = 2000)]
    public Property Adding_then_counting_working_days_round_trips() =>
        Prop.ForAll(
            Gen.Choose(0, 34000).ToArbitrary(),
            Gen.Choose(0, 400).ToArbitrary(),
            (offset, days) =>
            {
                var day0 = Origin.AddDays(offset);
                var due = Calendar.AddWorkingDays(day0, days);
                return Calendar.CountWorkingDays(day0, due) == days
                    && (days == 0 || (Calendar.IsWorkingDay(due) && due > day0));
            });

    [Property(MaxTest = 2000)]
    public Property Counting_then_adding_lands_on_the_same_working_day() =>
        Prop.ForAll(
            Gen.Choose(0, 34000).ToArbitrary(),
            Gen.Choose(0, 700).ToArbitrary(),
            (offset, span) =>
            {
                var from = Origin.AddDays(offset);
                var to = from.AddDays(span);
                if (!Calendar.IsWorkingDay(to) || to == from)
                {
                    return true;
                }

                return Calendar.AddWorkingDays(from, Calendar.CountWorkingDays(from, to)) == to;
            });
}
