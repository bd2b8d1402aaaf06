using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

internal sealed record PlanSummary(Guid Id, Guid AgencyId, string AgencyName, int Year, PlanStatus Status, string? Number, string? Symbol, string Title, int Sections, int Tasks);

internal sealed record PlanView(
    Guid Id, Guid AgencyId, string AgencyName, int Year, PlanStatus Status, string? Number, string? Symbol, string? Issuer, string? Place,
    DateOnly? IssuedOn, string Title, IReadOnlyList<LegalBasisDraft> LegalBases, IReadOnlyList<string> Purposes, IReadOnlyList<string> Requirements,
    IReadOnlyList<SectionView> Sections, IReadOnlyList<DutyDraft> Duties, IReadOnlyList<string> Recipients, string? SignerTitle, string? SignerName)
{
    /// <summary>The plan's own targets, read from its purposes.</summary>
    public IReadOnlyList<TargetDraft> Targets => PlanTextParser.PlanTargets(Purposes);
}

internal sealed record SectionView(Guid Id, string Code, string Heading, Guid? LeadUnitId, string? LeadUnitName, bool LeadIsAllUnits, IReadOnlyList<string> CoordinatingUnits, IReadOnlyList<TaskView> Tasks);

internal sealed record TaskView(Guid Id, string Text, PlanTaskStatus Status, DateOnly? Deadline, IReadOnlyList<TargetDraft> Targets);

/// <summary>Reads plans for the people allowed to see them (their agency; administrators and appraisers: all).</summary>
internal sealed class PlanQueries(SiparDbContext db, CurrentUser me, Capabilities can, IAgencies agencies)
{
    public async Task<IReadOnlyList<PlanSummary>> ListAsync(Guid? agencyId, CancellationToken ct)
    {
        var q = db.Set<Plan>().AsNoTracking();
        if (agencyId is { } a)
        {
            me.EnsureCanReadAgency(a);
            q = q.Where(p => p.AgencyId == a);
        }
        else if (!can.HasProvinceWide(Capability.ReadAgency))
        {
            var mine = me.AgencyId ?? Guid.Empty;
            q = q.Where(p => p.AgencyId == mine);
        }

        var names = (await agencies.ListAsync(ct)).ToDictionary(a => a.Id, a => a.Name);
        var rows = await q.OrderByDescending(p => p.Year).ThenByDescending(p => p.CreatedAt)
            .Select(p => new { p.Id, p.AgencyId, p.Year, p.Status, p.Number, p.Symbol, p.Title, Sections = p.Sections.Count, Tasks = p.Sections.SelectMany(s => s.Tasks).Count() })
            .ToListAsync(ct);
        return rows.Select(p => new PlanSummary(p.Id, p.AgencyId, names.GetValueOrDefault(p.AgencyId, ""), p.Year, p.Status, p.Number, p.Symbol, p.Title, p.Sections, p.Tasks)).ToList();
    }

    public async Task<PlanView> GetAsync(Guid id, CancellationToken ct)
    {
        var plan = await db.Set<Plan>().AsNoTracking().AsSplitQuery()
            .Include(p => p.LegalBases).Include(p => p.Duties)
            .Include(p => p.Sections).ThenInclude(s => s.Coordinators)
            .Include(p => p.Sections).ThenInclude(s => s.Tasks).ThenInclude(t => t.Targets)
            .FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException();
        me.EnsureCanReadAgency(plan.AgencyId);
        var units = (await agencies.UnitsAsync(plan.AgencyId, ct)).ToDictionary(u => u.Id, u => u.Name);
        var agency = (await agencies.FindAsync(plan.AgencyId, ct))?.Name ?? "";
        static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new PlanView(
            plan.Id, plan.AgencyId, agency, plan.Year, plan.Status, plan.Number, plan.Symbol, plan.Issuer, plan.Place, plan.IssuedOn, plan.Title,
            plan.LegalBases.OrderBy(b => b.Order).Select(b => new LegalBasisDraft(b.Type, b.Number, b.Date, b.Issuer, b.Text)).ToList(),
            Lines(plan.Purposes), Lines(plan.Requirements),
            plan.Sections.OrderBy(s => s.Order).Select(s => new SectionView(
                s.Id, s.Code, s.Heading, s.LeadUnitId, s.LeadUnitId is { } l ? units.GetValueOrDefault(l) : null, s.LeadIsAllUnits,
                s.Coordinators.Select(c => units.GetValueOrDefault(c.UnitId, "?")).ToList(),
                s.Tasks.OrderBy(t => t.Order).Select(t => new TaskView(t.Id, t.Text, t.Status, t.Deadline,
                    t.Targets.OrderBy(x => x.Order).Select(x => new TargetDraft(x.Value, x.Measure)).ToList())).ToList())).ToList(),
            plan.Duties.OrderBy(d => d.Order).Select(d => new DutyDraft(d.Code, d.Heading, d.Text)).ToList(),
            Lines(plan.Recipients), plan.SignerTitle, plan.SignerName);
    }
}
