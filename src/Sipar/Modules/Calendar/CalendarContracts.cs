using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Calendar;

// The Calendar module's contract (ADR 0014): the working-day calendar as a snapshot, and where to get it.

/// <summary>The current working-day calendar (official days off and make-up days, with the computed default beyond them).</summary>
public interface ICalendars
{
    Task<WorkingDayCalendar> GetAsync(CancellationToken ct);
}


/// <summary>
/// An immutable snapshot of working days from <see cref="FirstYear"/> to <see cref="LastYear"/>. Time limits
/// follow the Civil Code 2015 (Điều 147–148): the receipt day is day 0, counting starts the next day, and the
/// appointment date for N working days is the N-th working day after the receipt day. Every query is O(1):
/// a prefix count of working days and the list of working days by rank.
/// </summary>
public sealed class WorkingDayCalendar
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    private static readonly DateOnly Start = new(FirstYear, 1, 1);
    private static readonly int StartDayNumber = Start.DayNumber;

    private readonly bool[] working;
    private readonly int[] workingUpTo; // workingUpTo[i] = number of working days in [Start, Start+i]
    private readonly int[] workingByRank; // workingByRank[k] = day index of the (k+1)-th working day
    private readonly Dictionary<DateOnly, HolidayDay> special;

    /// <param name="years">The schedule of each year: official, edited, or computed.</param>
    internal WorkingDayCalendar(IReadOnlyDictionary<int, IReadOnlyList<HolidayDay>> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var length = new DateOnly(LastYear, 12, 31).DayNumber - StartDayNumber + 1;
        working = new bool[length];
        workingUpTo = new int[length];
        special = [];
        for (var i = 0; i < length; i++)
        {
            var dow = (DayOfWeek)((i + (int)Start.DayOfWeek) % 7);
            working[i] = dow is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        }

        foreach (var day in years.Values.SelectMany(d => d))
        {
            var i = day.Date.DayNumber - StartDayNumber;
            if (i < 0 || i >= length)
            {
                continue;
            }

            working[i] = day.Kind == CalendarDayKind.MakeupWorkday;
            special[day.Date] = day;
        }

        var ranks = new List<int>(length * 5 / 7 + 16);
        var count = 0;
        for (var i = 0; i < length; i++)
        {
            if (working[i])
            {
                count++;
                ranks.Add(i);
            }

            workingUpTo[i] = count;
        }

        workingByRank = ranks.ToArray();
    }

    public bool IsWorkingDay(DateOnly date) => working[Index(date)];

    /// <summary>The holiday or make-up day on that date, if any.</summary>
    internal HolidayDay? SpecialDay(DateOnly date) => special.GetValueOrDefault(date);

    /// <summary>The number of working days after <paramref name="from"/> up to and including <paramref name="to"/> (negative when to &lt; from).</summary>
    public int CountWorkingDays(DateOnly from, DateOnly to) => workingUpTo[Index(to)] - workingUpTo[Index(from)];

    /// <summary>The <paramref name="workingDays"/>-th working day after <paramref name="day0"/> (day 0 itself is not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly day0, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        if (workingDays == 0)
        {
            return day0;
        }

        var rank = workingUpTo[Index(day0)] + workingDays - 1;
        if (rank >= workingByRank.Length)
        {
            throw new DomainValidationException("days", "Calendar.OutOfRange", FirstYear, LastYear);
        }

        return DateOnly.FromDayNumber(StartDayNumber + workingByRank[rank]);
    }

    /// <summary>The <paramref name="workingDays"/>-th working day before <paramref name="date"/> (the date itself is not counted).</summary>
    public DateOnly SubtractWorkingDays(DateOnly date, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        if (workingDays == 0)
        {
            return date;
        }

        // Working days strictly before the date: rank of the last one is workingUpTo[date-1] - 1.
        var before = workingUpTo[Index(date)] - (working[Index(date)] ? 1 : 0);
        var rank = before - workingDays;
        if (rank < 0)
        {
            throw new DomainValidationException("days", "Calendar.OutOfRange", FirstYear, LastYear);
        }

        return DateOnly.FromDayNumber(StartDayNumber + workingByRank[rank]);
    }

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => AddWorkingDays(date, 1);

    /// <summary>
    /// The receipt day (day 0) of something received at <paramref name="receivedLocal"/> (Vietnam time): that day,
    /// unless it is not a working day or the time is after <paramref name="cutoff"/>; then the next working day.
    /// </summary>
    public DateOnly ReceiptDay(DateTime receivedLocal, TimeOnly? cutoff)
    {
        var date = DateOnly.FromDateTime(receivedLocal);
        var late = cutoff is { } c && TimeOnly.FromDateTime(receivedLocal) > c;
        return IsWorkingDay(date) && !late ? date : NextWorkingDay(date);
    }

    /// <summary>Ngày hẹn trả: the N-th working day after the receipt day.</summary>
    public DateOnly AppointmentDate(DateTime receivedLocal, int workingDays, TimeOnly? cutoff) =>
        AddWorkingDays(ReceiptDay(receivedLocal, cutoff), workingDays);

    private static int Index(DateOnly date)
    {
        var i = date.DayNumber - StartDayNumber;
        if (date.Year is < FirstYear or > LastYear)
        {
            throw new DomainValidationException("date", "Calendar.OutOfRange", FirstYear, LastYear);
        }

        return i;
    }
}
