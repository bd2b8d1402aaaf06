using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Time;

using Sipar.Infrastructure.Files;

namespace Sipar.Modules.Dossiers;

/// <summary>A field an import needs: its key (in the mapping JSON), whether it must be mapped, and headers it is known by.</summary>
internal sealed record ImportField(string Key, bool Required, params string[] KnownHeaders)
{
    public string LabelKey => "ImportField." + Key;
}

/// <summary>
/// Which column of the file holds which field. Published lists differ ("Thời hạn giải quyết", "Ngày thụ lý",
/// "Mức độ"…), so a person maps them once: the page guesses from the headers, the person corrects, and the same
/// mapping (JSON: field key → header text) drives the CLI. Headers match without diacritics or case.
/// </summary>
internal sealed partial class ColumnMapping
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private ColumnMapping(IReadOnlyDictionary<string, string> headers) => Headers = headers;

    /// <summary>Field key → the header it is read from.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public string ToJson() => JsonSerializer.Serialize(Headers, Json);

    public static ColumnMapping Of(IReadOnlyDictionary<string, string> headers) =>
        new(headers.Where(h => !string.IsNullOrWhiteSpace(h.Value)).ToDictionary(h => h.Key, h => h.Value.Trim(), StringComparer.Ordinal));

    /// <summary>Reads the mapping JSON (<c>{"code": "Mã hồ sơ", …}</c>); unknown keys and a malformed file are refused.</summary>
    public static ColumnMapping Parse(string? json, IReadOnlyList<ImportField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Dictionary<string, string>? map;
        try
        {
            map = JsonSerializer.Deserialize<Dictionary<string, string>>(json ?? "");
        }
        catch (JsonException)
        {
            map = null;
        }

        if (map is null)
        {
            throw new DomainValidationException("mapping", "Import.MappingUnreadable");
        }

        var unknown = map.Keys.Where(k => fields.All(f => f.Key != k)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainValidationException("mapping", "Import.MappingUnknownField", string.Join(", ", unknown), string.Join(", ", fields.Select(f => f.Key)));
        }

        return Of(map);
    }

    /// <summary>The guess from the header row: each field takes the first header it is known by.</summary>
    public static ColumnMapping Guess(IReadOnlyList<string> headers, IReadOnlyList<ImportField> fields)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(fields);
        var folded = headers.Select(h => VietnameseText.Fold(h)).ToList();
        var taken = new HashSet<int>();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            // Exact names first, then a header that starts with a known name ("Thời hạn giải quyết (ngày)").
            var known = field.KnownHeaders.Select(VietnameseText.Fold).ToList();
            var index = known.Select(k => folded.FindIndex(h => h == k)).FirstOrDefault(i => i >= 0 && !taken.Contains(i), -1);
            if (index < 0)
            {
                index = known.Select(k => folded.FindIndex(h => h.StartsWith(k, StringComparison.Ordinal))).FirstOrDefault(i => i >= 0 && !taken.Contains(i), -1);
            }

            if (index >= 0)
            {
                taken.Add(index);
                map[field.Key] = headers[index];
            }
        }

        return new ColumnMapping(map);
    }

    /// <summary>The column index of each mapped field; a required field unmapped, or a header not in the file, is refused.</summary>
    public IReadOnlyDictionary<string, int> Resolve(IReadOnlyList<string> headers, IReadOnlyList<ImportField> fields)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(fields);
        var errors = new ValidationErrors();
        var folded = headers.Select(h => VietnameseText.Fold(h)).ToList();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!Headers.TryGetValue(field.Key, out var header))
            {
                if (field.Required)
                {
                    errors.Add("map." + field.Key, "Import.RequiredUnmapped", new LabelArg(field.LabelKey));
                }

                continue;
            }

            var index = folded.IndexOf(VietnameseText.Fold(header));
            if (index < 0)
            {
                errors.Add("map." + field.Key, "Import.HeaderNotFound", header, new LabelArg(field.LabelKey));
                continue;
            }

            columns[field.Key] = index;
        }

        errors.ThrowIfAny();
        return columns;
    }
}

/// <summary>Reads the cells of published lists and exports: dates in the ways Vietnamese offices write them, time limits as text, fees, levels, yes/no.</summary>
internal static partial class ImportCells
{
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A date as offices write it (<see cref="TableCells.TryDate"/>).</summary>
    public static bool TryDate(string? text, out DateOnly date) => TableCells.TryDate(text, out date);

