using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Plans;

namespace Sipar.Tests.Plans;

public sealed class PlanTextParserTests
{
    internal static readonly string Seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "plan-sldtbxh-lang-son-2022.txt"));

    [Fact]
    public void The_seed_plan_reads_as_six_sections_with_their_leads_and_29_tasks()
    {
        var draft = PlanTextParser.Parse(Seed);
        AssertSeed(draft);
    }

    [Fact]
    public void The_seed_header_keeps_what_is_there_and_reports_what_is_missing()
    {
        var draft = PlanTextParser.Parse(Seed);
        Assert.Null(draft.Number);
        Assert.Equal("KH-SLĐTBXH", draft.Symbol);
        Assert.Equal("Lạng Sơn", draft.Place);
        Assert.Null(draft.Date);
        Assert.Equal(2022, draft.Year);
        Assert.Equal("Sở Lao động – Thương binh và Xã hội", draft.Issuer);
        Assert.StartsWith("Triển khai các nhiệm vụ, giải pháp nâng cao Chỉ số hài lòng", draft.Title, StringComparison.Ordinal);
        Assert.EndsWith("tại Sở Lao động – Thương binh và Xã hội năm 2022", draft.Title, StringComparison.Ordinal);
        Assert.Contains(draft.Warnings, w => w.Code == "number-missing");
        Assert.Contains(draft.Warnings, w => w.Code == "date-incomplete");
        Assert.Equal(2, draft.Purposes.Count);
        Assert.Equal(3, draft.Requirements.Count);
        Assert.EndsWith("đối với sự phục vụ của cơ quan hành chính nhà nước.", draft.Requirements[2], StringComparison.Ordinal);
        Assert.Equal(["III.1", "III.2"], draft.Duties.Select(d => d.Code));
        Assert.Equal("Văn phòng Sở", draft.Duties[1].Heading);
        Assert.Contains("báo cáo CCHC định kỳ hàng Quý, 6 tháng", draft.Duties[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_cites_one_legal_basis_the_plan_it_implements_with_its_own_verb()
    {
        // The preamble says "Thực hiện Kế hoạch số 156/KH-UBND …"; the decrees named inside tasks are not the plan's bases.
        var basis = Assert.Single(PlanTextParser.Parse(Seed).LegalBases);
        Assert.Equal(("Kế hoạch", "156/KH-UBND", new DateOnly(2022, 7, 6), "UBND tỉnh Lạng Sơn"), (basis.Type, basis.Number, basis.Date!.Value, basis.Issuer));
        Assert.StartsWith("Thực hiện Kế hoạch số 156/KH-UBND ngày 06/7/2022 của UBND tỉnh Lạng Sơn về triển khai", basis.Text, StringComparison.Ordinal);
        Assert.Equal(basis.Text.TrimEnd('.'), PlanTextParser.Cited(basis.Text));
        Assert.Equal("Căn cứ Nghị định số 61/2018/NĐ-CP", PlanTextParser.Cited("Nghị định số 61/2018/NĐ-CP"));

        // The decrees named inside tasks stay the tasks' references.
        var tasks = PlanTextParser.Parse(Seed).Sections.SelectMany(x => x.Tasks).ToList();
        Assert.Contains(tasks, t => t.References!.Contains("Nghị định số 61/2018/NĐ-CP"));
        Assert.Contains(tasks, t => t.References!.Contains("Nghị định số 120/2020/NĐ-CP"));
    }

    [Fact]
    public void A_preamble_line_citing_several_documents_gives_one_basis_each_with_party_numbers_and_dates_in_words()
    {
        const string text = """
            TỈNH ỦY HÀ GIANG
            UBND TỈNH HÀ GIANG
            Số: 12/KH-UBND
            Hà Giang, ngày 03 tháng 01 năm 2023

            KẾ HOẠCH
            Cải cách hành chính năm 2023

            Căn cứ Nghị quyết số 12-NQ/TU ngày 15 tháng 7 năm 2021 của Tỉnh ủy Hà Giang về cải cách hành chính;
            Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ, Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ và Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ;
            UBND tỉnh ban hành Kế hoạch như sau:

            I. MỤC ĐÍCH, YÊU CẦU
            1. Mục đích
            Nâng cao chỉ số theo Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ.
            II. NHIỆM VỤ
            1. Cải cách thủ tục
            Văn phòng UBND tỉnh chủ trì:
            a) Thực hiện Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ.
            """;
        var bases = PlanTextParser.Parse(text).LegalBases;
        Assert.Equal(["12-NQ/TU", "61/2018/NĐ-CP", "107/2021/NĐ-CP", "468/QĐ-TTg"], bases.Select(b => b.Number));
        Assert.Equal(new DateOnly(2021, 7, 15), bases[0].Date);
        Assert.Equal("Tỉnh ủy Hà Giang", bases[0].Issuer);
        Assert.StartsWith("Căn cứ Nghị quyết số 12-NQ/TU", bases[0].Text, StringComparison.Ordinal);
        Assert.Equal(["Chính phủ", "Chính phủ", "Thủ tướng Chính phủ"], bases.Skip(1).Select(b => b.Issuer));
        Assert.Equal("Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ", bases[1].Text);
        Assert.Equal("Thực hiện Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ", bases[3].Text);
        Assert.Equal(new DateOnly(2021, 3, 27), bases[3].Date);
    }

    [Fact]
    public void Page_breaks_inside_a_sentence_are_joined()
    {
        var section3 = PlanTextParser.Parse(Seed).Sections[2];
        Assert.Contains(section3.Tasks, t => t.Text.Contains("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa", StringComparison.Ordinal));
        var section6 = PlanTextParser.Parse(Seed).Sections[5];
        Assert.Contains(section6.Tasks, t => t.Text.EndsWith("ngoài phí, lệ phí theo quy định.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Windows_and_old_Mac_line_ends_read_the_same(string newline) =>
        AssertSeed(PlanTextParser.Parse(Seed.Replace("\n", newline, StringComparison.Ordinal)));

    [Fact]
    public void Tabs_and_non_breaking_spaces_read_the_same() =>
        AssertSeed(PlanTextParser.Parse(Seed.Replace(" ", "\u00A0", StringComparison.Ordinal).Replace("- ", "-\t", StringComparison.Ordinal)));

    [Fact]
    public void Plain_text_without_Markdown_and_with_other_bullets_reads_the_same()
    {
        var plain = Seed.Replace("**", "", StringComparison.Ordinal).Replace("#### ", "", StringComparison.Ordinal)
            .Replace("### ", "", StringComparison.Ordinal).Replace("## ", "", StringComparison.Ordinal)
            .Replace("\n- ", "\n• ", StringComparison.Ordinal);
        AssertSeed(PlanTextParser.Parse(plain));
    }

    [Fact]
    public void Lettered_tasks_and_a_header_in_capitals_are_understood()
    {
        const string text = """
            UBND TỈNH LẠNG SƠN
            SỞ TƯ PHÁP
            Số: 45/KH-STP
            Lạng Sơn, ngày 05 tháng 02 năm 2024

            KẾ HOẠCH
            Cải cách hành chính năm 2024

            Căn cứ Quyết định số 876/QĐ-BNV ngày 10/11/2022 của Bộ Nội vụ về phê duyệt Đề án.

            I. MỤC ĐÍCH, YÊU CẦU
            1. Mục đích
            Nâng cao chỉ số.
            II. NHIỆM VỤ
            1. Cải cách thể chế
            Phòng Hành chính tư pháp chủ trì, phối hợp với Văn phòng Sở, Phòng Bổ trợ tư pháp:
            a) Rà soát 100% văn bản QPPL do Sở tham mưu;
            b) Kiểm tra việc thi hành pháp luật.
            2. Hiện đại hóa
            Văn phòng Sở chủ trì:
            a) Duy trì ISO 9001.
            III. TỔ CHỨC THỰC HIỆN
            Các phòng triển khai thực hiện.
            Nơi nhận:
            - Sở Nội vụ;
            - Lưu: VT.
            KT. GIÁM ĐỐC
            PHÓ GIÁM ĐỐC
            Nguyễn Văn An
            """;
        var draft = PlanTextParser.Parse(text);
        Assert.Equal("45", draft.Number);
        Assert.Equal("KH-STP", draft.Symbol);
        Assert.Equal(new DateOnly(2024, 2, 5), draft.Date);
        Assert.Equal("SỞ TƯ PHÁP", draft.Issuer);
        Assert.Equal("Cải cách hành chính năm 2024", draft.Title);
        Assert.Equal(2, draft.Sections.Count);
        Assert.Equal("Phòng Hành chính tư pháp", draft.Sections[0].LeadUnit);
        Assert.Equal(["Văn phòng Sở", "Phòng Bổ trợ tư pháp"], draft.Sections[0].CoordinatingUnits);
        Assert.Equal(2, draft.Sections[0].Tasks.Count);
        Assert.Equal("100%", draft.Sections[0].Tasks[0].Targets.Single().Value);
        Assert.Equal("văn bản QPPL do Sở tham mưu", draft.Sections[0].Tasks[0].Targets.Single().Measure);
        Assert.Equal("Văn phòng Sở", draft.Sections[1].LeadUnit);
        Assert.Empty(draft.Sections[1].CoordinatingUnits);
        Assert.Equal(["Sở Nội vụ", "Lưu: VT"], draft.Recipients);
        Assert.Equal(new SignerDraft("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC", "Nguyễn Văn An"), draft.Signer);
        Assert.Equal("Bộ Nội vụ", draft.LegalBases.Single().Issuer);
        Assert.DoesNotContain(draft.Warnings, w => w.Code is "number-missing" or "date-incomplete" or "lead-missing");
    }

    [Fact]
    public void A_Word_document_made_from_the_seed_reads_the_same()
    {
        var bytes = SeedAsDocx();
        AssertSeed(PlanDocumentReader.Read("ke-hoach.docx", bytes));
    }

    [Theory]
    [InlineData("anh.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "Plan.FileType")]
    [InlineData("rong.txt", new byte[0], "Plan.FileEmpty")]
    [InlineData("bang.xlsx", new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0 }, "Plan.FileType")]
    [InlineData("hong.docx", new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0 }, "Import.OfficeUnreadable")]
    [InlineData("latin.txt", new byte[] { 0x53, 0xF4, 0x20, 0x4B, 0xE9 }, "Plan.NotUtf8")]
    public void Files_that_are_not_plans_are_refused_with_a_reason(string name, byte[] content, string key)
    {
        var e = Assert.Throws<DomainValidationException>(() => PlanDocumentReader.Read(name, content));
        Assert.Equal(key, e.Errors.Single().MessageKey);
        Assert.Equal("file", e.Errors.Single().Field);
    }

    [Fact]
    public void A_fifty_megabyte_file_is_refused_before_it_is_read()
    {
        var e = Assert.Throws<DomainValidationException>(() => PlanDocumentReader.Read("to.txt", new byte[50 * 1024 * 1024]));
        Assert.Equal("Plan.FileTooLarge", e.Errors.Single().MessageKey);
    }

    [Fact]
    public void Text_that_is_not_a_plan_gives_an_empty_draft_with_warnings()
    {
        var draft = PlanTextParser.Parse("Biên bản họp giao ban tuần.\nNội dung: trao đổi công việc.");
        Assert.Empty(draft.Sections);
        Assert.Contains(draft.Warnings, w => w.Code == "sections-missing");
        Assert.Contains(draft.Warnings, w => w.Code == "title-missing");
    }

    [Property(MaxTest = 300)]
    public Property The_parser_returns_a_draft_for_any_input() =>
        Prop.ForAll(
            Gen.OneOf(
                    ArbMap.Default.GeneratorFor<string>(),
                    Gen.Elements(Seed.Split('\n')).ListOf().Select(lines => string.Join('\n', lines)),
                    Gen.Choose(0, Seed.Length).Select(n => Seed[..n]))
                .ToArbitrary(),
            text =>
            {
                var draft = PlanTextParser.Parse(text);
                return draft is not null && draft.Warnings.All(w => w.Code != "parser-error");
            });

    internal static void AssertSeed(PlanDraft draft)
    {
        Assert.Equal(6, draft.Sections.Count);
        Assert.Equal(["II.1", "II.2", "II.3", "II.4", "II.5", "II.6"], draft.Sections.Select(s => s.Code));
        Assert.Equal(["Văn phòng Sở", "Thanh tra Sở", "Văn phòng Sở", "Phòng Kế hoạch – Tài chính", "Văn phòng Sở", PlanTextParser.AllUnits],
            draft.Sections.Select(s => s.LeadUnit));
        Assert.Equal([4, 3, 5, 5, 4, 8], draft.Sections.Select(s => s.Tasks.Count));
        Assert.Equal(29, draft.Sections.Sum(s => s.Tasks.Count));
        Assert.Equal("Công tác chỉ đạo điều hành CCHC, cải cách tổ chức bộ máy hành chính và cải cách chế độ công vụ", draft.Sections[0].Heading);
        Assert.Equal(["các phòng chuyên môn và tương đương", "các đơn vị trực thuộc Sở", "Trường Cao đẳng nghề Lạng Sơn"], draft.Sections[0].CoordinatingUnits);
        Assert.Equal(["các cơ quan, đơn vị có liên quan"], draft.Sections[1].CoordinatingUnits);
        var targets = draft.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Targets).ToList();
        Assert.Equal(3, targets.Count);
        Assert.All(targets, t => Assert.Equal("100%", t.Value));
        Assert.StartsWith("số văn bản QPPL phải được xử lý", targets[0].Measure, StringComparison.Ordinal);
        Assert.Equal(7, draft.Recipients.Count);
        Assert.Equal("UBND tỉnh (bc)", draft.Recipients[0]);
        Assert.Equal("Lưu: VT", draft.Recipients[6]);
        Assert.Equal("GIÁM ĐỐC", draft.Signer.Title);
        Assert.Equal("Phạm Đức Huân", draft.Signer.Name);
        Assert.Null(draft.Number);
        Assert.Null(draft.Date);
        Assert.Contains(draft.LegalBases, b => b.Number == "156/KH-UBND" && b.Date == new DateOnly(2022, 7, 6));
        Assert.DoesNotContain(draft.Warnings, w => w.Code == "parser-error");
    }

    /// <summary>The seed as a Word document would carry it: headings styled, bullets as list paragraphs, bold runs.</summary>
    internal static byte[] SeedAsDocx()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var raw in Seed.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line == "[")
                {
                    continue;
                }

                var heading = line.StartsWith('#');
                line = line.TrimStart('#').Trim();
                var bold = line.StartsWith("**", StringComparison.Ordinal);
                line = line.Replace("**", "", StringComparison.Ordinal);
                var bullet = line.StartsWith("- ", StringComparison.Ordinal);
                if (bullet)
                {
                    line = line[2..];
                }

                var properties = new ParagraphProperties();
                if (heading)
                {
                    properties.ParagraphStyleId = new ParagraphStyleId { Val = "Heading2" };
                }

                if (bullet)
                {
                    properties.NumberingProperties = new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 });
                }

                var runProperties = new RunProperties();
                if (bold && !heading)
                {
                    runProperties.Bold = new Bold();
                }

                body.Append(new Paragraph(properties, new Run(runProperties, new Text(line) { Space = SpaceProcessingModeValues.Preserve })));
            }

            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }
}
