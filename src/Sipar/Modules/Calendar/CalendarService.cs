using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Calendar;

internal sealed record CalendarYearInfo(int Year, CalendarOrigin Origin, bool Stored, int DaysOff, int MakeupDays, string Sources);

/// <summary>
/// Serves the working-day calendar: years stored in the database (official or edited by an administrator),
/// and the computed default for every other year. The snapshot is cached; an edit on this instance drops it
/// at once, and other instances pick edits up within <see cref="CacheLifetime"/>.
/// </summary>
internal sealed class CalendarService(IServiceScopeFactory scopes, TimeProvider clock) : ICalendars, IDisposable
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);

    private static readonly ConcurrentDictionary<int, IReadOnlyList<HolidayDay>> Computed = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private (WorkingDayCalendar Calendar, DateTimeOffset LoadedAt)? cached;

    public static IReadOnlyList<HolidayDay> ComputedYear(int year) => Computed.GetOrAdd(year, DefaultHolidays.For);

    /// <summary>The calendar as shipped: official years, the computed default elsewhere (no administrator edits).</summary>
    public static WorkingDayCalendar Shipped()
    {
        var years = new Dictionary<int, IReadOnlyList<HolidayDay>>();
        for (var year = WorkingDayCalendar.FirstYear; year <= WorkingDayCalendar.LastYear; year++)
        {
            years[year] = OfficialCalendar.Years.TryGetValue(year, out var official) ? official.Days : ComputedYear(year);
        }

        return new WorkingDayCalendar(years);
    }

    public async Task<WorkingDayCalendar> GetAsync(CancellationToken ct = default)
    {
        if (cached is { } c && clock.GetUtcNow() - c.LoadedAt < CacheLifetime)
        {
            return c.Calendar;
        }

        await gate.WaitAsync(ct);
        try
        {
            if (cached is { } again && clock.GetUtcNow() - again.LoadedAt < CacheLifetime)
            {
                return again.Calendar;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SiparDbContext>();
            var stored = await db.Set<CalendarDay>().AsNoTracking().ToListAsync(ct);
            var storedYears = await db.Set<CalendarYear>().AsNoTracking().Select(y => y.Year).ToListAsync(ct);
            var years = new Dictionary<int, IReadOnlyList<HolidayDay>>();
            for (var year = WorkingDayCalendar.FirstYear; year <= WorkingDayCalendar.LastYear; year++)
            {
                years[year] = storedYears.Contains(year)
                    ? stored.Where(d => d.Year == year).Select(d => new HolidayDay(d.Date, d.Kind, d.Name)).ToList()
                    : ComputedYear(year);
            }

            var calendar = new WorkingDayCalendar(years);
            cached = (calendar, clock.GetUtcNow());
            return calendar;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Invalidate() => cached = null;

    public void Dispose() => gate.Dispose();
}

/// <summary>The administrator's handlers for the calendar; used by the admin pages and the API.</summary>
internal sealed class CalendarAdministration(SiparDbContext db, CalendarService calendars)
{
    public async Task<IReadOnlyList<CalendarYearInfo>> ListYearsAsync(int aroundYear, CancellationToken ct)
    {
        var stored = await db.Set<CalendarYear>().AsNoTracking()
            .Select(y => new CalendarYearInfo(y.Year, y.Origin, true,
                y.Days.Count(d => d.Kind == CalendarDayKind.DayOff), y.Days.Count(d => d.Kind == CalendarDayKind.MakeupWorkday), y.Sources))
            .ToListAsync(ct);
        var years = stored.ToDictionary(y => y.Year);
        for (var year = aroundYear - 1; year <= aroundYear + 2; year++)
        {
            if (!years.ContainsKey(year) && year is >= WorkingDayCalendar.FirstYear and <= WorkingDayCalendar.LastYear)
            {
                var days = CalendarService.ComputedYear(year);
                years[year] = new CalendarYearInfo(year, CalendarOrigin.Computed, false, days.Count, 0, "");
            }
        }

        return years.Values.OrderByDescending(y => y.Year).ToList();
    }

    /// <summary>The days of a year: stored, or the computed default when the year is not stored.</summary>
    public async Task<(CalendarYearInfo Info, IReadOnlyList<HolidayDay> Days)> GetYearAsync(int year, CancellationToken ct)
    {
        CheckRange(year);
        var stored = await db.Set<CalendarYear>().AsNoTracking().Include(y => y.Days).FirstOrDefaultAsync(y => y.Year == year, ct);
        if (stored is null)
        {
            var days = CalendarService.ComputedYear(year);
            return (new CalendarYearInfo(year, CalendarOrigin.Computed, false, days.Count, 0, ""), days);
        }

        var list = stored.Days.OrderBy(d => d.Date).Select(d => new HolidayDay(d.Date, d.Kind, d.Name)).ToList();
        return (new CalendarYearInfo(year, stored.Origin, true, list.Count(d => d.Kind == CalendarDayKind.DayOff),
            list.Count(d => d.Kind == CalendarDayKind.MakeupWorkday), stored.Sources), list);
    }

    public Task AddDayAsync(int year, DateOnly date, CalendarDayKind kind, string name, CancellationToken ct) =>
        ChangeAsync(year, y => y.AddDay(date, kind, name), ct);

    public Task RemoveDayAsync(int year, DateOnly date, CancellationToken ct) =>
        ChangeAsync(year, y => y.RemoveDay(date), ct);

    /// <summary>Puts the year back to the official notice shipped with Sipar, or to the computed default.</summary>
    public Task ResetAsync(int year, CancellationToken ct) =>
        ChangeAsync(year, y =>
        {
            if (OfficialCalendar.Years.TryGetValue(year, out var official))
            {
                y.ReplaceWith(CalendarOrigin.Official, official.Days, official.Sources);
            }
            else
            {
                y.ReplaceWith(CalendarOrigin.Computed, CalendarService.ComputedYear(year), "");
            }
        }, ct);

    private async Task ChangeAsync(int year, Action<CalendarYear> change, CancellationToken ct)
    {
        CheckRange(year);
        var stored = await db.Set<CalendarYear>().Include(y => y.Days).FirstOrDefaultAsync(y => y.Year == year, ct);
        if (stored is null)
        {
            // Editing a computed year stores it first, so the edit has something to apply to.
            stored = CalendarYear.Create(year, CalendarOrigin.Computed, CalendarService.ComputedYear(year), "");
            db.Add(stored);
        }

        change(stored);
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
    }

    private static void CheckRange(int year)
    {
        if (year is < WorkingDayCalendar.FirstYear or > WorkingDayCalendar.LastYear)
        {
            throw new DomainValidationException("year", "Calendar.YearRange", WorkingDayCalendar.FirstYear, WorkingDayCalendar.LastYear);
        }
    }
}

/// <summary>Loads the official years shipped with Sipar into the database, once; edited years are kept.</summary>
internal sealed class OfficialCalendarSeeder(CalendarService calendars) : IDatabaseSeeder
{
    public int Order => 0;

    public async Task SeedAsync(SiparDbContext db, CancellationToken cancellationToken)
    {
        var present = await db.Set<CalendarYear>().Select(y => y.Year).ToListAsync(cancellationToken);
        var missing = OfficialCalendar.Years.Values.Where(y => !present.Contains(y.Year)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var y in missing)
        {
            db.Add(CalendarYear.Create(y.Year, CalendarOrigin.Official, y.Days, y.Sources));
        }

        await db.SaveChangesAsync(cancellationToken);
        calendars.Invalidate();
    }
}
