using System.Globalization;
using Sipar.Infrastructure.Time;

namespace Sipar.Infrastructure.Localization;

/// <summary>
/// How Sipar writes dates, times and numbers for people, in one place: dates dd/MM/yyyy (as Vietnamese write them,
/// in both languages) and instants in Việt Nam time. Points keep their own helper (ParCalculator.Show).
/// </summary>
public static class Show
{
    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string? Date(DateOnly? date) => date is { } d ? Date(d) : null;

    /// <summary>A UTC instant as the date and time it was in Việt Nam.</summary>
    public static string Instant(DateTime utc) => VietnamTime.Local(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string? Instant(DateTime? utc) => utc is { } u ? Instant(u) : null;
}
