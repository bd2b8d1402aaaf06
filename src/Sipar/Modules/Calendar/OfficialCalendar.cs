using System.Globalization;
using System.Text.Json;

namespace Sipar.Modules.Calendar;

/// <summary>One year of the official schedule shipped with Sipar.</summary>
internal sealed record OfficialYear(int Year, IReadOnlyList<HolidayDay> Days, string Sources);

/// <summary>
/// The official days off and make-up Saturdays 2022–2026, from government notices, shipped inside the
/// executable (Modules/Calendar/holidays-vn.json, with the sources each break was checked against).
/// </summary>
internal static class OfficialCalendar
{
    private static readonly Lazy<IReadOnlyDictionary<int, OfficialYear>> Data = new(Load);

    public static IReadOnlyDictionary<int, OfficialYear> Years => Data.Value;

    private static Dictionary<int, OfficialYear> Load()
    {
        using var stream = typeof(OfficialCalendar).Assembly.GetManifestResourceStream("Sipar.Calendar.holidays-vn.json")
            ?? throw new InvalidOperationException("The official calendar resource is missing from the build.");
        using var json = JsonDocument.Parse(stream);
        var result = new Dictionary<int, OfficialYear>();
        foreach (var yearProperty in json.RootElement.GetProperty("years").EnumerateObject())
        {
            var year = int.Parse(yearProperty.Name, CultureInfo.InvariantCulture);
            var y = yearProperty.Value;
            var breaks = y.GetProperty("breaks").EnumerateArray()
                .Select(b => (From: D(b.GetProperty("from")), To: D(b.GetProperty("to")), Name: b.GetProperty("name").GetString()!,
                    Sources: b.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).ToList()))
                .ToList();
            var days = new List<HolidayDay>();
            foreach (var off in y.GetProperty("weekday_days_off").EnumerateArray().Select(D))
            {
                var name = breaks.Find(b => b.From <= off && off <= b.To).Name ?? "Ngày nghỉ";
                days.Add(new HolidayDay(off, CalendarDayKind.DayOff, name));
            }

            var sources = breaks.SelectMany(b => b.Sources).ToList();
            var details = y.TryGetProperty("makeup_details", out var md) ? md.EnumerateArray().ToList() : [];
            foreach (var makeup in y.GetProperty("makeup_workdays").EnumerateArray().Select(D))
            {
                var detail = details.Find(d => D(d.GetProperty("date")) == makeup);
                var note = detail.ValueKind == JsonValueKind.Object ? detail.GetProperty("note").GetString() : null;
                days.Add(new HolidayDay(makeup, CalendarDayKind.MakeupWorkday, string.IsNullOrWhiteSpace(note) ? "Làm bù" : Capitalise(note)));
                if (detail.ValueKind == JsonValueKind.Object)
                {
                    sources.AddRange(detail.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!));
                }
            }

            result[year] = new OfficialYear(year, days.OrderBy(d => d.Date).ToList(), string.Join('\n', sources.Distinct()));
        }

        return result;
    }

    private static DateOnly D(JsonElement e) => DateOnly.ParseExact(e.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Capitalise(string s) => char.ToUpper(s[0], CultureInfo.GetCultureInfo("vi-VN")) + s[1..];
}
