using Sipar.Modules.Plans;

namespace Sipar.Tests.Plans;

/// <summary>An imported plan's tasks get a deadline the office saw in the review: the plan's year end, recurring where the task says so.</summary>
public sealed class ImportDeadlineTests
{
    [Fact]
    public void The_review_proposes_the_years_end_for_every_section_and_the_tasks_take_it_with_their_recurrence()
    {
        var draft = PlanTextParser.Parse(PlanTextParserTests.Seed);
        var proposals = draft.Sections.Select(s => new SectionProposal(s, null, true, [], [])).ToList();
        var review = ImportPlanModel.ReviewForm.From(Guid.NewGuid(), draft, proposals, PlanTextParserTests.Seed, 2026);

        Assert.All(review.Sections, s => Assert.Equal(new DateOnly(2022, 12, 31), s.Deadline));
        review.Sections[1].Deadline = new DateOnly(2022, 9, 30);
        review.Sections[2].Deadline = null;
        var plan = Plan.CreateDraft(Guid.NewGuid(), review.ToContent(), new HashSet<Guid>(), DateTime.UtcNow);

        Assert.All(plan.Sections[0].Tasks, t => Assert.Equal(new DateOnly(2022, 12, 31), t.Deadline));
        Assert.All(plan.Sections[1].Tasks, t => Assert.Equal(new DateOnly(2022, 9, 30), t.Deadline));
        Assert.All(plan.Sections[2].Tasks, t => Assert.Null(t.Deadline));
        Assert.Contains(plan.Sections.SelectMany(s => s.Tasks), t => t.Recurrence != TaskRecurrence.None);
    }

    [Theory]
    [InlineData("Tham mưu báo cáo định kỳ về kết quả thực hiện công tác CCHC", "Quarterly")]
    [InlineData("Báo cáo hằng tháng tình hình giải quyết hồ sơ", "Monthly")]
    [InlineData("Sơ kết 6 tháng thực hiện kế hoạch", "HalfYearly")]
    [InlineData("Thường xuyên rà soát thủ tục hành chính", "Continuous")]
    [InlineData("Tổ chức hội nghị tổng kết hằng năm", "Yearly")]
    [InlineData("Ban hành Kế hoạch kiểm tra công tác CCHC", "None")]
    public void A_tasks_own_words_propose_its_recurrence(string text, string expected) =>
        Assert.Equal(expected, PlanTask.RecurrenceIn(text).ToString());
}
