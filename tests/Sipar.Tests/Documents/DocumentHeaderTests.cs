using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Sipar.Modules.Documents;
using Sipar.Modules.Organisation;

namespace Sipar.Tests.Documents;

/// <summary>The header a văn thư would sign (Nghị định 30/2020/NĐ-CP): the issuer block, the rules under it and the motto, the draft's date line.</summary>
public sealed class DocumentHeaderTests
{
    private static readonly AgencyInfo Department = new(Guid.NewGuid(), "Sở Lao động – Thương binh và Xã hội tỉnh Lạng Sơn", "SLĐTBXH", "Lạng Sơn", AgencyKind.Department);

    private static Body Render(DocumentHeader header)
    {
        using var doc = new Decree30Document(header);
        doc.Paragraph("Nội dung.");
        var bytes = doc.Finish(new DocumentFooter("GIÁM ĐỐC", "Nguyễn Văn A", ["Lưu: VT"]));
        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        return (Body)word.MainDocumentPart!.Document.Body!.CloneNode(true);
    }

    [Fact]
    public void The_issuer_under_the_province_does_not_repeat_the_province()
    {
        var header = DocumentHeaders.For(Department, null, "KH", null, "Kế hoạch", "Cải cách hành chính");
        Assert.Equal("UBND tỉnh Lạng Sơn", header.ParentIssuer);
        Assert.Equal("Sở Lao động – Thương binh và Xã hội", header.Issuer);
        var body = Render(header);
        var texts = body.Descendants<Text>().Select(t => t.Text).ToList();
        Assert.Contains("SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI", texts);
        Assert.DoesNotContain(texts, t => t.Contains("XÃ HỘI TỈNH LẠNG SƠN", StringComparison.Ordinal));
        // A commune's committee is not under the province's committee in the header: it keeps its whole name.
        var commune = DocumentHeaders.For(Department with { Name = "UBND xã Hoàng Văn Thụ tỉnh Lạng Sơn", Kind = AgencyKind.CommuneCommittee }, null, "KH", null, "Kế hoạch", "x");
        Assert.Equal(("UBND xã Hoàng Văn Thụ tỉnh Lạng Sơn", null), (commune.Issuer, commune.ParentIssuer));
    }

    [Fact]
    public void The_motto_rule_is_as_long_as_its_line_and_the_issuer_rule_a_third_to_a_half_of_it()
    {
        var body = Render(DocumentHeaders.For(Department, null, "KH", null, "Kế hoạch", "Cải cách hành chính"));
        // The motto: underlined by its own run (exactly its length), not by a border across the whole cell.
        var motto = body.Descendants<Run>().Single(r => r.InnerText == "Độc lập - Tự do - Hạnh phúc");
        Assert.Equal(UnderlineValues.Single, motto.RunProperties!.Underline!.Val!.Value);
        Assert.Null(motto.Ancestors<Paragraph>().Single().ParagraphProperties!.ParagraphBorders);
        // The issuer: a separate short rule, indented equally on both sides to 40% of the issuer's line.
        var rule = body.Descendants<Paragraph>().Single(p => p.ParagraphProperties?.ParagraphBorders?.BottomBorder is not null);
        var indent = rule.ParagraphProperties!.Indentation!;
        Assert.Equal(indent.Left!.Value, indent.Right!.Value);
        const int cell = (11906 - 1701 - 850) * 19 / 50;
        var length = cell - 2 * int.Parse(indent.Left!.Value!, System.Globalization.CultureInfo.InvariantCulture);
        var line = Math.Min(cell, "SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI".Length * 13 * 20 * 62 / 100);
        Assert.InRange(length, line / 3, line / 2);
    }

    [Theory]
    [InlineData(2022, "Lạng Sơn, ngày      tháng      năm 2022")]
    [InlineData(null, "Lạng Sơn, ngày      tháng      năm")]
    public void A_draft_not_yet_dated_carries_its_year_in_the_date_line(int? year, string expected) =>
        Assert.Equal(expected, Decree30Document.PlaceAndDate("Lạng Sơn", null, year));

    [Fact]
    public void Table_columns_are_wide_enough_for_their_longest_word_and_fixed_for_every_office_suite()
    {
        // The self-assessment table: codes such as "10.2.3" and "Điểm tối đa" must not break inside a word.
        string[] headers = ["Mã", "Tiêu chí", "Điểm tối đa", "Tự chấm", "Tài liệu kiểm chứng", "Giải trình"];
        IReadOnlyList<int> weights = [6, 30, 8, 8, 28, 20];
        IReadOnlyList<string>[] rows = [["10.2.3", "Tỷ lệ văn bản quy phạm pháp luật được rà soát", "0,75", "0,5", "Báo cáo số 12/BC-STP", "Đã thực hiện"]];
        var widths = Decree30Document.ColumnWidths(headers, rows, weights);
        Assert.InRange(widths.Sum(), 11906 - 1701 - 850 - 6, 11906 - 1701 - 850);
        Assert.True(widths[0] >= Decree30Document.WordWidth("10.2.3", bold: false), $"code column {widths[0]}");
        foreach (var (header, i) in headers.Select((h, i) => (h, i)))
        {
            Assert.All(header.Split(' '), w => Assert.True(widths[i] >= Decree30Document.WordWidth(w, bold: true), $"{w}: {widths[i]}"));
        }

        // The weights alone gave the code column about 1 cm: "10.2.3" broke inside the number.
        Assert.True((11906 - 1701 - 850) * 6 / 100 < Decree30Document.WordWidth("10.2.3", bold: false));

        using var doc = new Decree30Document(DocumentHeaders.For(Department, null, "BC", null, "Báo cáo", "x"));
        doc.Table(headers, rows, weights);
        using var word = WordprocessingDocument.Open(new MemoryStream(doc.Finish(new DocumentFooter(null, null, []))), false);
        var table = word.MainDocumentPart!.Document.Body!.Descendants<Table>().Single(t => t.InnerText.Contains("Tự chấm", StringComparison.Ordinal));
        Assert.Equal(TableLayoutValues.Fixed, table.GetFirstChild<TableProperties>()!.TableLayout!.Type!.Value);
        Assert.All(table.Descendants<TableCell>(), c => Assert.NotNull(c.TableCellProperties?.TableCellWidth));
    }
}
