using Sipar.Modules.Plans;
using Xunit;

namespace Sipar.Tests.Plans;

/// <summary>Plan bodies not numbered like the seed (tests/fixtures/plan-bodies): parts as "1." items, bold headings, prose lead sentences.</summary>
public sealed class PlanBodyLayoutTests
{
    private static PlanDraft Parse(string file) => PlanTextParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "plan-bodies", file)));

    [Fact]
    public void Without_roman_parts_the_numbered_items_are_the_parts_and_their_sub_items_the_sections()
    {
        var draft = Parse("thai-nguyen-so-2024-numbered.txt");
        Assert.Equal(["100% thủ tục hành chính được công khai đúng quy định.", "Tỷ lệ hài lòng của người dân đạt trên 80%."], draft.Purposes);
        Assert.Equal(["II.2.1", "II.2.2"], draft.Sections.Select(s => s.Code));
        Assert.Equal(("Cải cách thể chế", "Văn phòng Sở"), (draft.Sections[0].Heading, draft.Sections[0].LeadUnit));
        Assert.Equal(["Phòng Nghiệp vụ Y", "Thanh tra Sở"], draft.Sections[0].CoordinatingUnits);
        Assert.Equal(2, draft.Sections[0].Tasks.Count);
        Assert.Equal(("Phòng Nghiệp vụ Dược", 1), (draft.Sections[1].LeadUnit, draft.Sections[1].Tasks.Count));
        Assert.Contains("triển khai thực hiện", Assert.Single(draft.Duties).Text, StringComparison.Ordinal);
        Assert.Contains(draft.Warnings, w => w.Code == "parts-unnumbered");
        Assert.Equal([("100%", "thủ tục hành chính được công khai đúng quy định"), ("trên 80%", "Tỷ lệ hài lòng của người dân")], draft.Targets.Select(t => (t.Value, t.Measure)));
    }

    [Theory]
    [InlineData("Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98% trở lên.", "từ 98%", "Tỷ lệ hồ sơ giải quyết đúng hạn")]
    [InlineData("Chỉ số hài lòng phấn đấu đạt 85%", "85%", "Chỉ số hài lòng")]
    [InlineData("95% hồ sơ được số hóa khi tiếp nhận;", "95%", "hồ sơ được số hóa khi tiếp nhận")]
    public void A_purpose_line_gives_the_plans_target_whichever_comes_first(string line, string value, string measure) =>
        Assert.Equal((value, measure), PlanTextParser.PlanTargets([line]).Select(t => (t.Value, t.Measure)).Single());

    [Fact]
    public void Bold_headings_and_prose_lead_sentences_give_sections_with_their_units_and_say_where_the_parser_split()
    {
        var draft = Parse("yen-bai-huyen-2023-prose.txt");
        Assert.Equal(["Tuyên truyền trên đài truyền thanh", "Tuyên truyền qua hội nghị, hội thi", "Tuyên truyền qua hội nghị, hội thi"], draft.Sections.Select(s => s.Heading));
        var radio = draft.Sections[0];
        Assert.Equal("Phòng Văn hóa và Thông tin", radio.LeadUnit);
        Assert.Equal(["Trung tâm Truyền thông và Văn hóa", "Ủy ban nhân dân các xã"], radio.CoordinatingUnits);
        Assert.StartsWith("Phòng Văn hóa và Thông tin chủ trì", Assert.Single(radio.Tasks).Text, StringComparison.Ordinal);
        Assert.Equal(("Văn phòng HĐND và UBND huyện", 0), (draft.Sections[1].LeadUnit, draft.Sections[1].CoordinatingUnits.Count));
        Assert.Equal(("Phòng Nội vụ", "các cơ quan, đơn vị"), (draft.Sections[2].LeadUnit, Assert.Single(draft.Sections[2].CoordinatingUnits)));
        Assert.Contains(draft.Warnings, w => w.Code == "section-by-lead");
    }
}
