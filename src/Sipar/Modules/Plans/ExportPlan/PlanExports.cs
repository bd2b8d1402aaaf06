using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Documents;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

/// <summary>The plan as an official .docx (Decree 30 layout) and its tasks as an .xlsx sheet.</summary>
public sealed class PlanExports(SiparDbContext db, PlanQueries plans)
{
    public async Task<(string FileName, byte[] Content)> PlanDocxAsync(Guid planId, CancellationToken ct)
    {
        var plan = await plans.GetAsync(planId, ct);
        var header = await HeaderAsync(plan.AgencyId, plan.Number, "KH", plan.IssuedOn, "Kế hoạch", plan.Title, ct);
        using var doc = new Decree30Document(header);
        foreach (var basis in plan.LegalBases)
        {
            doc.Paragraph("Căn cứ " + basis.Text + ";", italic: true);
        }

        doc.Heading("I. MỤC ĐÍCH, YÊU CẦU");
        if (plan.Purposes.Count > 0)
        {
            doc.Heading("1. Mục đích");
            foreach (var p in plan.Purposes)
            {
                doc.Paragraph(p);
            }
        }

        if (plan.Requirements.Count > 0)
        {
            doc.Heading("2. Yêu cầu");
            foreach (var r in plan.Requirements)
            {
                doc.Paragraph(r);
            }
        }

        doc.Heading("II. NHIỆM VỤ, GIẢI PHÁP");
        var number = 0;
        foreach (var s in plan.Sections)
        {
            doc.Heading($"{++number}. {s.Heading}");
            var lead = s.LeadIsAllUnits ? "Các cơ quan, đơn vị" : s.LeadUnitName;
            doc.Paragraph(s.CoordinatingUnits.Count > 0 ? $"{lead} chủ trì, phối hợp với {string.Join(", ", s.CoordinatingUnits)}:" : $"{lead} chủ trì:");
            foreach (var t in s.Tasks)
            {
                doc.Paragraph("- " + t.Text);
            }
        }

        if (plan.Duties.Count > 0)
        {
            doc.Heading("III. TỔ CHỨC THỰC HIỆN");
            number = 0;
            foreach (var d in plan.Duties)
            {
                doc.Heading($"{++number}. {d.Heading}");
                foreach (var line in d.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    doc.Paragraph(line);
                }
            }
        }

        var bytes = doc.Finish(new DocumentFooter(plan.SignerTitle, plan.SignerName, plan.Recipients));
        return ($"ke-hoach-{plan.Year}.docx", bytes);
    }

    public async Task<(string FileName, byte[] Content)> TasksXlsxAsync(Guid planId, CancellationToken ct)
    {
        var plan = await plans.GetAsync(planId, ct);
        string[] headers = ["Mục", "STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Trạng thái", "Thời hạn", "Chỉ tiêu"];
        var rows = plan.Sections.SelectMany(s => s.Tasks.Select((t, i) => new[]
        {
            s.Code, (i + 1).ToString(CultureInfo.InvariantCulture), t.Text, s.LeadIsAllUnits ? PlanTextParser.AllUnits : s.LeadUnitName ?? "",
            string.Join(", ", s.CoordinatingUnits), StatusText(t.Status), t.Deadline?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "",
            string.Join("; ", t.Targets.Select(x => $"{x.Value} {x.Measure}")),
        })).ToList();
        return ($"nhiem-vu-{plan.Year}.xlsx", Spreadsheet("Nhiệm vụ", headers, rows));
    }

    internal async Task<DocumentHeader> HeaderAsync(Guid agencyId, string? number, string typeCode, DateOnly? date, string typeName, string summary, CancellationToken ct)
    {
        var agency = await db.Set<Agency>().AsNoTracking().FirstAsync(a => a.Id == agencyId, ct);
        var parent = agency.Kind == AgencyKind.Department ? "UBND tỉnh " + agency.PlaceName : null;
        return new DocumentHeader(parent, agency.Name, number, typeCode, agency.Symbol, agency.PlaceName, date, typeName, summary);
    }

    internal static string StatusText(PlanTaskStatus status) => status switch
    {
        PlanTaskStatus.NotStarted => "Chưa triển khai",
        PlanTaskStatus.InProgress => "Đang thực hiện",
        PlanTaskStatus.Done => "Hoàn thành",
        _ => "Chậm",
    };

    /// <summary>A one-sheet workbook with a bold header row; text cells as inline strings.</summary>
    internal static byte[] Spreadsheet(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var stream = new MemoryStream();
        using (var workbook = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var part = workbook.AddWorkbookPart();
            part.Workbook = new Workbook();
            var stylesPart = part.AddNewPart<WorkbookStylesPart>();
            stylesPart.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1U, ApplyFont = true }));
            stylesPart.Stylesheet.Save();
            var sheetPart = part.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, headers, style: 1));
            uint index = 1;
            foreach (var row in rows)
            {
                data.Append(Row(++index, row, style: 0));
            }

            sheetPart.Worksheet = new Worksheet(data);
            sheetPart.Worksheet.Save();
            part.Workbook.Append(new Sheets(new Sheet { Id = part.GetIdOfPart(sheetPart), SheetId = 1U, Name = sheetName }));
            part.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Row Row(uint index, IReadOnlyList<string> values, uint style)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Count; i++)
        {
            row.Append(new Cell
            {
                CellReference = Column(i) + index.ToString(CultureInfo.InvariantCulture),
                DataType = CellValues.InlineString,
                StyleIndex = style,
                InlineString = new InlineString(new Text(values[i]) { Space = SpaceProcessingModeValues.Preserve }),
            });
        }

        return row;
    }

    private static string Column(int i) => i < 26 ? ((char)('A' + i)).ToString() : Column((i / 26) - 1) + (char)('A' + (i % 26));
}
