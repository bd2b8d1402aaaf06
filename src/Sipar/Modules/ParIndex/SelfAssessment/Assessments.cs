using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Organisation;
using Sipar.Modules.Plans;

namespace Sipar.Modules.ParIndex;

/// <summary>Everything the assessment page shows, already filtered by what the person may see.</summary>
internal sealed record AssessmentView(
    ParAssessment Assessment, ParCampaign Campaign, string Agency, Framework Framework, IReadOnlyDictionary<Guid, string> Units,
    IReadOnlyDictionary<Guid, Guid> SuggestedUnits, bool SeesAppraisal, bool CanManage, bool CanSubmit, bool CanAnswer, bool CanAppraise, int Version = 0)
{
    private IReadOnlyDictionary<string, decimal>? self;
    private IReadOnlyDictionary<string, decimal>? appraised;

    public ParScore? ScoreOf(FrameworkItem item) => Assessment.Scores.FirstOrDefault(s => s.ItemId == item.Id);

    /// <summary>Self-assessed points of every item, parents computed as the results will be.</summary>
    public IReadOnlyDictionary<string, decimal> SelfPoints => self ??= Points(s => s.SelfPoints);

    /// <summary>Appraised points of every item, or nothing while the person may not see them.</summary>
    public IReadOnlyDictionary<string, decimal> AppraisedPoints => appraised ??= SeesAppraisal ? Points(s => s.AppraisedPoints) : new Dictionary<string, decimal>();

    public decimal SelfTotal => Framework.Items.Where(i => i.Level == CriterionLevel.Area).Sum(i => SelfPoints[i.Code]);

    public decimal? AppraisedTotal => SeesAppraisal ? Framework.Items.Where(i => i.Level == CriterionLevel.Area).Sum(i => AppraisedPoints[i.Code]) : null;

    private IReadOnlyDictionary<string, decimal> Points(Func<ParScore, decimal?> pick) =>
        ResultsCalculator.ItemPoints(Framework, Assessment.Scores.Where(s => pick(s) is not null).ToDictionary(s => s.Code, s => pick(s)!.Value, StringComparer.OrdinalIgnoreCase));

    /// <summary>Still a draft after the self-assessment deadline (it can still be submitted; the appraisers see it is late).</summary>
    public bool PastDue(DateOnly today) => Assessment.Status == AssessmentStatus.Draft && today > Campaign.SelfAssessmentDue;
}

/// <summary>A record an item's evidence can link to.</summary>
internal sealed record LinkCandidate(EvidenceKind Kind, Guid Id, string Title);

