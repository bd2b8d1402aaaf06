using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using Pic = DocumentFormat.OpenXml.Drawing.Pictures;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Sipar.Modules.Documents;

/// <summary>The header of an official document: who issues it, its number, place and date, type and summary.</summary>
internal sealed record DocumentHeader(
    string? ParentIssuer, string Issuer, string? Number, string TypeCode, string Symbol, string? Place, DateOnly? Date, string TypeName, string Summary,
    string? FormLabel = null, int? DraftYear = null);

/// <summary>The signer block and the recipients (Nơi nhận).</summary>
internal sealed record DocumentFooter(string? SignerTitle, string? SignerName, IReadOnlyList<string> Recipients);

/// <summary>
/// Writes a .docx in the layout of Nghị định 30/2020/NĐ-CP: A4, Times New Roman, margins 20/20/30/15 mm; issuer
/// top-left with "Số: n/KH-ABC"; Quốc hiệu and Tiêu ngữ top-right with a rule under it; place and date in italics;
/// type and summary centred; justified body; signer block right; "Nơi nhận:" bottom-left; page numbers centred in
/// the top margin from page 2.
/// </summary>
internal sealed class Decree30Document : IDisposable
{
    private const string Font = "Times New Roman";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly MemoryStream stream = new();
    private readonly WordprocessingDocument document;
    private readonly Body body;
    private int pictures;

