using System.Text;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;

namespace Sipar.Tests.ParIndex;

public sealed class AssessmentRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static (ParCampaign Campaign, ParAssessment Assessment) Start()
    {
        var json = """
        {"name":"Thử","total":10,"items":[
          {"code":"1","level":"Area","name":"A","maxPoints":10,"method":"SelfAssessed"},
          {"code":"1.1","level":"Criterion","name":"B","maxPoints":6,"method":"SelfAssessed"},
          {"code":"1.2","level":"Criterion","name":"C","maxPoints":4,"method":"Survey"},
          {"code":"1.3","level":"Criterion","name":"D","maxPoints":-2,"method":"SelfAssessed","rule":"deduction:-1"}
        ]}
        """;
        var framework = Framework.FromFile(FrameworkReader.Read("f.json", Encoding.UTF8.GetBytes(json)), 2026, AgencyKind.Department, null, DateTime.UtcNow);
        var campaign = ParCampaign.Create(2026, "Đánh giá 2026", Today, Today.AddDays(10), Today.AddDays(5), DateTime.UtcNow);
        var assessment = ParAssessment.Start(campaign.Id, Guid.NewGuid(), framework);
        Assert.True(framework.IsFrozen);
        return (campaign, assessment);
    }

    private static string Key(Action action) => Assert.Throws<DomainValidationException>(action).Errors[0].MessageKey;

    [Fact]
    public void Scores_are_refused_above_the_maximum_below_zero_and_positive_on_deductions()
    {
        var (_, a) = Start();
        var s = a.Scores.Single(x => x.Code == "1.1");
        Assert.Equal("Par.AboveMax", Key(() => s.SelfScore(6.5m, null)));
        Assert.Equal("Par.NegativeScore", Key(() => s.SelfScore(-1, null)));
        Assert.Equal("Par.DeductionPositive", Key(() => a.Scores.Single(x => x.Code == "1.3").SelfScore(1, null)));
        Assert.Equal("Par.SurveyNotSelfScored", Key(() => a.Scores.Single(x => x.Code == "1.2").SelfScore(2, null)));
        s.SelfScore(6, null);
        Assert.True(s.NeedsExplanation);
        s.SelfScore(6, "Có kế hoạch số 12/KH");
        Assert.False(s.NeedsExplanation);
    }

    [Fact]
    public void Submission_needs_the_office_review_and_every_score_then_locks()
    {
        var (_, a) = Start();
        var errors = Assert.Throws<DomainValidationException>(() => a.Submit(Guid.NewGuid(), DateTime.UtcNow)).Errors.Select(e => e.MessageKey).ToList();
        Assert.Equal(["Par.NotReviewed", "Par.ScoresMissing"], errors);
        Assert.Equal("Par.ScoresMissing", Key(() => a.MarkReviewed(Guid.NewGuid(), DateTime.UtcNow)));
        a.Scores.Single(x => x.Code == "1.1").SelfScore(5, null);
        a.Scores.Single(x => x.Code == "1.3").SelfScore(0, null);
        Assert.Equal("Par.ExplanationsMissing", Key(() => a.MarkReviewed(Guid.NewGuid(), DateTime.UtcNow)));
        a.Scores.Single(x => x.Code == "1.1").SelfScore(5, "Giải trình");
        a.MarkReviewed(Guid.NewGuid(), DateTime.UtcNow);
        a.Submit(Guid.NewGuid(), DateTime.UtcNow);
        Assert.Equal(AssessmentStatus.Submitted, a.Status);
        Assert.Equal("Par.Locked", Key(() => a.Describe("x", null)));
        Assert.Equal("Par.Locked", Key(() => a.MarkReviewed(Guid.NewGuid(), DateTime.UtcNow)));
    }

    [Fact]
    public void One_explanation_round_and_finalising_waits_for_the_answer_until_its_deadline()
    {
        var (c, a) = Start();
        foreach (var s in a.Scores.Where(x => x.Method != ScoringMethod.Survey))
        {
            s.SelfScore(0, null);
        }

        a.MarkReviewed(Guid.NewGuid(), DateTime.UtcNow);
        a.Submit(Guid.NewGuid(), DateTime.UtcNow);
        var first = a.Scores.Single(x => x.Code == "1.1");
        Assert.Equal("Par.NoExplanationChosen", Key(() => a.RequestExplanation(new Dictionary<Guid, string> { [first.Id] = " " }, DateTime.UtcNow)));
        a.RequestExplanation(new Dictionary<Guid, string> { [first.Id] = "Vì sao 0 điểm?" }, DateTime.UtcNow);
        foreach (var s in a.Scores)
        {
            s.Appraise(s.Method == ScoringMethod.Survey ? 3 : 0, null);
        }

        Assert.Equal("Par.AwaitingExplanation", Key(() => a.Finalise(Today, c.ExplanationDue, DateTime.UtcNow)));
        Assert.Equal("Par.ExplanationPastDue", Key(() => a.Answer(new Dictionary<Guid, string> { [first.Id] = "Muộn" }, c.ExplanationDue.AddDays(1), c.ExplanationDue, DateTime.UtcNow)));
        Assert.Equal("Par.AnswerMissing", Key(() => a.Answer(new Dictionary<Guid, string>(), Today, c.ExplanationDue, DateTime.UtcNow)));
        a.Answer(new Dictionary<Guid, string> { [first.Id] = "Đã bổ sung" }, Today, c.ExplanationDue, DateTime.UtcNow);
        Assert.Equal("Par.OneExplanationRound", Key(() => a.RequestExplanation(new Dictionary<Guid, string> { [first.Id] = "Lần nữa" }, DateTime.UtcNow)));
        Assert.Equal("Par.ReasonRequired", Key(() => first.Appraise(1, null)));
        a.Finalise(Today, c.ExplanationDue, DateTime.UtcNow);
        Assert.Equal(AssessmentStatus.Finalised, a.Status);
        Assert.Equal("Par.AlreadyFinalised", Key(a.EnsureAppraisable));
    }

    [Fact]
    public void The_assessment_checks_its_own_state_before_any_score_changes()
    {
        var (_, a) = Start();
        var s = a.Scores.Single(x => x.Code == "1.1");
        var survey = a.Scores.Single(x => x.Code == "1.2");
        Assert.Equal("Par.NotSubmitted", Key(() => a.Appraise(survey.Id, 3, null)));
        Assert.Equal("Par.NotSubmitted", Key(a.AcceptRemaining));

        a.SelfScore(s.Id, 5, "Giải trình");
        a.SelfScore(a.Scores.Single(x => x.Code == "1.3").Id, 0, null);
        a.MarkReviewed(Guid.NewGuid(), DateTime.UtcNow);
        a.SelfScore(s.Id, 5, "Giải trình mới");
        Assert.Null(a.ReviewedAt);
        a.MarkReviewed(Guid.NewGuid(), DateTime.UtcNow);
        a.Submit(Guid.NewGuid(), DateTime.UtcNow);

        Assert.Equal("Par.Locked", Key(() => a.SelfScore(s.Id, 4, "x")));
        Assert.Equal("Par.Locked", Key(() => a.Assign(s.Id, Guid.NewGuid())));
        Assert.Equal("Par.Locked", Key(() => a.SetComputed(s.Id, 1, "{}")));
        a.Appraise(survey.Id, 3, null);
        a.AcceptRemaining();
        Assert.All(a.Scores, x => Assert.NotNull(x.AppraisedPoints));
    }

    [Fact]
    public void A_participant_is_late_when_it_submits_after_the_deadline_or_has_not_submitted_past_it()
    {
        var (c, _) = Start();
        ParticipantLine Line(DateTime? submitted) => new(Guid.NewGuid(), Guid.NewGuid(), "Sở A", AssessmentStatus.Draft, submitted, null, null);
        Assert.False(Line(null).Late(c, Today));
        Assert.True(Line(null).Late(c, Today.AddDays(1)));
        Assert.False(Line(new DateTime(2026, 11, 28, 16, 0, 0, DateTimeKind.Utc)).Late(c, Today.AddDays(3)));  // 23:00 in Việt Nam
        Assert.True(Line(new DateTime(2026, 11, 28, 17, 30, 0, DateTimeKind.Utc)).Late(c, Today.AddDays(3))); // 00:30 the next day
    }
}
