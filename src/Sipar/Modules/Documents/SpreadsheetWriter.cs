using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Sipar.Modules.Documents;

/// <summary>Tables as .xlsx, for every module's exports.</summary>
internal static class SpreadsheetWriter
{
    /// <summary>A one-sheet workbook with a bold header row; text cells as inline strings.</summary>
    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
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
