using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Calendar;

internal enum CalendarDayKind
{
    /// <summary>A Monday–Friday that is not a working day (holiday, compensatory day).</summary>
    DayOff,

    /// <summary>A Saturday or Sunday that is a working day (làm bù).</summary>
    MakeupWorkday,
}

/// <summary>Where a year's days come from.</summary>
internal enum CalendarOrigin
{
    /// <summary>The government notice, as shipped with Sipar (with its sources).</summary>
    Official,

    /// <summary>Computed from the Labour Code and the lunar calendar; to be checked when the notice is out.</summary>
    Computed,

    /// <summary>Changed by an administrator.</summary>
    Edited,
}

/// <summary>One year of the working-day calendar: its days off on weekdays and its make-up working days.</summary>
internal sealed class CalendarYear
{
    private readonly List<CalendarDay> days = [];

    private CalendarYear()
    {
    }

    public int Year { get; private set; }

    public CalendarOrigin Origin { get; private set; }

    /// <summary>Where the schedule was checked (notices, articles), one per line.</summary>
    public string Sources { get; private set; } = "";

    public IReadOnlyCollection<CalendarDay> Days => days;

    public static CalendarYear Create(int year, CalendarOrigin origin, IEnumerable<HolidayDay> holidayDays, string sources)
    {
        if (year is < WorkingDayCalendar.FirstYear or > WorkingDayCalendar.LastYear)
        {
            throw new DomainValidationException(nameof(Year), "Calendar.YearRange", WorkingDayCalendar.FirstYear, WorkingDayCalendar.LastYear);
        }

        var calendarYear = new CalendarYear { Year = year, Origin = origin, Sources = sources };
        foreach (var d in holidayDays)
        {
            calendarYear.Add(d.Date, d.Kind, d.Name);
        }

        return calendarYear;
    }

    /// <summary>An administrator adds a day off or a make-up working day.</summary>
    public void AddDay(DateOnly date, CalendarDayKind kind, string name)
    {
        Add(date, kind, name);
        Origin = CalendarOrigin.Edited;
    }

    public void RemoveDay(DateOnly date)
    {
        var day = days.Find(d => d.Date == date) ?? throw new DomainValidationException(nameof(CalendarDay.Date), "Calendar.DayNotFound");
        days.Remove(day);
        Origin = CalendarOrigin.Edited;
    }

    /// <summary>Replaces every day with another schedule (the official one, or the computed default).</summary>
    public void ReplaceWith(CalendarOrigin origin, IEnumerable<HolidayDay> holidayDays, string sources)
    {
        days.Clear();
        foreach (var d in holidayDays)
        {
            Add(d.Date, d.Kind, d.Name);
        }

        Origin = origin;
        Sources = sources;
    }

    private void Add(DateOnly date, CalendarDayKind kind, string name)
    {
        var errors = new ValidationErrors();
        name = (name ?? "").Trim();
        errors.Required(nameof(CalendarDay.Name), name, "Calendar.DayName");
        errors.MaxLength(nameof(CalendarDay.Name), name, CalendarDay.NameMaxLength);
        if (date.Year != Year)
        {
            errors.Add(nameof(CalendarDay.Date), "Calendar.DateNotInYear", Year);
        }

        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (kind == CalendarDayKind.DayOff && weekend)
        {
            errors.Add(nameof(CalendarDay.Date), "Calendar.DayOffOnWeekend");
        }

        if (kind == CalendarDayKind.MakeupWorkday && !weekend)
        {
            errors.Add(nameof(CalendarDay.Date), "Calendar.MakeupOnWeekday");
        }

        if (days.Exists(d => d.Date == date))
        {
            errors.Add(nameof(CalendarDay.Date), "Calendar.DayExists");
        }

        errors.ThrowIfAny();
        days.Add(new CalendarDay(Year, date, kind, name));
    }
}

/// <summary>A weekday off or a weekend working day of a <see cref="CalendarYear"/>.</summary>
internal sealed class CalendarDay
{
    public const int NameMaxLength = 200;

    internal CalendarDay(int year, DateOnly date, CalendarDayKind kind, string name)
    {
        Year = year;
        Date = date;
        Kind = kind;
        Name = name;
    }

    public int Year { get; private set; }

    public DateOnly Date { get; private set; }

    public CalendarDayKind Kind { get; private set; }

    public string Name { get; private set; }
}

/// <summary>A day of a schedule before it is stored.</summary>
internal sealed record HolidayDay(DateOnly Date, CalendarDayKind Kind, string Name);
