using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

internal sealed record AreaResult(string Code, decimal Points, decimal Max, decimal Index);

internal sealed record AgencyResult(string Agency, decimal Total, decimal Max, decimal Index, string? Class, int Rank, IReadOnlyList<AreaResult> Areas);

/// <summary>Results per agency for a year, and the import of published appraisal tables from years before Sipar.</summary>
internal sealed class ParResults(SiparDbContext db, Capabilities can, IAgencies agencyDirectory, TimeProvider clock)
{
    /// <summary>Default classes (DESIGN.md): A ≥ 90, B 80–&lt;90, C 70–&lt;80.</summary>
    public static readonly IReadOnlyList<(decimal Min, string Label)> DefaultBands = [(90m, "A"), (80m, "B"), (70m, "C")];

    /// <summary>
    /// The frameworks that count for a year, one per kind: the one an assessment used, else the newest. The results
    /// are computed with these and imports are checked against them.
    /// </summary>
    internal static async Task<List<Framework>> FrameworksOfYearAsync(SiparDbContext db, int year, CancellationToken ct)
    {
        var frameworks = await db.Set<Framework>().AsNoTracking().Include(f => f.Items).Where(f => f.Year == year).ToListAsync(ct);
        var ids = frameworks.Select(f => f.Id).ToList();
        var used = (await db.Set<ParAssessment>().AsNoTracking().Where(a => ids.Contains(a.FrameworkId)).Select(a => a.FrameworkId).Distinct().ToListAsync(ct)).ToHashSet();
        return Choose(frameworks, used);
    }

    private static List<Framework> Choose(IEnumerable<Framework> ofYear, HashSet<Guid> used) =>
        ofYear.GroupBy(f => f.AgencyKind).Select(g => g.OrderByDescending(f => used.Contains(f.Id)).ThenByDescending(f => f.CreatedAt).First()).ToList();

    /// <summary>The year's own bands and survey (for years without a campaign); null when never set.</summary>
    public Task<ParYear?> YearSettingsAsync(int year, CancellationToken ct) => db.Set<ParYear>().AsNoTracking().FirstOrDefaultAsync(y => y.Year == year, ct);

    /// <summary>Sets a year's class bands and labels, and whether a survey was held, without a campaign.</summary>
    public Task ConfigureYearAsync(int year, string? bands, bool surveyHeld, CancellationToken ct) =>
        can.Has(Capability.ManageParIndex) ? ConfigureYearAsOperatorAsync(year, bands, surveyHeld, ct) : throw new ForbiddenException();

    /// <summary>The same, from the command line (whoever runs it operates the installation).</summary>
    public async Task ConfigureYearAsOperatorAsync(int year, string? bands, bool surveyHeld, CancellationToken ct)
    {
        var settings = await db.Set<ParYear>().FirstOrDefaultAsync(y => y.Year == year, ct);
        if (settings is null)
        {
            db.Add(settings = ParYear.Create(year));
        }

        settings.Configure(bands, surveyHeld, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Per agency: total, maximum, index, class, rank among agencies of the same kind, and each area (for the CLI, which sees everything).</summary>
    public async Task<IReadOnlyList<AgencyResult>> ForYearAsync(int year, CancellationToken ct) =>
        (await ScorecardsAsync(year, everything: true, ct)).Select(c => new AgencyResult(c.Agency, c.Total, c.Max, c.Index, c.Class, c.Rank,
            c.Areas.Select(a => new AreaResult(a.Code, a.Points, a.Max, a.Index)).ToList())).ToList();

    /// <summary>Appraisers and administrators see appraised results before they are published.</summary>
    public bool SeesUnpublished => can.Has(Capability.SeeUnpublishedResults);

    /// <summary>
    /// Every agency's scorecard for a year, with last year's figures through the code mapping. Classes come from the
    /// year's campaign (or A/B/C), and without a survey that year indices are scaled to 100. Unless
    /// <paramref name="everything"/>, an agency's result counts only when the campaign that produced it is published
    /// (or it was imported from a published table): visibility is decided per agency, never by the newest campaign.
    /// Ranks are among the results shown, so a hidden result cannot be inferred from a gap.
    /// </summary>
    internal async Task<IReadOnlyList<Scorecard>> ScorecardsAsync(int year, bool everything, CancellationToken ct, Guid? detailFor = null)
    {
        // Both years in one pass: the campaigns that decide what is shown and how it is classed (the year's own and
        // every published one: few), the frameworks, which of them an assessment used, and the points given.
        var campaigns = await db.Set<ParCampaign>().AsNoTracking().Where(c => c.Year == year || c.Year == year - 1 || c.PublishedAt != null).ToListAsync(ct);
        ParCampaign? CampaignOf(int y) => campaigns.Where(c => c.Year == y && (everything || c.PublishedAt != null)).MaxBy(c => c.CreatedAt);
        var campaign = CampaignOf(year);
        var settings = await db.Set<ParYear>().AsNoTracking().Where(y => y.Year == year || y.Year == year - 1).ToListAsync(ct);
        var scopes = await db.Set<ParAgencyYear>().AsNoTracking().Where(r => r.Year == year || r.Year == year - 1).ToListAsync(ct);
        var frameworks = await db.Set<Framework>().AsNoTracking().Include(f => f.Items).Where(f => f.Year == year || f.Year == year - 1).ToListAsync(ct);
        if (!frameworks.Any(f => f.Year == year))
        {
            return [];
        }

        var frameworkIds = frameworks.Select(f => f.Id).ToList();
        var used = (await db.Set<ParAssessment>().AsNoTracking().Where(a => frameworkIds.Contains(a.FrameworkId)).Select(a => a.FrameworkId).Distinct().ToListAsync(ct)).ToHashSet();
        var rows = db.Set<ParResult>().AsNoTracking().Where(r => r.Year == year || r.Year == year - 1);
        if (!everything)
        {
            var published = campaigns.Where(c => c.PublishedAt != null).Select(c => (Guid?)c.Id).ToList();
            rows = rows.Where(r => r.CampaignId == null || published.Contains(r.CampaignId));
        }

        var given = await rows.Select(r => new { r.Year, r.AgencyId, r.CriterionCode, r.Points }).ToListAsync(ct);
        YearInput? Input(int y)
        {
            // One framework per kind and year counts: the one an assessment used, else the newest.
            var chosen = Choose(frameworks.Where(f => f.Year == y), used);
            var points = given.Where(r => r.Year == y).GroupBy(r => r.AgencyId).ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, decimal>)g.ToDictionary(r => r.CriterionCode, r => r.Points, StringComparer.OrdinalIgnoreCase));
            var scopesOfYear = scopes.Where(r => r.Year == y).ToDictionary(r => r.AgencyId, r => r.ToScope());
            var surveyHeld = CampaignOf(y)?.SurveyHeld ?? settings.Find(s => s.Year == y)?.SurveyHeld ?? true;
            return chosen.Count == 0 ? null : new YearInput(chosen, points, scopesOfYear, surveyHeld);
        }

        // Classes: the campaign's when the year has one shown, else the year's own, else A/B/C.
        var bands = campaign?.BandList ?? settings.Find(s => s.Year == year)?.BandList ?? DefaultBands;
        var current = Input(year)!;
        var agencies = (await agencyDirectory.ListAsync(ct)).Select(a => (a.Id, a.Name, a.Kind)).ToList();
        return ResultsCalculator.Compute(agencies, current, Input(year - 1), bands, current.SurveyHeld, detailFor);
    }

