using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Plans;

internal sealed record SearchHit(string KindKey, string Title, string? Context, string Url);

/// <summary>
/// One search box over plans, tasks and unit reports of the agencies the person may read, ignoring diacritics and case
/// ("bao cao dinh ky" finds "Báo cáo định kỳ"). Plans are matched in SQL on their folded title; tasks and reports are
/// folded here, per agency (a plan has tens to hundreds of tasks), newest plans first.
/// </summary>
internal sealed class PlanSearch(SiparDbContext db, CurrentUser me, Organisation.IAgencies agencies, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t)
{
    public const int MaxHits = 50;

    public async Task<IReadOnlyList<SearchHit>> FindAsync(string? query, CancellationToken ct)
    {
        var key = VietnameseText.Fold(query);
        if (key.Length < 2)
        {
            return [];
        }

        var readable = (await agencies.ListAsync(ct)).Select(a => a.Id).Where(me.CanReadAgency).ToList();
        var plans = await db.Set<Plan>().AsNoTracking().Where(p => readable.Contains(p.AgencyId))
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Id).Take(200)
            .Select(p => new { p.Id, p.Title, p.Year, p.SearchTitle }).ToListAsync(ct);
        var hits = plans.Where(p => p.SearchTitle.Contains(key, StringComparison.Ordinal))
            .Select(p => new SearchHit("Search.Plan", p.Title, p.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), $"/plans/{p.Id}")).ToList();

        var planIds = plans.Select(p => p.Id).ToList();
        var titles = plans.ToDictionary(p => p.Id, p => p.Title);
        var tasks = await db.Set<PlanTask>().AsNoTracking()
            .Join(db.Set<PlanSection>().Where(s => planIds.Contains(s.PlanId)), t => t.SectionId, s => s.Id, (t, s) => new { t.Id, t.Text, t.Order, s.Code, s.PlanId, SectionOrder = s.Order })
            .OrderBy(x => x.SectionOrder).ThenBy(x => x.Order).ToListAsync(ct);
        hits.AddRange(tasks.Where(t => VietnameseText.Fold(t.Text).Contains(key, StringComparison.Ordinal)).Take(MaxHits)
            .Select(t => new SearchHit("Search.Task", $"{t.Code}.{t.Order}. {(t.Text.Length > 160 ? t.Text[..160] + "…" : t.Text)}", titles[t.PlanId], $"/tasks/{t.Id}")));

        var reports = await db.Set<UnitReport>().AsNoTracking()
            .Join(db.Set<ReportingPeriod>().Where(p => planIds.Contains(p.PlanId)), r => r.PeriodId, p => p.Id, (r, p) => new { r.PeriodId, r.UnitId, r.Narrative, p.Kind, p.PlanId })
            .ToListAsync(ct);
        var units = await agencies.UnitsByIdAsync(reports.Select(r => r.UnitId).Distinct().ToList(), ct);
        hits.AddRange(reports.Where(r => VietnameseText.Fold(r.Narrative).Contains(key, StringComparison.Ordinal)).Take(MaxHits)
            .Select(r => new SearchHit("Search.Report", (units.TryGetValue(r.UnitId, out var u) ? u.Name : "") + " — " + t["PeriodKind." + r.Kind], titles[r.PlanId], $"/reports/{r.PeriodId}/{r.UnitId}")));
        return hits.Take(MaxHits * 3).ToList();
    }
}
