using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.ParIndex;

internal enum CriterionLevel
{
    /// <summary>Lĩnh vực.</summary>
    Area,

    /// <summary>Tiêu chí.</summary>
    Criterion,

    /// <summary>Tiêu chí thành phần.</summary>
    SubCriterion,
}

internal enum ScoringMethod
{
    /// <summary>Tự đánh giá, có tài liệu kiểm chứng.</summary>
    SelfAssessed,

    /// <summary>Chấm qua điều tra xã hội học.</summary>
    Survey,

    /// <summary>Tính từ dữ liệu của Sipar.</summary>
    Computed,
}

/// <summary>One line of a framework file: an area, criterion or sub-criterion. <see cref="Row"/> is where it stood.</summary>
internal sealed record FrameworkLine(
    int Row, string Code, CriterionLevel? Level, string Name, decimal? MaxPoints, ScoringMethod? Method, string? RuleText, string? Rule, string? Evidence,
    string? RawLevel = null, string? RawPoints = null, string? RawMethod = null, string? Source = null, string? PreviousCodes = null);

/// <summary>A framework as read from a file, before validation.</summary>
internal sealed record FrameworkFile(string Name, int? Year, decimal? DeclaredTotal, IReadOnlyList<FrameworkLine> Lines, IReadOnlyList<FieldError> FileErrors);

/// <summary>
/// Reads a PAR INDEX framework from JSON or .xlsx. The .xlsx has a header row with the columns (Vietnamese or
/// English, diacritics optional): Mã | Cấp | Tên | Điểm tối đa | Phương pháp | Cách chấm | Quy tắc | Tài liệu kiểm chứng
/// | Nguồn dữ liệu (for computed items) | Mã năm trước (the previous year's codes, ";"-separated);
/// cells B1… may hold "Tổng điểm: 100" in a row above the header. Values are kept as written so validation can
/// name each bad row.
/// </summary>
internal static class FrameworkReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() }, MaxDepth = 16 };

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

    private sealed record JsonItem(string? Code, string? Level, string? Name, JsonElement? MaxPoints, string? Method, string? RuleText, string? Rule, string? Evidence, string? Source, string? PreviousCodes);

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
            return Line(i + 1, item.Code, item.Level, item.Name, rawPoints, item.Method, item.RuleText, item.Rule, item.Evidence) with
            {
                Source = Blank(item.Source), PreviousCodes = Blank(item.PreviousCodes),
            };
        }).ToList();
        return new FrameworkFile(file?.Name ?? "", file?.Year, file?.Total, lines, []);
    }

    private static FrameworkFile ReadXlsx(byte[] content)
    {
        var errors = MergedCells(content);
        var rows = TableFile.Read(".xlsx", content, "Par.FileType");
        int? headerIndex = null;
        decimal? total = null;
        var name = "";
        int? year = null;
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < rows.Count && headerIndex is null; i++)
        {
            var folded = rows[i].Cells.Select(VietnameseText.Fold).ToList();
            if (folded.Any(v => v is "ma" or "code") && folded.Any(v => v.StartsWith("ten", StringComparison.Ordinal) || v == "name"))
            {
                headerIndex = i;
                for (var c = 0; c < folded.Count; c++)
                {
                    columns[folded[c] switch
                    {
                        "ma" or "code" => "code",
                        "cap" or "level" => "level",
                        "ten" or "name" or "ten tieu chi" => "name",
                        "diem toi da" or "max points" or "diem" => "points",
                        "phuong phap" or "method" => "method",
                        "cach cham" or "rule text" => "ruleText",
                        "quy tac" or "rule" => "rule",
                        "tai lieu kiem chung" or "evidence" => "evidence",
                        "nguon du lieu" or "source" => "source",
                        "ma nam truoc" or "previous codes" => "previous",
                        var other => other,
                    }] = c;
                }

                continue;
            }

            foreach (var value in rows[i].Cells.Where(v => v.Trim().Length > 0))
            {
                var f = VietnameseText.Fold(value);
                var afterColon = value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                if (f.StartsWith("tong diem", StringComparison.Ordinal) && Number(afterColon) is { } t)
                {
                    total = t;
                }
                else if (f.StartsWith("nam", StringComparison.Ordinal) && int.TryParse(afterColon, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y))
                {
                    year = y;
                }
                else if (name.Length == 0)
                {
                    name = value.Trim();
                }
            }
        }

        if (headerIndex is null)
        {
            return new FrameworkFile(name, year, total, [], [.. errors, new FieldError("file", "Import.MissingColumn", "Mã")]);
        }

        string? Get(IReadOnlyList<string> cells, string key) =>
            columns.TryGetValue(key, out var c) && c < cells.Count && cells[c].Trim().Length > 0 ? cells[c].Trim() : null;
        var lines = rows.Skip(headerIndex.Value + 1).Where(r => r.Cells.Any(v => v.Trim().Length > 0))
            .Select(r => Line(r.Row, Get(r.Cells, "code"), Get(r.Cells, "level"), Get(r.Cells, "name"), Get(r.Cells, "points"),
                Get(r.Cells, "method"), Get(r.Cells, "ruleText"), Get(r.Cells, "rule"), Get(r.Cells, "evidence")) with
            {
                Source = Get(r.Cells, "source"), PreviousCodes = Get(r.Cells, "previous"),
            })
            .ToList();
        return new FrameworkFile(name, year, total, lines, errors);
    }

    /// <summary>Merged cells make rows ambiguous: each one is an error on its first row.</summary>
    private static List<FieldError> MergedCells(byte[] content)
    {
        using var document = OfficeFiles.OpenSpreadsheet(content);
        try
        {
            var workbook = document.WorkbookPart;
            var sheet = workbook?.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || sheet?.Id?.Value is not { } id)
            {
                return [];
            }

            var part = (WorksheetPart)workbook.GetPartById(id);
            return (part.Worksheet?.Elements<MergeCells>().SelectMany(m => m.Elements<MergeCell>()) ?? [])
                .Select(m => m.Reference?.Value ?? "")
                .Select(reference => new FieldError("file", "Par.MergedCells", RowOf(reference.Split(':')[0]), reference))
                .ToList();
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FormatException or System.Xml.XmlException or ArgumentException or InvalidOperationException or InvalidCastException)
        {
            throw OfficeFiles.Unreadable();
        }
    }

    private static FrameworkLine Line(int row, string? code, string? level, string? name, string? points, string? method, string? ruleText, string? rule, string? evidence) =>
        new(row, (code ?? "").Trim(), LevelOf(level, code), (name ?? "").Trim(), Number(points), MethodOf(method), ruleText, rule, evidence, level, points, method);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

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
