using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.ParIndex;

public enum CriterionLevel
{
    /// <summary>Lĩnh vực.</summary>
    Area,

    /// <summary>Tiêu chí.</summary>
    Criterion,

    /// <summary>Tiêu chí thành phần.</summary>
    SubCriterion,
}

public enum ScoringMethod
{
    /// <summary>Tự đánh giá, có tài liệu kiểm chứng.</summary>
    SelfAssessed,

    /// <summary>Chấm qua điều tra xã hội học.</summary>
    Survey,

    /// <summary>Tính từ dữ liệu của Sipar.</summary>
    Computed,
}

/// <summary>One line of a framework file: an area, criterion or sub-criterion. <see cref="Row"/> is where it stood.</summary>
public sealed record FrameworkLine(
    int Row, string Code, CriterionLevel? Level, string Name, decimal? MaxPoints, ScoringMethod? Method, string? RuleText, string? Rule, string? Evidence,
    string? RawLevel = null, string? RawPoints = null, string? RawMethod = null);

/// <summary>A framework as read from a file, before validation.</summary>
public sealed record FrameworkFile(string Name, int? Year, decimal? DeclaredTotal, IReadOnlyList<FrameworkLine> Lines, IReadOnlyList<FieldError> FileErrors);

/// <summary>
/// Reads a PAR INDEX framework from JSON or .xlsx. The .xlsx has a header row with the columns (Vietnamese or
/// English, diacritics optional): Mã | Cấp | Tên | Điểm tối đa | Phương pháp | Cách chấm | Quy tắc | Tài liệu kiểm chứng;
/// cells B1… may hold "Tổng điểm: 100" in a row above the header. Values are kept as written so validation can
/// name each bad row.
/// </summary>
public static class FrameworkReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static FrameworkFile Read(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            throw new DomainValidationException("file", "Import.EmptyFile");
        }

        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return extension switch
        {
            ".json" => ReadJson(content),
            ".xlsx" => ReadXlsx(content),
            _ => throw new DomainValidationException("file", "Par.FileType"),
        };
    }

    private sealed record JsonFramework(string? Name, int? Year, decimal? Total, List<JsonItem>? Items);

    private sealed record JsonItem(string? Code, string? Level, string? Name, JsonElement? MaxPoints, string? Method, string? RuleText, string? Rule, string? Evidence);

    private static FrameworkFile ReadJson(byte[] content)
    {
        JsonFramework? file;
        try
        {
            file = JsonSerializer.Deserialize<JsonFramework>(content, Json);
        }
        catch (JsonException e)
        {
            return new FrameworkFile("", null, null, [], [new FieldError("file", "Par.JsonInvalid", e.LineNumber + 1 ?? 0)]);
        }

        var lines = (file?.Items ?? []).Select((item, i) =>
        {
            var rawPoints = item.MaxPoints is { } p ? (p.ValueKind == JsonValueKind.Number ? p.GetRawText() : p.ToString()) : null;
            return Line(i + 1, item.Code, item.Level, item.Name, rawPoints, item.Method, item.RuleText, item.Rule, item.Evidence);
        }).ToList();
        return new FrameworkFile(file?.Name ?? "", file?.Year, file?.Total, lines, []);
    }

    private static FrameworkFile ReadXlsx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw new DomainValidationException("file", "Par.XlsxUnreadable");
            var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new DomainValidationException("file", "Par.XlsxUnreadable");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var errors = new List<FieldError>();
            foreach (var merge in part.Worksheet?.Elements<MergeCells>().SelectMany(m => m.Elements<MergeCell>()) ?? [])
            {
                var reference = merge.Reference?.Value ?? "";
                errors.Add(new FieldError("file", "Par.MergedCells", RowOf(reference.Split(':')[0]), reference));
            }

            var rows = part.Worksheet?.Descendants<Row>().ToList() ?? [];
            string Text(Cell c) => c.DataType?.Value == CellValues.SharedString && int.TryParse(c.CellValue?.Text, out var i) && i < shared.Count
                ? shared[i]
                : c.DataType?.Value == CellValues.InlineString ? c.InlineString?.InnerText ?? "" : c.CellValue?.Text ?? "";
            Dictionary<string, string> Cells(Row r) => r.Elements<Cell>().ToDictionary(c => new string((c.CellReference?.Value ?? "").TakeWhile(char.IsLetter).ToArray()), Text);

            int? headerIndex = null;
            decimal? total = null;
            string name = "";
            int? year = null;
            var columns = new Dictionary<string, string>();
            for (var i = 0; i < rows.Count && headerIndex is null; i++)
            {
                var cells = Cells(rows[i]);
                var folded = cells.ToDictionary(kv => kv.Key, kv => VietnameseText.Fold(kv.Value));
                if (folded.Values.Any(v => v is "ma" or "code") && folded.Values.Any(v => v.StartsWith("ten", StringComparison.Ordinal) || v == "name"))
                {
                    headerIndex = i;
                    foreach (var (col, header) in folded)
                    {
                        columns[header switch
                        {
                            "ma" or "code" => "code",
                            "cap" or "level" => "level",
                            "ten" or "name" or "ten tieu chi" => "name",
                            "diem toi da" or "max points" or "diem" => "points",
                            "phuong phap" or "method" => "method",
                            "cach cham" or "rule text" => "ruleText",
                            "quy tac" or "rule" => "rule",
                            "tai lieu kiem chung" or "evidence" => "evidence",
                            _ => header,
                        }] = col;
                    }
                }
                else
                {
                    foreach (var value in cells.Values)
                    {
                        var f = VietnameseText.Fold(value);
                        if (f.StartsWith("tong diem", StringComparison.Ordinal) && Number(value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..]) is { } t)
                        {
                            total = t;
                        }
                        else if (f.StartsWith("nam", StringComparison.Ordinal) && int.TryParse(value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var y))
                        {
                            year = y;
                        }
                        else if (name.Length == 0 && value.Trim().Length > 0)
                        {
                            name = value.Trim();
                        }
                    }
                }
            }

            if (headerIndex is null)
            {
                return new FrameworkFile(name, year, total, [], [.. errors, new FieldError("file", "Import.MissingColumn", "Mã")]);
            }

            string? Get(Dictionary<string, string> cells, string key) =>
                columns.TryGetValue(key, out var col) && cells.TryGetValue(col, out var v) && v.Trim().Length > 0 ? v.Trim() : null;
            var lines = new List<FrameworkLine>();
            foreach (var row in rows.Skip(headerIndex.Value + 1))
            {
                var cells = Cells(row);
                if (cells.Values.All(v => v.Trim().Length == 0))
                {
                    continue;
                }

                lines.Add(Line((int)(row.RowIndex?.Value ?? 0), Get(cells, "code"), Get(cells, "level"), Get(cells, "name"), Get(cells, "points"),
                    Get(cells, "method"), Get(cells, "ruleText"), Get(cells, "rule"), Get(cells, "evidence")));
            }

            return new FrameworkFile(name, year, total, lines, errors);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FormatException or System.Xml.XmlException or ArgumentException or InvalidOperationException)
        {
            throw new DomainValidationException("file", "Par.XlsxUnreadable");
        }
    }

    /// <summary>Every non-empty row of the first sheet of an .xlsx, cells in column order (A, B, C…).</summary>
    internal static List<(int Row, IReadOnlyList<string> Cells)> ReadRows(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw new DomainValidationException("file", "Par.XlsxUnreadable");
            var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new DomainValidationException("file", "Par.XlsxUnreadable");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var result = new List<(int, IReadOnlyList<string>)>();
            foreach (var row in part.Worksheet?.Descendants<Row>() ?? [])
            {
                var cells = new SortedDictionary<int, string>();
                foreach (var c in row.Elements<Cell>())
                {
                    var letters = new string((c.CellReference?.Value ?? "").TakeWhile(char.IsLetter).ToArray());
                    var column = letters.Aggregate(0, (n, ch) => (n * 26) + (char.ToUpperInvariant(ch) - 'A' + 1)) - 1;
                    var text = c.DataType?.Value == CellValues.SharedString && int.TryParse(c.CellValue?.Text, out var i) && i < shared.Count
                        ? shared[i]
                        : c.DataType?.Value == CellValues.InlineString ? c.InlineString?.InnerText ?? "" : c.CellValue?.Text ?? "";
                    cells[Math.Max(column, 0)] = text;
                }

                if (cells.Count > 0)
                {
                    var width = cells.Keys.Max() + 1;
                    result.Add(((int)(row.RowIndex?.Value ?? 0), Enumerable.Range(0, width).Select(k => cells.GetValueOrDefault(k, "")).ToList()));
                }
            }

            return result;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FormatException or System.Xml.XmlException or ArgumentException or InvalidOperationException)
        {
            throw new DomainValidationException("file", "Par.XlsxUnreadable");
        }
    }

    private static FrameworkLine Line(int row, string? code, string? level, string? name, string? points, string? method, string? ruleText, string? rule, string? evidence) =>
        new(row, (code ?? "").Trim(), LevelOf(level, code), (name ?? "").Trim(), Number(points), MethodOf(method), ruleText, rule, evidence, level, points, method);

    internal static decimal? Number(string? text)
    {
        var t = (text ?? "").Trim().Replace(',', '.');
        return decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    private static CriterionLevel? LevelOf(string? level, string? code)
    {
        var f = VietnameseText.Fold(level);
        if (f.Length == 0)
        {
            // No level column: the depth of the code says it (1 / 1.1 / 1.1.1).
            var depth = (code ?? "").Trim().TrimEnd('.').Split('.').Length;
            return depth switch { 1 => CriterionLevel.Area, 2 => CriterionLevel.Criterion, 3 => CriterionLevel.SubCriterion, _ => null };
        }

        return f switch
        {
            "linh vuc" or "area" => CriterionLevel.Area,
            "tieu chi" or "criterion" => CriterionLevel.Criterion,
            "tieu chi thanh phan" or "tctp" or "subcriterion" or "sub-criterion" => CriterionLevel.SubCriterion,
            _ => null,
        };
    }

    private static ScoringMethod? MethodOf(string? method)
    {
        var f = VietnameseText.Fold(method);
        return f switch
        {
            "" or "tu danh gia" or "tu cham" or "selfassessed" or "self-assessed" => ScoringMethod.SelfAssessed,
            "dieu tra" or "dieu tra xa hoi hoc" or "survey" => ScoringMethod.Survey,
            "tinh tu du lieu" or "du lieu sipar" or "computed" => ScoringMethod.Computed,
            _ => null,
        };
    }

    private static int RowOf(string reference) =>
        int.TryParse(new string(reference.SkipWhile(char.IsLetter).ToArray()), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;
}
