using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Sipar.Modules.ParIndex;

namespace Sipar.Tests.ParIndex;

public sealed class FrameworkTests
{
    private static JsonObject Demo() => JsonNode.Parse(ParIndexModule.DemoFramework())!.AsObject();

    private static IReadOnlyList<FrameworkError> Validate(JsonObject json) =>
        FrameworkValidator.Validate(FrameworkReader.Read("bo-chi-so.json", Encoding.UTF8.GetBytes(json.ToJsonString())));

    [Fact]
    public void The_demo_framework_has_the_2017_province_shape_and_is_valid()
    {
        var file = FrameworkReader.Read("demo.json", ParIndexModule.DemoFramework());
        Assert.Empty(FrameworkValidator.Validate(file));
        Assert.Contains("demo", file.Name, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([10m, 10m, 14.5m, 11m, 16m, 7m, 16m, 15.5m], file.Lines.Where(l => l.Level == CriterionLevel.Area).Select(l => l.MaxPoints!.Value));
        Assert.Contains(file.Lines, l => l.Method == ScoringMethod.Survey);
        Assert.Contains(file.Lines, l => l.Method == ScoringMethod.Computed);
        Assert.Contains(file.Lines, l => RuleSyntax.KindOf(l.Rule) == RuleKind.Deduction);
    }

    [Fact]
    public void Children_that_do_not_add_up_to_their_parent_are_reported_on_the_parents_row()
    {
        var json = Demo();
        var items = json["items"]!.AsArray();
        items.Single(i => (string?)i!["code"] == "2.3")!["maxPoints"] = 5;
        var errors = Validate(json);
        var sum = errors.Single(e => e.MessageKey == "Par.ChildrenSum");
        Assert.Equal(items.IndexOf(items.Single(i => (string?)i!["code"] == "2")) + 1, sum.Row);
        var childRows = items.Where(i => ((string?)i!["code"])!.StartsWith("2.", StringComparison.Ordinal) && ((string?)i!["code"])!.Count(c => c == '.') == 1)
            .Select(i => (items.IndexOf(i) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["2", "10", "11", string.Join(", ", childRows)], sum.Args.Select(a => a.ToString()));
    }

    [Fact]
    public void One_duplicated_code_is_one_error_not_a_cascade_of_sums_and_parents()
    {
        // The author typed 2.2 twice (the second was meant to be 2.3): only the duplicate is reported.
        var json = Demo();
        var items = json["items"]!.AsArray();
        var second = items.Single(i => (string?)i!["code"] == "2.3")!;
        foreach (var child in items.Where(i => ((string?)i!["code"])!.StartsWith("2.3.", StringComparison.Ordinal)).ToList())
        {
            child!["code"] = "2.2." + ((string?)child["code"])!["2.3.".Length..];
        }

        second["code"] = "2.2";
        var errors = Validate(json);
        Assert.Equal(["Par.DuplicateCode"], errors.Select(e => e.MessageKey).Distinct());
    }

    [Fact]
    public void Every_kind_of_mistake_is_listed_with_its_row()
    {
        var json = Demo();
        var items = json["items"]!.AsArray();
        items[2]!["maxPoints"] = "một";
        items[4]!["code"] = "1.1";
        items[5]!["method"] = "Phỏng đoán";
        items[6]!["maxPoints"] = -1;
        items[7]!["rule"] = "random";
        var errors = Validate(json);
        Assert.Contains(errors, e => e.Row == 3 && e.MessageKey == "Par.PointsNotNumber" && (string)e.Args[0] == "một");
        Assert.Contains(errors, e => e.Row == 5 && e.MessageKey == "Par.DuplicateCode" && (int)e.Args[1] == 2);
        Assert.Contains(errors, e => e.Row == 6 && e.MessageKey == "Par.UnknownMethod");
        Assert.Contains(errors, e => e.Row == 7 && e.MessageKey == "Par.NegativeNotDeduction");
        Assert.Contains(errors, e => e.Row == 8 && e.MessageKey == "Par.UnknownRule");
    }

    [Fact]
    public void A_total_other_than_the_declared_one_is_an_error()
    {
        var json = Demo();
        json["total"] = 90;
        Assert.Contains(Validate(json), e => e.MessageKey == "Par.TotalMismatch" && (string)e.Args[0] == "100" && (string)e.Args[1] == "90");
    }

    [Fact]
    public void A_spreadsheet_is_read_by_its_Vietnamese_headers_and_merged_cells_or_text_points_are_refused_by_row()
    {
        var good = Workbook(merge: null, badPoints: false);
        var file = FrameworkReader.Read("bo-chi-so.xlsx", good);
        Assert.Empty(FrameworkValidator.Validate(file));
        Assert.Equal(4, file.Lines.Count);
        Assert.Equal(100m, file.DeclaredTotal);

        var merged = FrameworkValidator.Validate(FrameworkReader.Read("bo-chi-so.xlsx", Workbook(merge: "C4:C5", badPoints: false)));
        Assert.Contains(merged, e => e.Row == 4 && e.MessageKey == "Par.MergedCells");
        var text = FrameworkValidator.Validate(FrameworkReader.Read("bo-chi-so.xlsx", Workbook(merge: null, badPoints: true)));
        Assert.Contains(text, e => e.Row == 5 && e.MessageKey == "Par.PointsNotNumber" && (string)e.Args[0] == "năm mươi");
    }

    [Fact]
    public void Files_that_are_not_frameworks_are_refused()
    {
        var e = Assert.Throws<Sipar.Infrastructure.Errors.DomainValidationException>(() => FrameworkReader.Read("anh.png", [1, 2, 3]));
        Assert.Equal("Par.FileType", e.Errors.Single().MessageKey);
        Assert.Equal("Import.OfficeUnreadable", Assert.Throws<Sipar.Infrastructure.Errors.DomainValidationException>(() => FrameworkReader.Read("hong.xlsx", [0x50, 0x4B, 3, 4, 0])).Errors.Single().MessageKey);
        Assert.Contains(FrameworkValidator.Validate(FrameworkReader.Read("x.json", Encoding.UTF8.GetBytes("{ not json"))), x => x.MessageKey == "Par.JsonInvalid");
    }

    /// <summary>Title row, total row, header row, then an area of 100 points split in two criteria and a sub-criterion.</summary>
    private static byte[] Workbook(string? merge, bool badPoints)
    {
        string[][] rows =
        [
            ["Bộ chỉ số thử"],
            ["Tổng điểm: 100"],
            ["Mã", "Cấp", "Tên", "Điểm tối đa", "Phương pháp", "Cách chấm", "Quy tắc", "Tài liệu kiểm chứng"],
            ["1", "Lĩnh vực", "Chỉ đạo điều hành", "100", "Tự đánh giá", "", "", ""],
            ["1.1", "Tiêu chí", "Kế hoạch", badPoints ? "năm mươi" : "50", "Tự đánh giá", "", "yesno", "Kế hoạch"],
            ["1.2", "Tiêu chí", "Báo cáo", "50", "Tính từ dữ liệu", "", "proportional", ""],
            ["1.2.1", "Tiêu chí thành phần", "Báo cáo đúng hạn", "50", "Tính từ dữ liệu", "", "", ""],
        ];
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    row.Append(new Cell
                    {
                        CellReference = $"{(char)('A' + c)}{r + 1}",
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new Text(rows[r][c])),
                    });
                }

                data.Append(row);
            }

            ws.Worksheet = new Worksheet(data);
            if (merge is not null)
            {
                ws.Worksheet.Append(new MergeCells(new MergeCell { Reference = merge }));
            }

            wb.Workbook.Append(new Sheets(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1U, Name = "Bộ chỉ số" }));
        }

        return stream.ToArray();
    }
}
