using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Sipar.Modules.Documents;

/// <summary>One line of a card: its text, bold or not, its size in half-points, centred or justified.</summary>
internal sealed record CardLine(string Text, bool Bold = false, int Size = 24, bool Centre = false);

/// <summary>
/// Printed cards (survey invitations) as a .docx: A4 portrait, Times New Roman, each card an A5 half-page (a table row of
/// exact height that never splits), so two come out on every sheet and the sheet is cut in two.
/// </summary>
internal static class CardsDocument
{
    // 138 mm per card: two fit between the 10 mm margins of a 297 mm page.
    private const uint CardHeight = 7824;

    public static byte[] Write(IEnumerable<(IReadOnlyList<CardLine> Lines, byte[]? Qr)> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            Decree30Document.AddStyles(main);
            var table = new Table(
                new TableProperties(
                    new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                    new TableBorders(new InsideHorizontalBorder { Val = BorderValues.Dashed, Size = 4 })),
                new TableGrid(new GridColumn { Width = "10206" }));
            uint pictures = 0;
            foreach (var (lines, qr) in cards)
            {
                var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
                foreach (var line in lines)
                {
                    cell.Append(Decree30Document.Para(line.Text, bold: line.Bold, size: line.Size, justify: line.Centre ? JustificationValues.Center : JustificationValues.Both));
                }

                if (qr is not null)
                {
                    cell.Append(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                        new Run(Decree30Document.InlinePicture(main, qr, 32, ++pictures, "QR"))));
                }

                table.Append(new TableRow(new TableRowProperties(new TableRowHeight { Val = CardHeight, HeightType = HeightRuleValues.Exact }, new CantSplit()), cell));
            }

            body.Append(table);
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 567, Bottom = 567, Left = 850U, Right = 850U, Header = 0U, Footer = 0U, Gutter = 0U }));
            main.Document.Save();
        }

        return stream.ToArray();
    }
}
