namespace Sipar.Infrastructure.Time;

/// <summary>
/// Việt Nam keeps one time zone, UTC+7, without daylight saving. Sipar stores instants in UTC; the dates it shows and
/// the deadlines it checks (receipt days, due dates, "today") are Vietnamese dates, whatever the server's zone.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The Vietnamese wall-clock time of a UTC instant.</summary>
    public static DateTime Local(DateTime utc) => DateTime.SpecifyKind(utc + Offset, DateTimeKind.Unspecified);

    /// <summary>The Vietnamese date of a UTC instant.</summary>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(utc + Offset);

    /// <summary>The UTC instant at which a Vietnamese day begins (17:00 UTC the day before).</summary>
    public static DateTime StartOfDayUtc(DateOnly date) => DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);

    /// <summary>Today in Việt Nam.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow().UtcDateTime);
    }
}
