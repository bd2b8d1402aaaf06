using System.Globalization;
using Sipar.Infrastructure.Time;

namespace Sipar.Infrastructure.Localization;

/// <summary>
/// How Sipar writes dates, times and numbers for people, in one place: dates dd/MM/yyyy (as Vietnamese write them,
/// in both languages), instants in Việt Nam time, points and percentages in the request's culture (vi: "14,5").
/// </summary>
public static class Show
{
    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string? Date(DateOnly? date) => date is { } d ? Date(d) : null;

    /// <summary>A calendar date held as a <see cref="DateTime"/> (its date part only).</summary>
    public static string Date(DateTime date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string? Date(DateTime? date) => date is { } d ? Date(d) : null;

    /// <summary>A UTC instant as the date and time it was in Việt Nam.</summary>
    public static string Instant(DateTime utc) => VietnamTime.Local(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string? Instant(DateTime? utc) => utc is { } u ? Instant(u) : null;

    /// <summary>Points and other decimals, at most two decimals, in the request's culture.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.CurrentCulture);

    public static string Percent(decimal value) => Number(value) + "%";
}