/// <summary>
/// Self-assessment (office assigns items to units; units score with evidence or an explanation; computed items from
/// Sipar data with a frozen snapshot; leadership submits, which locks it), the agency's one answer to explanation
/// requests, and the appraisal (accept or adjust with a reason, request explanations, finalise into the year's results).
/// </summary>
internal sealed class Assessments(
    SiparDbContext db, ParAccess access, TimeProvider clock, FileStore files, ComputedIndicators indicators, ParResults results, IPlanRecords planRecords, IAgencies agencyDirectory)
{
    public DateOnly Today => VietnamTime.Today(clock);

    public async Task<AssessmentView> GetAsync(Guid id, CancellationToken ct)
    {
        var (assessment, campaign) = await LoadAsync(id, tracking: false, ct);
        ParAccess.Ensure(access.CanRead(assessment));
        var framework = await db.Set<Framework>().AsNoTracking().Include(f => f.Items).FirstAsync(f => f.Id == assessment.FrameworkId, ct);
        var agency = (await agencyDirectory.FindAsync(assessment.AgencyId, ct))?.Name ?? "";
        var units = (await agencyDirectory.UnitsAsync(assessment.AgencyId, ct)).OrderBy(u => u.Name, StringComparer.Ordinal).ToDictionary(u => u.Id, u => u.Name);
        var seesAppraisal = access.SeesAppraisal(campaign);
        if (!seesAppraisal)
        {
            // Not tracked: what the agency must not see yet is simply not handed to the page or the API.
            assessment.HideAppraisal();
        }

        return new AssessmentView(assessment, campaign, agency, framework, units, await SuggestUnitsAsync(assessment, framework, campaign.Year, ct), seesAppraisal,
            access.IsOfficeOf(assessment) && assessment.Status == AssessmentStatus.Draft,
            access.IsLeaderOf(assessment) && assessment.Status == AssessmentStatus.Draft,
            access.IsOfficeOf(assessment) && assessment.Status == AssessmentStatus.ExplanationRequested,
            access.IsAppraiser && assessment.Status is AssessmentStatus.Submitted or AssessmentStatus.ExplanationRequested or AssessmentStatus.Answered,
            await db.StoredVersionAsync<ParAssessment>(assessment.Id, ct));
    }

    /// <summary>The assessment of the signed-in person's agency in the newest campaign, if any.</summary>
    public async Task<Guid?> MineAsync(Guid agencyId, CancellationToken ct) =>
        await db.Set<ParAssessment>().AsNoTracking().Where(a => a.AgencyId == agencyId)
            .OrderByDescending(a => db.Set<ParCampaign>().Where(c => c.Id == a.CampaignId).Select(c => c.Year).First())
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);

    public async Task AssignAsync(Guid id, IReadOnlyDictionary<Guid, Guid?> unitByScore, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(unitByScore);
        var (assessment, _) = await LoadAsync(id, tracking: true, ct);
        ParAccess.Ensure(access.IsOfficeOf(assessment));
        assessment.EnsureDraft();
        var units = (await agencyDirectory.UnitsAsync(assessment.AgencyId, ct)).Select(u => u.Id).ToList();
        foreach (var (scoreId, unitId) in unitByScore)
        {
            if (unitId is { } u && !units.Contains(u))
            {
                throw new DomainValidationException("Unit", "Error.Invalid");
            }

            assessment.Assign(scoreId, unitId);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Gives each item without a unit the unit suggested for its area (from the plan's sections).</summary>
    public async Task ApplySuggestionsAsync(Guid id, CancellationToken ct)
    {
        var view = await GetAsync(id, ct);
        var items = view.Framework.Items.ToDictionary(i => i.Id);
        FrameworkItem AreaOf(FrameworkItem i) => i.ParentId is { } parent ? AreaOf(items[parent]) : i;
        var units = new Dictionary<Guid, Guid?>();
        foreach (var score in view.Assessment.Scores.Where(s => s.UnitId is null))
        {
            if (view.SuggestedUnits.TryGetValue(AreaOf(items[score.ItemId]).Id, out var unit))
            {
                units[score.Id] = unit;
            }
        }

        await AssignAsync(id, units, ct);
    }

    /// <summary>Saves a self-score; returns true when it still needs evidence or an explanation before submission.</summary>
    public async Task<bool> SelfScoreAsync(Guid id, Guid scoreId, decimal? points, string? explanation, CancellationToken ct, int? expectedVersion = null)
    {
        var (assessment, _) = await LoadAsync(id, tracking: true, ct);
        db.ExpectVersion(assessment, expectedVersion);
        var score = assessment.Score(scoreId);
        ParAccess.Ensure(access.CanSelfScore(assessment, score));
        assessment.SelfScore(scoreId, points, explanation);
        await db.SaveChangesAsync(ct);
        return score.NeedsExplanation;
    }

    public async Task DescribeAsync(Guid id, string? difficulties, string? proposals, CancellationToken ct)
    {
        var (assessment, _) = await LoadAsync(id, tracking: true, ct);
        ParAccess.Ensure(access.IsOfficeOf(assessment));
        assessment.Describe(difficulties, proposals);
        assessment.Changed();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Refuses (403) a caller who may not self-score this item, before an upload or a link is read.</summary>
    public async Task EnsureMaySelfScoreAsync(Guid id, Guid scoreId, CancellationToken ct)
    {
        var (assessment, _) = await LoadAsync(id, tracking: false, ct);
        ParAccess.Ensure(access.CanSelfScore(assessment, assessment.Score(scoreId)));
    }

    public async Task<Guid> AddEvidenceFileAsync(Guid id, Guid scoreId, string fileName, string contentType, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (assessment, _) = await LoadAsync(id, tracking: true, ct);
        var score = assessment.Score(scoreId);
        ParAccess.Ensure(access.CanSelfScore(assessment, score));
        assessment.EnsureDraft();
        var now = clock.GetUtcNow().UtcDateTime;
        var (key, sha) = await files.SaveAsync(content, now, ct);
        var evidence = ParEvidence.File(score.Id, access.UserId, now, fileName, contentType, content.Length, key, sha);
        assessment.AddEvidence(score.Id, evidence);
        db.Add(evidence);
        await db.SaveChangesAsync(ct);
        return evidence.Id;
    }

    /// <summary>Links a Sipar record of the same agency and year as evidence: a plan task, an accepted unit report, the plan or a consolidated report.</summary>
    public async Task AddEvidenceLinkAsync(Guid id, Guid scoreId, EvidenceKind kind, Guid linkId, CancellationToken ct)
    {
        var (assessment, campaign) = await LoadAsync(id, tracking: true, ct);
        var score = assessment.Score(scoreId);
        ParAccess.Ensure(access.CanSelfScore(assessment, score));
        assessment.EnsureDraft();
        var candidate = (await LinkCandidatesAsync(assessment.AgencyId, campaign.Year, ct)).FirstOrDefault(c => c.Kind == kind && c.Id == linkId)
            ?? throw new DomainValidationException("Link", "Par.LinkUnknown");
        if (score.Evidence.Any(e => e.Kind == kind && e.LinkId == linkId))
        {
            return;
        }

        var evidence = ParEvidence.Link(score.Id, access.UserId, clock.GetUtcNow().UtcDateTime, kind, linkId, candidate.Title);
        assessment.AddEvidence(score.Id, evidence);
        db.Add(evidence);
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveEvidenceAsync(Guid id, Guid scoreId, Guid evidenceId, CancellationToken ct)
    {
        var (assessment, _) = await LoadAsync(id, tracking: true, ct);
        var score = assessment.Score(scoreId);
        ParAccess.Ensure(access.CanSelfScore(assessment, score));
        db.Remove(assessment.RemoveEvidence(score.Id, evidenceId));
        await db.SaveChangesAsync(ct);
    }

    public async Task<(ParEvidence Evidence, Stream Content)> OpenEvidenceAsync(Guid id, Guid evidenceId, CancellationToken ct)
    {
        var (assessment, _) = await LoadAsync(id, tracking: false, ct);
        ParAccess.Ensure(access.CanRead(assessment));
        var evidence = assessment.Scores.SelectMany(s => s.Evidence).FirstOrDefault(e => e.Id == evidenceId && e.Kind == EvidenceKind.File)
            ?? throw new NotFoundException();
        return (evidence, files.Open(evidence.StorageKey!));
    }

    /// <summary>Records of the agency's plans of the year that can be linked as evidence (through Plans' contract).</summary>
    public async Task<IReadOnlyList<LinkCandidate>> LinkCandidatesAsync(Guid agencyId, int year, CancellationToken ct) =>
        (await planRecords.LinkableAsync(agencyId, year, ct)).Select(r => new LinkCandidate(r.Kind switch
        {
            PlanRecordKind.Task => EvidenceKind.PlanTask,
            PlanRecordKind.UnitReport => EvidenceKind.UnitReport,
            PlanRecordKind.ConsolidatedReport => EvidenceKind.ConsolidatedReport,
            _ => EvidenceKind.Document,
        }, r.Id, r.Label)).ToList();

    /// <summary>Recomputes the computed items from Sipar data (the office, while a draft); submission freezes the last snapshot.</summary>
    public async Task RefreshComputedAsync(Guid id, CancellationToken ct)
    {
        var (assessment, campaign) = await LoadAsync(id, tracking: true, ct);
        ParAccess.Ensure(access.IsOfficeOf(assessment));
        assessment.EnsureDraft();
        await ComputeAsync(assessment, campaign, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The office marks it reviewed; leaders can then approve and submit it.</summary>
    public async Task MarkReviewedAsync(Guid id, CancellationToken ct, int? expectedVersion = null)
    {
        var (assessment, _) = await LoadAsync(id, tracking: true, ct);
        ParAccess.Ensure(access.IsOfficeOf(assessment));
        db.ExpectVersion(assessment, expectedVersion);
        assessment.MarkReviewed(access.UserId, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Leadership approves and submits: the computed items are taken one last time and everything locks.</summary>
    /// <summary>What submitting would refuse, without submitting: leadership is asked to confirm only what would go through.</summary>
    public async Task CheckSubmitAsync(Guid id, CancellationToken ct)
    {
        var (assessment, _) = await LoadAsync(id, tracking: false, ct);
        ParAccess.Ensure(access.IsLeaderOf(assessment));
        assessment.CheckSubmit();
    }

    /// <summary>What finalising would refuse, without finalising.</summary>
    public async Task CheckFinaliseAsync(Guid id, CancellationToken ct)
    {
        var (assessment, campaign) = await LoadAsync(id, tracking: false, ct);
        ParAccess.Ensure(access.IsAppraiser);
        assessment.CheckFinalise(Today, campaign.ExplanationDue);
    }

    public async Task SubmitAsync(Guid id, CancellationToken ct, int? expectedVersion = null)
    {
        var (assessment, campaign) = await LoadAsync(id, tracking: true, ct);
        ParAccess.Ensure(access.IsLeaderOf(assessment));
        db.ExpectVersion(assessment, expectedVersion);
        assessment.EnsureDraft();
        await ComputeAsync(assessment, campaign, ct);
        assessment.Submit(access.UserId, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    public async Task AnswerAsync(Guid id, IReadOnlyDictionary<Guid, string> answers, CancellationToken ct)
    {
        var (assessment, campaign) = await LoadAsync(id, tracking: true, ct);
        ParAccess.Ensure(access.IsOfficeOf(assessment));
        assessment.Answer(answers, Today, campaign.ExplanationDue, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The appraiser accepts (same points) or adjusts (with a reason) one item, or enters a survey item's points.</summary>
    public async Task AppraiseAsync(Guid id, Guid scoreId, decimal? points, string? reason, CancellationToken ct)
    {
        var (assessment, _) = await LoadAsync(id, tracking: true, ct);
        ParAccess.Ensure(access.IsAppraiser);
        assessment.Appraise(scoreId, points, reason);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Accepts the self-score of every item not appraised yet.</summary>
    public async Task AcceptRemainingAsync(Guid id, CancellationToken ct)
    {
        var (assessment, _) = await LoadAsync(id, tracking: true, ct);
        ParAccess.Ensure(access.IsAppraiser);
        assessment.AcceptRemaining();

        await db.SaveChangesAsync(ct);
    }

    public async Task RequestExplanationAsync(Guid id, IReadOnlyDictionary<Guid, string> requests, CancellationToken ct)
    {
        var (assessment, _) = await LoadAsync(id, tracking: true, ct);
        ParAccess.Ensure(access.IsAppraiser);
        assessment.RequestExplanation(requests, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Finalises the appraisal: the appraised points become the agency's results for the year (hidden until published).</summary>
    public async Task FinaliseAsync(Guid id, CancellationToken ct)
    {
        var (assessment, campaign) = await LoadAsync(id, tracking: true, ct);
        ParAccess.Ensure(access.IsAppraiser);
        assessment.Finalise(Today, campaign.ExplanationDue, clock.GetUtcNow().UtcDateTime);
        await results.RecordAsync(campaign.Year, assessment.AgencyId, campaign.Id, assessment.Scores.Select(s => (s.Code, s.AppraisedPoints!.Value)).ToList(), ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task ComputeAsync(ParAssessment assessment, ParCampaign campaign, CancellationToken ct)
    {
        foreach (var score in assessment.Scores.Where(s => s.IsComputedFromData))
        {
            var snapshot = await indicators.ComputeAsync(score.Source!, assessment.AgencyId, campaign.Year, Today, ct);
            assessment.SetComputed(score.Id, snapshot.PointsFor(score.Rule, score.MaxPoints), snapshot.ToJson());
        }
    }

    /// <summary>Suggests, for each area, the lead unit of the plan section whose heading shares most words with it.</summary>
    private async Task<IReadOnlyDictionary<Guid, Guid>> SuggestUnitsAsync(ParAssessment assessment, Framework framework, int year, CancellationToken ct)
    {
        var sections = (await planRecords.SectionsAsync(assessment.AgencyId, [year, year + 1], ct)).Where(s => s.LeadUnitId is not null).ToList();
        var suggestions = new Dictionary<Guid, Guid>();
        foreach (var area in framework.Items.Where(i => i.Level == CriterionLevel.Area))
        {
            var best = sections.Select(s => (s.LeadUnitId, Score: Similarity(area.Name, s.Heading))).OrderByDescending(x => x.Score).FirstOrDefault();
            if (best.Score >= 0.5 && best.LeadUnitId is { } unit)
            {
                suggestions[area.Id] = unit;
            }
        }

        return suggestions;
    }

    /// <summary>Share of the area name's words found in the heading, diacritics and case ignored.</summary>
    internal static double Similarity(string area, string heading)
    {
        static HashSet<string> Words(string s) => VietnameseText.Fold(s).Split([' ', ',', ';', '.', '(', ')', '-'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var a = Words(area);
        var h = Words(heading);
        return a.Count == 0 ? 0 : a.Count(h.Contains) / (double)a.Count;
    }

    private async Task<(ParAssessment Assessment, ParCampaign Campaign)> LoadAsync(Guid id, bool tracking, CancellationToken ct)
    {
        var q = db.Set<ParAssessment>().Include(a => a.Scores).ThenInclude(s => s.Evidence).AsSplitQuery();
        var assessment = await (tracking ? q : q.AsNoTracking()).FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException();
        var campaign = await db.Set<ParCampaign>().AsNoTracking().FirstAsync(c => c.Id == assessment.CampaignId, ct);
        return (assessment, campaign);
    }
}