    /// <summary>An instant written in Vietnam time ("05/12/2022 14:30", "2022-12-05 14:30:00", a serial number), as UTC; a date alone is 00:00.</summary>
    public static bool TryInstant(string? text, out DateTime utc)
    {
        var t = (text ?? "").Trim();
        utc = default;
        if (!TryDate(t, out var date))
        {
            return false;
        }

        var time = TimeOnly.MinValue;
        if (double.TryParse(t, NumberStyles.Float, Invariant, out var serial))
        {
            time = TimeOnly.FromDateTime(DateTime.FromOADate(serial));
        }
        else if (t.Split([' ', 'T'], 2) is [_, var rest] && !TryTime(rest.Trim(), out time))
        {
            return false;
        }

        utc = VietnamTime.StartOfDayUtc(date).Add(time.ToTimeSpan());
        return true;
    }

    /// <summary>H:mm or H:mm:ss, read by hand for the common case.</summary>
    private static bool TryTime(string text, out TimeOnly time)
    {
        var parts = text.Split(':');
        if (parts.Length is 2 or 3 && parts.All(p => p.Length is 1 or 2 && p.All(char.IsAsciiDigit)))
        {
            var h = int.Parse(parts[0], Invariant);
            var m = int.Parse(parts[1], Invariant);
            var sec = parts.Length == 3 ? int.Parse(parts[2], Invariant) : 0;
            if (h < 24 && m < 60 && sec < 60)
            {
                time = new TimeOnly(h, m, sec);
                return true;
            }
        }

        return TimeOnly.TryParseExact(text, TimeFormats, Invariant, DateTimeStyles.None, out time);
    }

    /// <summary>
    /// A time limit as published: "05 ngày làm việc", "15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "30 ngày",
    /// "04 giờ làm việc", "Trong ngày", "0,5 ngày làm việc" (4 hours), or a bare number (working days).
    /// </summary>
    public static bool TryTimeLimit(string? text, out int limit, out TimeLimitUnit unit)
    {
        var t = VietnameseText.Fold(text);
        limit = 0;
        unit = TimeLimitUnit.WorkingDays;
        if (t.Length == 0)
        {
            return false;
        }

        if (t.StartsWith("trong ngay", StringComparison.Ordinal))
        {
            return true;
        }

        var m = LimitPattern().Match(t);
        if (!m.Success || !decimal.TryParse(m.Groups["n"].Value.Replace(',', '.'), NumberStyles.Number, Invariant, out var n) || n < 0 || n > 365)
        {
            return false;
        }

        var word = m.Groups["unit"].Value;
        if (word.StartsWith("gio", StringComparison.Ordinal))
        {
            unit = TimeLimitUnit.WorkingHours;
            limit = (int)Math.Ceiling(n);
            return true;
        }

        var working = word.Length == 0 || word.Contains("lam viec", StringComparison.Ordinal);
        if (n != Math.Floor(n))
        {
            // Half days are published for quick procedures: count them in working hours.
            unit = TimeLimitUnit.WorkingHours;
            limit = (int)Math.Ceiling(n * 8);
            return true;
        }

        unit = working ? TimeLimitUnit.WorkingDays : TimeLimitUnit.CalendarDays;
        limit = (int)n;
        return true;
    }

