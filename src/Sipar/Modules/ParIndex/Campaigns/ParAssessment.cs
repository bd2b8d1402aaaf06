using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.ParIndex;

internal enum AssessmentStatus
{
    /// <summary>Đang tự đánh giá.</summary>
    Draft,

    /// <summary>Đã gửi thẩm định (khóa).</summary>
    Submitted,

    /// <summary>Thẩm định viên yêu cầu giải trình.</summary>
    ExplanationRequested,

    /// <summary>Cơ quan đã giải trình.</summary>
    Answered,

    /// <summary>Đã chốt kết quả thẩm định.</summary>
    Finalised,
}

internal enum EvidenceKind
{
    /// <summary>Tệp tải lên.</summary>
    File,

    /// <summary>Nhiệm vụ trong kế hoạch.</summary>
    PlanTask,

    /// <summary>Báo cáo của đơn vị đã được tiếp nhận.</summary>
    UnitReport,

    /// <summary>Văn bản Sipar tạo ra: kế hoạch.</summary>
    Document,

    /// <summary>Văn bản Sipar tạo ra: báo cáo CCHC tổng hợp của một kỳ.</summary>
    ConsolidatedReport,
}

/// <summary>One agency's self-assessment and its appraisal in a campaign; its scores are one per leaf item of the framework.</summary>
internal sealed class ParAssessment : IAggregateRoot
{
    public const int TextMaxLength = 8000;

    private readonly List<ParScore> scores = [];