    public Decree30Document(DocumentHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        main.Document = new Document(body = new Body());
        AddStyles(main);
        AddPageNumberHeader(main, out var headerId, out var firstHeaderId);
        WriteHeader(header);
        SectionProperties = new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.Default, Id = headerId },
            new HeaderReference { Type = HeaderFooterValues.First, Id = firstHeaderId },
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 850U, Header = 567U, Footer = 567U, Gutter = 0U },
            new TitlePage());
    }

    private SectionProperties SectionProperties { get; }

    /// <summary>
    /// "Lạng Sơn, ngày 05 tháng 8 năm 2022": leading zero for days 1–9 and months 1–2. A draft not yet dated leaves the
    /// day and month blank for the signer but carries its year when known ("ngày      tháng      năm 2022").
    /// </summary>
    public static string PlaceAndDate(string? place, DateOnly? date, int? draftYear = null)
    {
        var where = string.IsNullOrWhiteSpace(place) ? "" : place + ", ";
        if (date is not { } d)
        {
            return where + "ngày      tháng      năm" + (draftYear is { } y ? " " + y.ToString(Invariant) : "");
        }

        var month = d.Month <= 2 ? d.Month.ToString("00", Invariant) : d.Month.ToString(Invariant);
        return $"{where}ngày {d.Day.ToString("00", Invariant)} tháng {month} năm {d.Year.ToString(Invariant)}";
    }

    public void Heading(string text) => body.Append(Para(text, bold: true, size: 28, justify: JustificationValues.Both, spacingBefore: 120));

    public void Paragraph(string text, bool italic = false) =>
        body.Append(Para(text, italic: italic, size: 28, justify: JustificationValues.Both, firstLineIndent: true));

    /// <summary>A PNG picture, centred, <paramref name="sizeMm"/> wide and high (a QR code), with its caption under it.</summary>
    public void Picture(byte[] png, int sizeMm, string caption)
    {
        ArgumentNullException.ThrowIfNull(png);
        pictures++;
        var drawing = InlinePicture(document.MainDocumentPart!, png, sizeMm, (uint)pictures, caption);
        body.Append(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(drawing)));
        body.Append(Para(caption, italic: true, size: 22, justify: JustificationValues.Center));
    }

    /// <summary>A PNG embedded in <paramref name="main"/> as an inline drawing <paramref name="sizeMm"/> square (QR codes).</summary>
    internal static Drawing InlinePicture(MainDocumentPart main, byte[] png, int sizeMm, uint number, string caption)
    {
        var image = main.AddImagePart(ImagePartType.Png);
        using (var data = new MemoryStream(png))
        {
            image.FeedData(data);
        }

        var id = main.GetIdOfPart(image);
        var emu = sizeMm * 36000L;
        var name = "Picture " + number.ToString(Invariant);
        return new Drawing(new Wp.Inline(
            new Wp.Extent { Cx = emu, Cy = emu },
            new Wp.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new Wp.DocProperties { Id = number, Name = name, Description = caption },
            new Wp.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(new Pic.Picture(
                new Pic.NonVisualPictureProperties(new Pic.NonVisualDrawingProperties { Id = 0U, Name = name }, new Pic.NonVisualPictureDrawingProperties()),
                new Pic.BlipFill(new A.Blip { Embed = id }, new A.Stretch(new A.FillRectangle())),
                new Pic.ShapeProperties(
                    new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = emu, Cy = emu }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
        });
    }

    /// <summary>A table with a bold header row; every cell 13 pt. <paramref name="weights"/> share the width (equal by default).</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<int>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var all = rows.ToList();
        var widths = ColumnWidths(headers, all, weights ?? Enumerable.Repeat(1, headers.Count).ToList());
        var grid = new TableGrid();
        foreach (var w in widths)
        {
            grid.Append(new GridColumn { Width = w.ToString(Invariant) });
        }

        // A fixed layout with each cell's width: Word and LibreOffice then lay the columns out alike.
        var table = new Table(new TableProperties(
            new TableWidth { Width = widths.Sum().ToString(Invariant), Type = TableWidthUnitValues.Dxa },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
            new TableLayout { Type = TableLayoutValues.Fixed }),
            grid);
        table.Append(Row(headers, bold: true, widths));
        foreach (var row in all)
        {
            table.Append(Row(row, bold: false, widths));
        }

        body.Append(table);
        body.Append(Para("", size: 14));
    }

    /// <summary>Twips between a cell's border and its text, left and right (Word's default).</summary>
    private const int CellMargins = 2 * 108;

    /// <summary>
    /// The width a word needs at 13 pt in Times New Roman (an estimate a little above the font's average advance, so
    /// codes such as "1.1.1" and headers such as "Điểm tối đa" are never broken inside a word).
    /// </summary>
    internal static int WordWidth(string word, bool bold) => (int)Math.Ceiling(word.Length * 13 * 20 * (bold ? 0.62 : 0.56)) + CellMargins;

    /// <summary>
    /// Column widths in twips: each column first gets what its longest word needs, then the rest of the text width is
    /// shared by weight (a column already wider than its share keeps its minimum).
    /// </summary>
    internal static IReadOnlyList<int> ColumnWidths(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<int> weights)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(weights);
        const int textWidth = 11906 - 1701 - 850;
        static IEnumerable<string> Words(string? text) => (text ?? "").Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var minimum = headers.Select((h, i) => Math.Max(
            Words(h).Select(w => WordWidth(w, bold: true)).DefaultIfEmpty(CellMargins).Max(),
            rows.Select(r => i < r.Count ? Words(r[i]).Select(w => WordWidth(w, bold: false)).DefaultIfEmpty(CellMargins).Max() : CellMargins).DefaultIfEmpty(CellMargins).Max()))
            .Select(m => Math.Min(m, textWidth / 2)).ToList();
        var total = weights.Sum();
        var widths = weights.Select(w => textWidth * w / total).ToList();
        var tight = Enumerable.Range(0, widths.Count).Where(i => widths[i] < minimum[i]).ToHashSet();
        // Columns below their minimum take it; the others share what is left by weight.
        while (true)
        {
            var left = textWidth - tight.Sum(i => minimum[i]);
            var loose = Enumerable.Range(0, widths.Count).Where(i => !tight.Contains(i)).ToList();
            var looseWeight = loose.Sum(i => weights[i]);
            foreach (var i in loose)
            {
                widths[i] = looseWeight == 0 ? 0 : left * weights[i] / looseWeight;
            }

            foreach (var i in tight)
            {
                widths[i] = minimum[i];
            }

            var more = loose.Where(i => widths[i] < minimum[i]).ToList();
            if (more.Count == 0)
            {
                return widths;
            }

            tight.UnionWith(more);
        }
    }

    /// <summary>Signer block on the right, Nơi nhận on the left, side by side as Decree 30 shows them.</summary>
    public byte[] Finish(DocumentFooter footer)
    {
        ArgumentNullException.ThrowIfNull(footer);
        var left = new TableCell(new TableCellProperties(new TableCellWidth { Width = "2500", Type = TableWidthUnitValues.Pct }));
        left.Append(Para("Nơi nhận:", bold: true, italic: true, size: 24, justify: JustificationValues.Left));
        foreach (var r in footer.Recipients)
        {
            left.Append(Para("- " + r, size: 22, justify: JustificationValues.Left));
        }

        if (footer.Recipients.Count == 0)
        {
            left.Append(Para("", size: 22));
        }

        var right = new TableCell(new TableCellProperties(new TableCellWidth { Width = "2500", Type = TableWidthUnitValues.Pct }));
        right.Append(Para((footer.SignerTitle ?? "").ToUpper(CultureInfo.GetCultureInfo("vi-VN")), bold: true, size: 28, justify: JustificationValues.Center));
        for (var i = 0; i < 3; i++)
        {
            right.Append(Para("", size: 28));
        }

        right.Append(Para(footer.SignerName ?? "", bold: true, size: 28, justify: JustificationValues.Center));
        body.Append(Para("", size: 14));
        body.Append(new Table(NoBorders(), Grid([1, 1]), new TableRow(left, right)));
        body.Append(SectionProperties);
        document.MainDocumentPart!.Document!.Save();
        document.Dispose();
        return stream.ToArray();
    }

    public void Dispose()
    {
        document.Dispose();
        stream.Dispose();
    }

    private void WriteHeader(DocumentHeader h)
    {
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        if (!string.IsNullOrWhiteSpace(h.FormLabel))
        {
            // "Mẫu số 01 – Thông tư 03/2025/TT-VPCP", top right, as the circulars print their forms.
            body.Append(Para(h.FormLabel, bold: true, size: 24, justify: JustificationValues.Right));
        }

        var left = new TableCell(new TableCellProperties(new TableCellWidth { Width = "1900", Type = TableWidthUnitValues.Pct }));
        if (!string.IsNullOrWhiteSpace(h.ParentIssuer))
        {
            left.Append(Para(h.ParentIssuer.ToUpper(vi), size: 26, justify: JustificationValues.Center));
        }

        var issuer = h.Issuer.ToUpper(vi);
        left.Append(Para(issuer, bold: true, size: 26, justify: JustificationValues.Center));
        // Decree 30: under the issuer a solid rule a third to a half as long as its line, centred (here 40% of the
        // longest line, estimated from its characters at 13 pt bold capitals and capped by the cell).
        const int leftCellWidth = (11906 - 1701 - 850) * 19 / 50;
        var issuerLine = Math.Min(leftCellWidth, issuer.Split('\n').Max(l => l.Length) * 13 * 20 * 62 / 100);
        left.Append(Rule((leftCellWidth - issuerLine * 40 / 100) / 2));
        // A form without a document number (a receipt, a control sheet) carries its own line, e.g. the dossier code.
        var numberLine = h.TypeCode.Length == 0 ? h.Number ?? "" : $"Số: {h.Number ?? "      "}/{h.TypeCode}-{h.Symbol}";
        left.Append(Para(numberLine, size: 26, justify: JustificationValues.Center));
        var right = new TableCell(new TableCellProperties(new TableCellWidth { Width = "3100", Type = TableWidthUnitValues.Pct }));
        right.Append(Para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: 24, justify: JustificationValues.Center));
        // The motto is underlined by its own run: the rule is exactly as long as the line, as Decree 30 asks.
        right.Append(Para("Độc lập - Tự do - Hạnh phúc", bold: true, size: 26, justify: JustificationValues.Center, underline: true));
        right.Append(Para(PlaceAndDate(h.Place, h.Date, h.DraftYear), italic: true, size: 26, justify: JustificationValues.Center, spacingBefore: 120));
        body.Append(new Table(NoBorders(), Grid([19, 31]), new TableRow(left, right)));
        body.Append(Para(h.TypeName.ToUpper(vi), bold: true, size: 28, justify: JustificationValues.Center, spacingBefore: 360));
        body.Append(Para(h.Summary, bold: true, size: 28, justify: JustificationValues.Center));
        body.Append(Para("", size: 14));
    }

    /// <summary>A short solid rule: an empty line with a bottom border, indented by <paramref name="indent"/> twips on each side.</summary>
    private static Paragraph Rule(int indent) => new(
        new ParagraphProperties(
            new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6, Space = 1 }),
            new SpacingBetweenLines { Before = "0", After = "60", Line = "120", LineRule = LineSpacingRuleValues.Exact },
            new Indentation { Left = Math.Max(0, indent).ToString(Invariant), Right = Math.Max(0, indent).ToString(Invariant) }),
        new Run(new RunProperties(new FontSize { Val = "4" }), new Text("")));

    private static TableProperties NoBorders() => new(
        new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
        new TableBorders(
            new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
            new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None }));

    /// <summary>Columns sharing the text width (A4 less the 30 mm and 15 mm margins) by weight.</summary>
    private static TableGrid Grid(IReadOnlyList<int> weights)
    {
        const int textWidth = 11906 - 1701 - 850;
        var total = weights.Sum();
        var grid = new TableGrid();
        foreach (var w in weights)
        {
            grid.Append(new GridColumn { Width = (textWidth * w / total).ToString(Invariant) });
        }

        return grid;
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool bold, IReadOnlyList<int> widths)
    {
        var row = new TableRow();
        for (var i = 0; i < cells.Count; i++)
        {
            var width = new TableCellWidth { Width = (i < widths.Count ? widths[i] : 0).ToString(Invariant), Type = TableWidthUnitValues.Dxa };
            row.Append(new TableCell(new TableCellProperties(width), Para(cells[i], bold: bold, size: 26, justify: bold ? JustificationValues.Center : JustificationValues.Left)));
        }

        return row;
    }

    internal static Paragraph Para(string text, bool bold = false, bool italic = false, int size = 28, JustificationValues? justify = null,
        bool firstLineIndent = false, int spacingBefore = 0, bool underline = false)
    {
        var runProperties = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font });
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        if (italic)
        {
            runProperties.Append(new Italic());
        }

        runProperties.Append(new FontSize { Val = size.ToString(Invariant) });
        if (underline)
        {
            runProperties.Append(new Underline { Val = UnderlineValues.Single });
        }

        var properties = new ParagraphProperties();

        properties.Append(new SpacingBetweenLines { Before = spacingBefore.ToString(Invariant), After = "60", Line = "300", LineRule = LineSpacingRuleValues.Auto });
        if (firstLineIndent)
        {
            properties.Append(new Indentation { FirstLine = "567" });
        }

        properties.Append(new Justification { Val = justify ?? JustificationValues.Both });
        return new Paragraph(properties, new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    internal static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font }, new FontSize { Val = "28" }, new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault()));
        styles.Styles.Save();
    }

    private static void AddPageNumberHeader(MainDocumentPart main, out string defaultId, out string firstId)
    {
        var header = main.AddNewPart<HeaderPart>();
        header.Header = new Header(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(new Text("2")),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End })));
        header.Header.Save();
        defaultId = main.GetIdOfPart(header);
        var first = main.AddNewPart<HeaderPart>();
        first.Header = new Header(new Paragraph());
        first.Header.Save();
        firstId = main.GetIdOfPart(first);
    }
}
