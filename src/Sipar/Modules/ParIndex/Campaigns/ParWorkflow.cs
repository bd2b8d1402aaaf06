using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

/// <summary>
/// Who may do what on an assessment, checked on the server for every request: agencies read their own; the office
/// and leaders edit it while it is a draft, a unit officer the items assigned to the unit; leaders submit;
/// appraisers (Sở Nội vụ) read all and appraise, and nobody else does.
/// </summary>
internal sealed class ParAccess(CurrentUser me, Capabilities can)
{
    public bool IsAppraiser => can.Has(Capability.Appraise);

    public bool ManagesCampaigns => can.Has(Capability.ManageParIndex);

    public Guid UserId => me.Id ?? throw new ForbiddenException();

    public bool CanRead(ParAssessment a) => me.CanReadAgency(a.AgencyId);

    public bool IsOfficeOf(ParAssessment a) => can.Has(Capability.RunSelfAssessment, a.AgencyId);

    public bool IsLeaderOf(ParAssessment a) => can.Has(Capability.ApproveForAgency, a.AgencyId);

    public bool CanSelfScore(ParAssessment a, ParScore s) =>
        IsOfficeOf(a) || (s.UnitId is { } unit && can.Has(Capability.WorkOnUnitTasks, a.AgencyId, unit));

    /// <summary>Appraised points and reasons: appraisers always; the agency once the campaign's results are published.</summary>
    public bool SeesAppraisal(ParCampaign c) => ManagesCampaigns || c.PublishedAt is not null;

    public static void Ensure(bool allowed)
    {
        if (!allowed)
        {
            throw new ForbiddenException();
        }
    }
}

internal sealed record CampaignSummary(Guid Id, int Year, string Name, DateOnly SelfAssessmentDue, DateOnly AppraisalDue, DateOnly ExplanationDue, bool Published, int Agencies);

internal sealed record ParticipantLine(Guid AssessmentId, Guid AgencyId, string Agency, AssessmentStatus Status, DateTime? SubmittedAt, decimal? SelfTotal, decimal? AppraisedTotal)
{
    /// <summary>Submitted after the deadline, or still a draft past it.</summary>
    public bool Late(ParCampaign campaign, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return SubmittedAt is { } at ? VietnamTime.DateOf(at) > campaign.SelfAssessmentDue : today > campaign.SelfAssessmentDue;
    }
}

internal sealed record CampaignView(ParCampaign Campaign, IReadOnlyList<ParticipantLine> Participants);

/// <summary>Campaigns: create with the participating agencies, configure classes, publish, and enter or import survey points.</summary>
internal sealed class ParCampaigns(SiparDbContext db, ParAccess access, CurrentUser me, IAgencies agencyDirectory, TimeProvider clock, ISurveyIndexSource? surveys = null)
{
    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(CancellationToken ct)
    {
        var q = db.Set<ParCampaign>().AsNoTracking();
        if (!access.ManagesCampaigns)
        {
            var agencyId = me.AgencyId;
            q = q.Where(c => db.Set<ParAssessment>().Any(a => a.CampaignId == c.Id && a.AgencyId == agencyId));
        }

        return await q.OrderByDescending(c => c.Year).ThenByDescending(c => c.CreatedAt)
            .Select(c => new CampaignSummary(c.Id, c.Year, c.Name, c.SelfAssessmentDue, c.AppraisalDue, c.ExplanationDue, c.PublishedAt != null,
                db.Set<ParAssessment>().Count(a => a.CampaignId == c.Id)))
            .ToListAsync(ct);
    }