    /// <summary>
    /// The scorecards the signed-in person may see for the year (all for appraisers and administrators, published
    /// ones for everyone else); <see cref="NotFoundException"/> when there is none to show.
    /// </summary>
    public async Task<IReadOnlyList<Scorecard>> VisibleScorecardsAsync(int year, CancellationToken ct)
    {
        var cards = await ScorecardsAsync(year, SeesUnpublished, ct);
        return cards.Count > 0 ? cards : throw new NotFoundException();
    }

    /// <summary>
    /// One agency's scorecard with every item, and how many agencies of its kind it is ranked among (the others are
    /// computed to their areas only: enough to rank).
    /// </summary>
    public async Task<(Scorecard Card, int Among)> VisibleScorecardAsync(int year, Guid agencyId, CancellationToken ct)
    {
        var cards = await ScorecardsAsync(year, SeesUnpublished, ct, detailFor: agencyId);
        var card = cards.FirstOrDefault(c => c.AgencyId == agencyId) ?? throw new NotFoundException();
        return (card, cards.Count(c => c.Kind == card.Kind));
    }

    /// <summary>The years that have results the signed-in person may see, newest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct) =>
        await (await VisibleAsync(db.Set<ParResult>().AsNoTracking(), SeesUnpublished, ct)).Select(r => r.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);

    /// <summary>Writes an agency's final appraised points for the year from a campaign (replacing what was there).</summary>
    internal async Task RecordAsync(int year, Guid agencyId, Guid campaignId, IReadOnlyList<(string Code, decimal Points)> points, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Set<ParResult>().Where(r => r.Year == year && r.AgencyId == agencyId).ToListAsync(ct);
        db.RemoveRange(existing.Where(e => !points.Any(p => string.Equals(p.Code, e.CriterionCode, StringComparison.OrdinalIgnoreCase))));
        foreach (var (code, value) in points)
        {
            var current = existing.Find(r => string.Equals(r.CriterionCode, code, StringComparison.OrdinalIgnoreCase));
            if (current is null)
            {
                db.Add(ParResult.Appraised(year, agencyId, code, value, campaignId, now));
            }
            else
            {
                current.Replace(value, now, campaignId);
            }
        }
    }

    private async Task<IQueryable<ParResult>> VisibleAsync(IQueryable<ParResult> results, bool everything, CancellationToken ct)
    {
        if (everything)
        {
            return results;
        }

        // The published campaigns are few: one list, then a plain "= ANY" on the results (no subquery per row).
        var published = await db.Set<ParCampaign>().AsNoTracking().Where(c => c.PublishedAt != null).Select(c => (Guid?)c.Id).ToListAsync(ct);
        return results.Where(r => r.CampaignId == null || published.Contains(r.CampaignId));
    }

    /// <summary>An agency by its name (diacritics and case ignored) or its symbol.</summary>
    internal static AgencyInfo? FindAgency(IEnumerable<AgencyInfo> agencies, string text)
    {
        var key = VietnameseText.Fold(text);
        return agencies.FirstOrDefault(a => VietnameseText.Fold(a.Name) == key || string.Equals(a.Symbol, text.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A points table (Cơ quan | Mã tiêu chí | Điểm), as the results import reads it.</summary>
    internal static List<(int Row, string Agency, string Code, string Points)> ReadTable(string fileName, byte[] content) =>
        ResultsImport.Read(fileName, content).Select(r => (r.Row, r.Agency, r.Code, r.Points)).ToList();
}
