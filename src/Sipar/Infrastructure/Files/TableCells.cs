using System.Globalization;

namespace Sipar.Infrastructure.Files;

/// <summary>Cells of imported tables as Vietnamese offices write them; shared by every importer (dossiers, survey frames).</summary>
public static class TableCells
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy", "yyyy-MM-dd", "dd.MM.yyyy"];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A date: dd/MM/yyyy (also with "-" or "."), yyyy-MM-dd, a spreadsheet's serial number; a time after it is ignored.</summary>
    public static bool TryDate(string? text, out DateOnly date)
    {
        var t = (text ?? "").Trim();
        date = default;
        if (t.Length == 0)
        {
            return false;
        }

        if (double.TryParse(t, NumberStyles.Float, Invariant, out var serial) && serial is > 20000 and < 80000)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }

        var day = t.Split([' ', 'T'], 2)[0];
        // The two shapes exports use, read by hand (a million rows spent a third of their time in the general parser).
        if (TryDigits(day, out date))
        {
            return date.Year is >= 2000 and <= 2100;
        }

        return DateOnly.TryParseExact(day, DateFormats, Invariant, DateTimeStyles.None, out date) && date.Year is >= 2000 and <= 2100;
    }

    /// <summary>d/M/yyyy (also with "-" or ".") and yyyy-MM-dd, digits only; false for anything else (the general parser decides).</summary>
    private static bool TryDigits(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        int Number(ReadOnlySpan<char> part)
        {
            if (part.Length is 0 or > 4)
            {
                return -1;
            }

            var n = 0;
            foreach (var c in part)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return -1;
                }

                n = (n * 10) + (c - '0');
            }

            return n;
        }

        var first = s.IndexOfAny('/', '-', '.');
        if (first < 0)
        {
            return false;
        }

        var separator = s[first];
        var rest = s[(first + 1)..];
        var second = rest.IndexOf(separator);
        if (second < 0)
        {
            return false;
        }

        int a = Number(s[..first]), b = Number(rest[..second]), c = Number(rest[(second + 1)..]);
        var (year, month, dayOfMonth) = first == 4 ? (a, b, c) : (c, b, a);
        if (a < 0 || b < 0 || c < 0 || (first != 4 && rest[(second + 1)..].Length != 4) || month is < 1 or > 12 || dayOfMonth < 1 || year < 1
            || dayOfMonth > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, dayOfMonth);
        return true;
    }
}