    /// <summary>Agencies that can be added: all of them, or those not yet in <paramref name="campaignId"/>.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, AgencyKind Kind)>> AgenciesToAddAsync(Guid? campaignId, CancellationToken ct)
    {
        ParAccess.Ensure(access.ManagesCampaigns);
        var taken = campaignId is { } id
            ? (await db.Set<ParAssessment>().AsNoTracking().Where(x => x.CampaignId == id).Select(x => x.AgencyId).ToListAsync(ct)).ToHashSet()
            : [];
        return (await agencyDirectory.ListAsync(ct)).Where(a => !taken.Contains(a.Id)).OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => (a.Id, a.Name, a.Kind)).ToList();
    }

    /// <summary>Creates a campaign; each participating agency gets an assessment on its kind's framework of that year, which freezes it.</summary>
    public async Task<Guid> CreateAsync(int year, string? name, DateOnly selfDue, DateOnly appraisalDue, DateOnly explanationDue, IReadOnlyCollection<Guid> agencyIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agencyIds);
        ParAccess.Ensure(access.ManagesCampaigns);
        var campaign = ParCampaign.Create(year, name, selfDue, appraisalDue, explanationDue, clock.GetUtcNow().UtcDateTime);
        if (agencyIds.Count == 0)
        {
            throw new DomainValidationException("AgencyIds", "Par.NoAgencies");
        }

        db.Add(campaign);
        await AddAgenciesAsync(campaign, agencyIds, ct);
        await db.SaveChangesAsync(ct);
        return campaign.Id;
    }

    public async Task AddAgenciesAsync(Guid campaignId, IReadOnlyCollection<Guid> agencyIds, CancellationToken ct)
    {
        ParAccess.Ensure(access.ManagesCampaigns);
        var campaign = await db.Set<ParCampaign>().FirstOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw new NotFoundException();
        await AddAgenciesAsync(campaign, agencyIds, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task<CampaignView> GetAsync(Guid id, CancellationToken ct)
    {
        var campaign = await db.Set<ParCampaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException();
        var q = db.Set<ParAssessment>().AsNoTracking().Where(a => a.CampaignId == id);
        if (!access.ManagesCampaigns)
        {
            var agencyId = me.AgencyId;
            q = q.Where(a => a.AgencyId == agencyId);
            ParAccess.Ensure(await q.AnyAsync(ct));
        }

        var seesAppraisal = access.SeesAppraisal(campaign);
        var names = (await agencyDirectory.ListAsync(ct)).ToDictionary(a => a.Id, a => a.Name);
        var rows = (await q.Select(a => new
        {
            a.Id, a.AgencyId, a.Status, a.SubmittedAt,
            Self = a.Scores.Sum(s => s.SelfPoints), Appraised = a.Scores.Sum(s => s.AppraisedPoints),
        }).ToListAsync(ct)).Select(a => new { a.Id, a.AgencyId, Agency = names.GetValueOrDefault(a.AgencyId, "?"), a.Status, a.SubmittedAt, a.Self, a.Appraised }).ToList();
        return new CampaignView(campaign, rows.OrderBy(r => r.Agency, StringComparer.Ordinal)
            .Select(r => new ParticipantLine(r.Id, r.AgencyId, r.Agency, r.Status, r.SubmittedAt, r.Self, seesAppraisal ? r.Appraised : null)).ToList());
    }

    public async Task ChangeAsync(Guid id, int year, string? name, DateOnly selfDue, DateOnly appraisalDue, DateOnly explanationDue, string? bands, bool surveyHeld, CancellationToken ct, string? recipients = null)
    {
        ParAccess.Ensure(access.ManagesCampaigns);
        var campaign = await db.Set<ParCampaign>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException();
        if (year != campaign.Year && await db.Set<ParAssessment>().AnyAsync(a => a.CampaignId == id, ct))
        {
            throw new DomainValidationException("Year", "Par.YearFixed");
        }

        campaign.Change(year, name, selfDue, appraisalDue, explanationDue);
        campaign.Configure(bands, surveyHeld, recipients);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Publishes (or withdraws) the campaign's appraisal results to the agencies.</summary>
    /// <summary>What publishing would refuse: a campaign with no finalised appraisal has nothing to publish.</summary>
    public async Task CheckPublishAsync(Guid id, CancellationToken ct)
    {
        ParAccess.Ensure(access.ManagesCampaigns);
        if (!await db.Set<ParAssessment>().AnyAsync(a => a.CampaignId == id && a.Status == AssessmentStatus.Finalised, ct))
        {
            throw new DomainValidationException("Publish", "Par.NothingFinalised");
        }
    }

    public async Task PublishAsync(Guid id, bool publish, CancellationToken ct)
    {
        ParAccess.Ensure(access.ManagesCampaigns);
        var campaign = await db.Set<ParCampaign>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException();
        if (publish)
        {
            await CheckPublishAsync(id, ct);
            campaign.Publish(clock.GetUtcNow().UtcDateTime);
        }
        else
        {
            campaign.Unpublish();
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Survey points per agency from a table (Cơ quan | Mã tiêu chí | Điểm) into the appraisal of survey-scored items;
    /// every bad row is listed and nothing is saved while any remains.
    /// </summary>
    public async Task<(int Imported, IReadOnlyList<FrameworkError> Errors)> ImportSurveyAsync(Guid id, string fileName, byte[] content, CancellationToken ct)
    {
        var (changes, errors) = await CheckSurveyRowsAsync(id, fileName, content, ct);
        if (errors.Count > 0)
        {
            return (0, errors);
        }

        foreach (var (assessment, score, points) in changes)
        {
            assessment.Appraise(score.Id, points, null);
        }

        await db.SaveChangesAsync(ct);
        return (changes.Count, []);
    }

    /// <summary>Saves which survey index scores each survey criterion; every criterion named must be survey-scored in the campaign's frameworks.</summary>
    public async Task LinkSurveyAsync(Guid id, string? text, CancellationToken ct)
    {
        ParAccess.Ensure(access.ManagesCampaigns);
        var campaign = await db.Set<ParCampaign>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException();
        var (links, errors) = SurveyLink.ParseAll(text);
        var survey = await db.Set<ParAssessment>().Where(a => a.CampaignId == id).SelectMany(a => a.Scores).Where(x => x.Method == ScoringMethod.Survey).Select(x => x.Code).Distinct().ToListAsync(ct);
        var unknown = links.Where(l => !survey.Contains(l.Criterion, StringComparer.OrdinalIgnoreCase)).Select(l => new FieldError("SurveyLinks", "Par.NotSurveyItem", l.Criterion));
        var all = errors.Concat(unknown).ToList();
        if (all.Count > 0)
        {
            throw new DomainValidationException(all);
        }

        campaign.LinkSurvey(text);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Takes the linked survey indices into every appraisable assessment: the agency's latest finished wave of the campaign's year,
    /// the index's value through the rule, the index frozen as the item's drill-down. Returns what was set and what could not be.
    /// </summary>
    public async Task<IReadOnlyList<(string Agency, string Criterion, decimal? Points, string? ProblemKey)>> ApplySurveyAsync(Guid id, CancellationToken ct)
    {
        ParAccess.Ensure(access.ManagesCampaigns);
        var campaign = await db.Set<ParCampaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException();
        var links = campaign.SurveyLinkList;
        if (links.Count == 0 || surveys is null)
        {
            throw new DomainValidationException("SurveyLinks", "Par.NoSurveyLinks");
        }

        var assessments = await db.Set<ParAssessment>().Include(a => a.Scores).Where(a => a.CampaignId == id).ToListAsync(ct);
        var names = (await agencyDirectory.ListAsync(ct)).ToDictionary(a => a.Id, a => a.Name);
        var result = new List<(string, string, decimal?, string?)>();
        foreach (var a in assessments)
        {
            var agency = names.GetValueOrDefault(a.AgencyId, "");
            var wave = await surveys.LatestAsync(a.AgencyId, campaign.Year, ct);
            foreach (var link in links)
            {
                var score = a.Scores.FirstOrDefault(x => x.Method == ScoringMethod.Survey && string.Equals(x.Code, link.Criterion, StringComparison.OrdinalIgnoreCase));
                var index = wave?.Indices.FirstOrDefault(i => string.Equals(i.Code, link.Index, StringComparison.OrdinalIgnoreCase));
                string? problem = score is null ? "Par.NotSurveyItem"
                    : a.Status is not (AssessmentStatus.Submitted or AssessmentStatus.ExplanationRequested or AssessmentStatus.Answered) ? "Par.SurveyNotAppraisable"
                    : wave is null ? "Par.NoSurveyWave"
                    : index?.Value is null ? "Par.SurveyIndexMissing"
                    : !index.Enough ? "Par.SurveyIndexTooFew"
                    : null;
                if (problem is not null)
                {
                    result.Add((agency, link.Criterion, null, problem));
                    continue;
                }

                var points = link.Points(index!.Value!.Value, score!.MaxPoints);
                var rows = wave!.Indices.Where(i => i.Code == index.Code || i.Code == "overall")
                    .Select(i => new DataSourceRow(i.Code + " " + i.Name, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{i.Value:0.00}% [{i.Low:0.00}–{i.High:0.00}], n={i.Responses}"), null))
                    .Append(new DataSourceRow("Quy tắc", link.RuleText, null)).ToList();
                var snapshot = new IndicatorSnapshot("sipas: " + wave.Name, wave.PeriodTo, 0, index.Responses, index.Value.Value, rows, "chỉ số hài lòng " + index.Code);
                a.TakeSurvey(score.Id, points, snapshot.ToJson());
                result.Add((agency, link.Criterion, points, null));
            }
        }

        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>What an import of survey points would do: how many points it sets, or every bad row; saves nothing.</summary>
    public async Task<(int Rows, IReadOnlyList<FrameworkError> Errors)> CheckSurveyAsync(Guid id, string fileName, byte[] content, CancellationToken ct)
    {
        var (changes, errors) = await CheckSurveyRowsAsync(id, fileName, content, ct);
        return (changes.Count, errors);
    }

    private async Task<(List<(ParAssessment Assessment, ParScore Score, decimal Points)> Changes, IReadOnlyList<FrameworkError> Errors)> CheckSurveyRowsAsync(Guid id, string fileName, byte[] content, CancellationToken ct)
    {
        ParAccess.Ensure(access.ManagesCampaigns);
        var rows = ParResults.ReadTable(fileName, content);
        var assessments = await db.Set<ParAssessment>().Include(a => a.Scores).Where(a => a.CampaignId == id).ToListAsync(ct);
        var agencies = (await agencyDirectory.ListAsync(ct)).Where(a => assessments.Any(x => x.AgencyId == a.Id)).ToList();
        var errors = new List<FrameworkError>();
        var changes = new List<(ParAssessment Assessment, ParScore Score, decimal Points)>();
        foreach (var (row, agencyText, code, pointsText) in rows)
        {
            var agency = ParResults.FindAgency(agencies, agencyText);
            var assessment = agency is null ? null : assessments.Find(a => a.AgencyId == agency.Id);
            if (assessment is null)
            {
                errors.Add(new FrameworkError(row, "Par.UnknownAgency", agencyText));
                continue;
            }

            var score = assessment.Scores.FirstOrDefault(s => string.Equals(s.Code, code.Trim().TrimEnd('.'), StringComparison.OrdinalIgnoreCase) && s.Method == ScoringMethod.Survey);
            if (score is null)
            {
                errors.Add(new FrameworkError(row, "Par.NotSurveyItem", code));
                continue;
            }

            if (FrameworkReader.Number(pointsText) is not { } points)
            {
                errors.Add(new FrameworkError(row, "Par.ResultNotNumber", pointsText));
                continue;
            }

            if (points < 0 || points > score.MaxPoints)
            {
                errors.Add(new FrameworkError(row, "Par.PointsOutOfRange", ParCalculator.Format(points), score.Code, ParCalculator.Format(score.MaxPoints)));
                continue;
            }

            if (assessment.Status == AssessmentStatus.Finalised)
            {
                errors.Add(new FrameworkError(row, "Par.AlreadyFinalised"));
                continue;
            }

            // Survey points are part of the appraisal: an assessment still in draft takes none (the root refuses it too).
            if (assessment.Status == AssessmentStatus.Draft)
            {
                errors.Add(new FrameworkError(row, "Par.SurveyBeforeSubmission", agency!.Name));
                continue;
            }

            changes.Add((assessment, score, points));
        }

        if (errors.Count == 0 && changes.Count == 0)
        {
            errors.Add(new FrameworkError(0, "Import.NoRows"));
        }

        return (changes, errors);
    }

    private async Task AddAgenciesAsync(ParCampaign campaign, IReadOnlyCollection<Guid> agencyIds, CancellationToken ct)
    {
        var agencies = (await agencyDirectory.ListAsync(ct)).Where(a => agencyIds.Contains(a.Id)).ToList();
        if (agencies.Count != agencyIds.Distinct().Count())
        {
            throw new DomainValidationException("AgencyIds", "Error.Invalid");
        }

        var already = await db.Set<ParAssessment>().Where(a => a.CampaignId == campaign.Id).Select(a => a.AgencyId).ToListAsync(ct);
        var frameworks = await db.Set<Framework>().Include(f => f.Items).Where(f => f.Year == campaign.Year).OrderByDescending(f => f.IsFrozen).ThenByDescending(f => f.CreatedAt).ToListAsync(ct);
        foreach (var agency in agencies.Where(a => !already.Contains(a.Id)))
        {
            var framework = frameworks.Find(f => f.AgencyKind == agency.Kind)
                ?? throw new DomainValidationException("AgencyIds", "Par.NoFrameworkForKind", campaign.Year, (await agencyDirectory.KindsAsync(ct)).NameOf(agency.Kind), agency.Name);
            db.Add(ParAssessment.Start(campaign.Id, agency.Id, framework));
        }
    }
}