    private ParAssessment()
    {
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    public Guid AgencyId { get; private set; }

    public Guid FrameworkId { get; private set; }

    public AssessmentStatus Status { get; private set; }

    /// <summary>Khó khăn, vướng mắc (for the report).</summary>
    public string? Difficulties { get; private set; }

    /// <summary>Đề xuất, kiến nghị.</summary>
    public string? Proposals { get; private set; }

    /// <summary>When the office last reviewed it; a change afterwards asks for a new review.</summary>
    public DateTime? ReviewedAt { get; private set; }

    public Guid? ReviewedBy { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public Guid? SubmittedBy { get; private set; }

    public DateTime? ExplanationRequestedAt { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    public DateTime? FinalisedAt { get; private set; }

    public IReadOnlyList<ParScore> Scores => scores;

    public static ParAssessment Start(Guid campaignId, Guid agencyId, Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var assessment = new ParAssessment { Id = Guid.CreateVersion7(), CampaignId = campaignId, AgencyId = agencyId, FrameworkId = framework.Id };
        var parents = framework.Items.Where(i => i.ParentId is not null).Select(i => i.ParentId!.Value).ToHashSet();
        foreach (var leaf in framework.Items.Where(i => !parents.Contains(i.Id)).OrderBy(i => i.Order))
        {
            assessment.scores.Add(new ParScore(assessment.Id, leaf));
        }

        framework.Freeze();
        return assessment;
    }

    public ParScore Score(Guid scoreId) => scores.FirstOrDefault(s => s.Id == scoreId) ?? throw new NotFoundException();

    public void EnsureDraft()
    {
        if (Status != AssessmentStatus.Draft)
        {
            throw new DomainValidationException("Status", "Par.Locked");
        }
    }

    public void Describe(string? difficulties, string? proposals)
    {
        EnsureDraft();
        var errors = new ValidationErrors();
        errors.MaxLength(nameof(Difficulties), difficulties, TextMaxLength);
        errors.MaxLength(nameof(Proposals), proposals, TextMaxLength);
        errors.ThrowIfAny();
        Difficulties = string.IsNullOrWhiteSpace(difficulties) ? null : difficulties.Trim();
        Proposals = string.IsNullOrWhiteSpace(proposals) ? null : proposals.Trim();
    }

    /// <summary>The office has gone through it and hands it to leadership.</summary>
    /// <summary>The office reviews a complete self-assessment only: every self-assessed item scored and explained where it must be.</summary>
    public void MarkReviewed(Guid userId, DateTime now)
    {
        EnsureDraft();
        var errors = new ValidationErrors();
        AddIncomplete(errors);
        errors.ThrowIfAny();
        ReviewedAt = now;
        ReviewedBy = userId;
    }

    /// <summary>What is still missing, as one line per kind (items without points, items needing an explanation), with their codes.</summary>
    private void AddIncomplete(ValidationErrors errors)
    {
        // Items computed from Sipar's data are filled in when leadership submits; the rest are the people's to score.
        var selfAssessed = scores.Where(s => s.Method != ScoringMethod.Survey && !s.IsComputedFromData).ToList();
        var missing = selfAssessed.Where(s => s.SelfPoints is null).Select(s => s.Code).ToList();
        var unexplained = selfAssessed.Where(s => s.SelfPoints is not null && s.NeedsExplanation).Select(s => s.Code).ToList();
        if (missing.Count > 0)
        {
            errors.Add("Status", "Par.ScoresMissing", missing.Count, Codes(missing));
        }

        if (unexplained.Count > 0)
        {
            errors.Add("Status", "Par.ExplanationsMissing", unexplained.Count, Codes(unexplained));
        }

        static string Codes(List<string> codes) => string.Join(", ", codes.Take(12)) + (codes.Count > 12 ? ", …" : "");
    }

    /// <summary>Something changed after the review: leadership approves only what the office reviewed.</summary>
    public void Changed()
    {
        ReviewedAt = null;
        ReviewedBy = null;
    }

    /// <summary>What submitting would refuse (asked before leadership is asked to confirm).</summary>
    public void CheckSubmit()
    {
        EnsureDraft();
        var errors = new ValidationErrors();
        if (ReviewedAt is null)
        {
            errors.Add("Status", "Par.NotReviewed");
        }

        AddIncomplete(errors);
        errors.ThrowIfAny();
    }

    /// <summary>
    /// Leadership approves and submits what the office reviewed: every self-assessed item has points, and an
    /// explanation where it has no evidence. Locks it.
    /// </summary>
    public void Submit(Guid userId, DateTime now)
    {
        CheckSubmit();
        Status = AssessmentStatus.Submitted;
        SubmittedAt = now;
        SubmittedBy = userId;
    }

    /// <summary>The appraiser asks for explanations on chosen items; one round.</summary>
    public void RequestExplanation(IReadOnlyDictionary<Guid, string> requests, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (Status != AssessmentStatus.Submitted)
        {
            throw new DomainValidationException("Status", ExplanationRequestedAt is null ? "Par.NotSubmitted" : "Par.OneExplanationRound");
        }

        var chosen = requests.Where(r => !string.IsNullOrWhiteSpace(r.Value)).ToList();
        if (chosen.Count == 0)
        {
            throw new DomainValidationException("Request", "Par.NoExplanationChosen");
        }

        foreach (var (scoreId, text) in chosen)
        {
            if (text.Length > TextMaxLength)
            {
                throw new DomainValidationException("Request", "Error.MaxLength", TextMaxLength);
            }

            Score(scoreId).ExplanationRequest = text.Trim();
        }

        Status = AssessmentStatus.ExplanationRequested;
        ExplanationRequestedAt = now;
    }

    /// <summary>The agency answers every request once, by the campaign's explanation deadline.</summary>
    public void Answer(IReadOnlyDictionary<Guid, string> answers, DateOnly today, DateOnly due, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (Status != AssessmentStatus.ExplanationRequested)
        {
            throw new DomainValidationException("Status", "Par.NoExplanationRequested");
        }

        if (today > due)
        {
            throw new DomainValidationException("Status", "Par.ExplanationPastDue", Show.Date(due));
        }

        var errors = new ValidationErrors();
        foreach (var s in scores.Where(s => s.ExplanationRequest is not null))
        {
            var text = answers.GetValueOrDefault(s.Id)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                errors.Add("Answer-" + s.Code, "Par.AnswerMissing", s.Code);
            }
            else if (text.Length > TextMaxLength)
            {
                errors.Add("Answer-" + s.Code, "Error.MaxLength", TextMaxLength);
            }
        }

        errors.ThrowIfAny();
        foreach (var s in scores.Where(s => s.ExplanationRequest is not null))
        {
            s.ExplanationAnswer = answers[s.Id].Trim();
        }

        Status = AssessmentStatus.Answered;
        AnsweredAt = now;
    }

    /// <summary>A unit self-scores an item (or the office does): only while a draft, and the review must be done again.</summary>
    public void SelfScore(Guid scoreId, decimal? points, string? explanation)
    {
        EnsureDraft();
        Score(scoreId).SelfScore(points, explanation);
        Changed();
    }

    /// <summary>The office assigns an item to a unit (null: nobody) while a draft.</summary>
    public void Assign(Guid scoreId, Guid? unitId)
    {
        EnsureDraft();
        Score(scoreId).Assign(unitId);
    }

    public void AddEvidence(Guid scoreId, ParEvidence evidence)
    {
        EnsureDraft();
        Score(scoreId).AddEvidence(evidence);
        Changed();
    }

    public ParEvidence RemoveEvidence(Guid scoreId, Guid evidenceId)
    {
        EnsureDraft();
        var score = Score(scoreId);
        var evidence = score.Evidence.FirstOrDefault(e => e.Id == evidenceId) ?? throw new NotFoundException();
        score.RemoveEvidence(evidence);
        Changed();
        return evidence;
    }

    /// <summary>A computed item takes its value from Sipar data: while a draft (last at submission), then it is frozen.</summary>
    public void SetComputed(Guid scoreId, decimal points, string snapshot)
    {
        EnsureDraft();
        Score(scoreId).SetComputed(points, snapshot);
    }

    /// <summary>A survey-scored item takes its points from a survey index, with the index frozen beside them as its drill-down.</summary>
    public void TakeSurvey(Guid scoreId, decimal points, string snapshot)
    {
        EnsureAppraisable();
        Score(scoreId).TakeSurvey(points, snapshot);
    }

    /// <summary>The appraiser accepts (same points) or adjusts (with a reason) an item; only once submitted and until finalised.</summary>
    public void Appraise(Guid scoreId, decimal? points, string? reason)
    {
        EnsureAppraisable();
        Score(scoreId).Appraise(points, reason);
    }

    /// <summary>For a copy read without tracking, shown to an agency before publication: the appraisal is not handed out.</summary>
    internal void HideAppraisal()
    {
        foreach (var s in scores)
        {
            s.HideAppraisal();
        }
    }

    /// <summary>Every item not yet appraised takes its self-score.</summary>
    public void AcceptRemaining()
    {
        EnsureAppraisable();
        foreach (var s in scores.Where(s => s.AppraisedPoints is null && s.SelfPoints is not null))
        {
            s.Appraise(s.SelfPoints, null);
        }
    }

    public void EnsureAppraisable()
    {
        if (Status is not (AssessmentStatus.Submitted or AssessmentStatus.ExplanationRequested or AssessmentStatus.Answered))
        {
            throw new DomainValidationException("Status", Status == AssessmentStatus.Finalised ? "Par.AlreadyFinalised" : "Par.NotSubmitted");
        }
    }

    /// <summary>The appraiser finalises once every item has appraised points and no explanation is still awaited (or its deadline has passed).</summary>
    /// <summary>What finalising would refuse (asked before the appraiser is asked to confirm).</summary>
    public void CheckFinalise(DateOnly today, DateOnly explanationDue)
    {
        EnsureAppraisable();
        if (Status == AssessmentStatus.ExplanationRequested && today <= explanationDue)
        {
            throw new DomainValidationException("Status", "Par.AwaitingExplanation");
        }

        var missing = scores.Where(s => s.AppraisedPoints is null).Select(s => s.Code).ToList();
        if (missing.Count > 0)
        {
            throw new DomainValidationException("Status", "Par.AppraisalMissing", string.Join(", ", missing.Take(10)));
        }

    }

    public void Finalise(DateOnly today, DateOnly explanationDue, DateTime now)
    {
        CheckFinalise(today, explanationDue);
        Status = AssessmentStatus.Finalised;
        FinalisedAt = now;
    }
}

/// <summary>The self-score and the appraisal of one leaf item (criterion or sub-criterion) of an assessment.</summary>
internal sealed class ParScore
{
    private readonly List<ParEvidence> evidence = [];

    private ParScore()
    {
    }

    internal ParScore(Guid assessmentId, FrameworkItem item)
    {
        Id = Guid.CreateVersion7();
        AssessmentId = assessmentId;
        ItemId = item.Id;
        Code = item.Code;
        MaxPoints = item.MaxPoints;
        Method = item.Method;
        Source = item.Source;
        Rule = item.Rule;
    }

    public Guid Id { get; private set; }

    public Guid AssessmentId { get; private set; }

    public Guid ItemId { get; private set; }

    public string Code { get; private set; } = "";

    public decimal MaxPoints { get; private set; }

    public ScoringMethod Method { get; private set; }

    public string? Source { get; private set; }

    public string? Rule { get; private set; }

    /// <summary>Đơn vị chịu trách nhiệm (assigned by the office).</summary>
    public Guid? UnitId { get; private set; }

    public decimal? SelfPoints { get; private set; }

    public string? Explanation { get; private set; }

    /// <summary>For a computed item: the figures it was computed from, as JSON, frozen at submission.</summary>
    public string? Snapshot { get; private set; }

    public decimal? AppraisedPoints { get; private set; }

    public string? AppraisalReason { get; private set; }

    public string? ExplanationRequest { get; internal set; }

    public string? ExplanationAnswer { get; internal set; }

    public IReadOnlyList<ParEvidence> Evidence => evidence;

    public bool IsDeduction => MaxPoints < 0;

    public bool IsComputedFromData => Method == ScoringMethod.Computed && ParDataSources.IsKnown(Source);

    public bool NeedsExplanation => Method == ScoringMethod.SelfAssessed && evidence.Count == 0 && string.IsNullOrWhiteSpace(Explanation)
        && SelfPoints is { } p && p != 0;

    internal void Assign(Guid? unitId) => UnitId = unitId;

    internal void SelfScore(decimal? points, string? explanation)
    {
        if (Method == ScoringMethod.Survey)
        {
            throw new DomainValidationException("SelfPoints", "Par.SurveyNotSelfScored");
        }

        if (IsComputedFromData)
        {
            throw new DomainValidationException("SelfPoints", "Par.ComputedNotSelfScored");
        }

        CheckRange("SelfPoints", points);
        if (explanation is { Length: > ParAssessment.TextMaxLength })
        {
            throw new DomainValidationException("Explanation", "Error.MaxLength", ParAssessment.TextMaxLength);
        }

        // Saved even without evidence or explanation; NeedsExplanation tells the person at once, and Submit refuses it.
        SelfPoints = points;
        Explanation = string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim();
    }

    internal void TakeSurvey(decimal points, string snapshot)
    {
        if (Method != ScoringMethod.Survey)
        {
            throw new DomainValidationException("SurveyLinks", "Par.NotSurveyItem", Code);
        }

        Appraise(points, null);
        Snapshot = snapshot;
    }

    internal void SetComputed(decimal points, string snapshot)
    {
        SelfPoints = points;
        Snapshot = snapshot;
    }

    internal void Appraise(decimal? points, string? reason)
    {
        CheckRange("AppraisedPoints", points);
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (points is not null && Method != ScoringMethod.Survey && points != SelfPoints && text is null)
        {
            throw new DomainValidationException("Reason", "Par.ReasonRequired", Code);
        }

        if (text is { Length: > ParAssessment.TextMaxLength })
        {
            throw new DomainValidationException("Reason", "Error.MaxLength", ParAssessment.TextMaxLength);
        }

        AppraisedPoints = points;
        AppraisalReason = text;
    }

    /// <summary>Clears the appraisal from a copy read for someone who may not see it yet (never saved).</summary>
    internal void HideAppraisal()
    {
        AppraisedPoints = null;
        AppraisalReason = null;
    }

    internal void AddEvidence(ParEvidence item) => evidence.Add(item);

    internal void RemoveEvidence(ParEvidence item) => evidence.Remove(item);

    private void CheckRange(string field, decimal? points)
    {
        if (points is not { } p)
        {
            return;
        }

        if (IsDeduction ? p > 0 || p < MaxPoints * 100 : p < 0)
        {
            throw new DomainValidationException(field, IsDeduction ? "Par.DeductionPositive" : "Par.NegativeScore", Code);
        }

        if (!IsDeduction && p > MaxPoints)
        {
            throw new DomainValidationException(field, "Par.AboveMax", ParCalculator.Format(p), Code, ParCalculator.Format(MaxPoints));
        }
    }
}

/// <summary>Tài liệu kiểm chứng of a score: an uploaded file, or a link to a Sipar record.</summary>
internal sealed class ParEvidence
{
    public const int TitleMaxLength = 500;

    private ParEvidence()
    {
    }

    public Guid Id { get; private set; }

    public Guid ScoreId { get; private set; }

    public EvidenceKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The linked record (task, unit report, plan) when <see cref="Kind"/> is not a file.</summary>
    public Guid? LinkId { get; private set; }

    public string? FileName { get; private set; }

    public string? ContentType { get; private set; }

    public long Size { get; private set; }

    public string? StorageKey { get; private set; }

    public string? Sha256 { get; private set; }

    public Guid UserId { get; private set; }

    public DateTime At { get; private set; }

    internal static ParEvidence File(Guid scoreId, Guid userId, DateTime at, string fileName, string contentType, long size, string key, string sha256) => new()
    {
        Id = Guid.CreateVersion7(), ScoreId = scoreId, Kind = EvidenceKind.File, Title = Clip(fileName), FileName = fileName, ContentType = contentType,
        Size = size, StorageKey = key, Sha256 = sha256, UserId = userId, At = at,
    };

    internal static ParEvidence Link(Guid scoreId, Guid userId, DateTime at, EvidenceKind kind, Guid linkId, string title) => new()
    {
        Id = Guid.CreateVersion7(), ScoreId = scoreId, Kind = kind, Title = Clip(title), LinkId = linkId, UserId = userId, At = at,
    };

    private static string Clip(string text) => text.Length > TitleMaxLength ? text[..TitleMaxLength] : text;
}