    /// <summary>Fees in đồng: "không", "Không quy định", "Miễn phí" are 0; "50.000 đồng", "50,000đ/hồ sơ" are 50000 (the first amount).</summary>
    public static bool TryFee(string? text, out long fee)
    {
        var t = VietnameseText.Fold(text);
        fee = 0;
        if (t.Length == 0 || t.StartsWith("khong", StringComparison.Ordinal) || t.StartsWith("mien", StringComparison.Ordinal))
        {
            return true;
        }

        var m = AmountPattern().Match(t);
        return m.Success && long.TryParse(m.Value.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), NumberStyles.None, Invariant, out fee)
            && fee <= 1_000_000_000_000;
    }

    /// <summary>Online level: "toàn trình", "một phần", old "mức độ 4"/"4" (toàn trình), "mức độ 3"/"3" (một phần); anything else none.</summary>
    public static OnlineLevel Level(string? text)
    {
        var t = VietnameseText.Fold(text);
        return t.Contains("toan trinh", StringComparison.Ordinal) || Digit(t) == '4' ? OnlineLevel.Full
            : t.Contains("mot phan", StringComparison.Ordinal) || Digit(t) == '3' ? OnlineLevel.Partial
            : OnlineLevel.None;
    }

    /// <summary>An intake cut-off hour: "15:00", "15h", "15 giờ 30".</summary>
    public static bool TryCutoff(string? text, out TimeOnly? cutoff)
    {
        var t = VietnameseText.Fold(text);
        cutoff = null;
        if (t.Length == 0)
        {
            return true;
        }

        var m = CutoffPattern().Match(t);
        if (!m.Success || !int.TryParse(m.Groups["h"].Value, Invariant, out var h) || h > 23)
        {
            return false;
        }

        var minutes = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, Invariant) : 0;
        if (minutes > 59)
        {
            return false;
        }

        cutoff = new TimeOnly(h, minutes);
        return true;
    }

    /// <summary>Yes: "x", "có", "1", "true", "yes", "đã …"; anything else no.</summary>
    public static bool Flag(string? text)
    {
        var t = VietnameseText.Fold(text);
        return t is "x" or "co" or "1" or "true" or "yes" or "y" || t.StartsWith("da ", StringComparison.Ordinal) || t.StartsWith("co ", StringComparison.Ordinal);
    }

    public static DossierChannel Channel(string? text)
    {
        var t = VietnameseText.Fold(text);
        return t.Contains("truc tuyen", StringComparison.Ordinal) || t.Contains("online", StringComparison.Ordinal) || t.Contains("dvc", StringComparison.Ordinal) || t.Contains("mang", StringComparison.Ordinal)
            ? DossierChannel.Online
            : t.Contains("buu", StringComparison.Ordinal) ? DossierChannel.Post : DossierChannel.Desk;
    }

    /// <summary>The status words one-stop systems export; null when the text is none of them.</summary>
    public static DossierStatus? Status(string? text)
    {
        var t = VietnameseText.Fold(text);
        return t switch
        {
            _ when t.Contains("tra ket qua", StringComparison.Ordinal) || t.Contains("da tra", StringComparison.Ordinal) || t == "returned" => DossierStatus.Returned,
            _ when t.Contains("tu choi", StringComparison.Ordinal) || t == "refused" => DossierStatus.Refused,
            _ when t.Contains("dung", StringComparison.Ordinal) || t.Contains("rut", StringComparison.Ordinal) || t == "stopped" => DossierStatus.Stopped,
            _ when t.Contains("bo sung", StringComparison.Ordinal) => DossierStatus.AwaitingSupplement,
            _ when t.Contains("co ket qua", StringComparison.Ordinal) || t.Contains("cho tra", StringComparison.Ordinal) || t.Contains("hoan thanh", StringComparison.Ordinal) || t.Contains("da giai quyet", StringComparison.Ordinal) => DossierStatus.ResultReady,
            _ when t.Contains("ky", StringComparison.Ordinal) || t.Contains("trinh", StringComparison.Ordinal) => DossierStatus.AwaitingSignature,
            _ when t.Contains("xu ly", StringComparison.Ordinal) || t.Contains("dang giai quyet", StringComparison.Ordinal) || t.Contains("thu ly", StringComparison.Ordinal) => DossierStatus.Processing,
            _ when t.Contains("tiep nhan", StringComparison.Ordinal) || t.Contains("moi", StringComparison.Ordinal) => DossierStatus.Accepted,
            _ => null,
        };
    }

    private static char? Digit(string t)
    {
        var digits = t.Where(char.IsAsciiDigit).ToList();
        return digits.Count == 1 ? digits[0] : null;
    }

    [GeneratedRegex(@"(?<n>\d+(?:[.,]\d+)?)\s*(?<unit>ngay lam viec|ngay|gio lam viec|gio)?")]
    private static partial Regex LimitPattern();

    [GeneratedRegex(@"\d{1,3}(?:[., ]\d{3})+|\d+")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"^(?<h>\d{1,2})\s*(?::|h|gio)\s*(?<m>\d{2})?")]
    private static partial Regex CutoffPattern();
}
