using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

/// <summary>Plans' answer to <see cref="IPlanRecords"/> and <see cref="IPlanTasks"/> (its contract for other modules).</summary>
internal sealed class PlanRecords(SiparDbContext db, IAgencies agencies) : IPlanRecords, IPlanTasks
{
    public async Task<IReadOnlyList<PlanRecord>> LinkableAsync(Guid agencyId, int year, CancellationToken ct)
    {
        var plans = await db.Set<Plan>().AsNoTracking().Where(p => p.AgencyId == agencyId && p.Year == year && p.Status != PlanStatus.Draft)
            .Select(p => new { p.Id, p.Title }).ToListAsync(ct);
        var planIds = plans.Select(p => p.Id).ToList();
        var list = plans.Select(p => new PlanRecord(PlanRecordKind.Plan, p.Id, p.Title)).ToList();
        foreach (var (section, task) in await TasksOfAsync(db, planIds, ct))
        {
            list.Add(new PlanRecord(PlanRecordKind.Task, task.Id, $"{section.Code}.{task.Order} {Short(task.Text)}"));
        }

        var periods = await db.Set<ReportingPeriod>().AsNoTracking().Where(p => planIds.Contains(p.PlanId)).OrderBy(p => p.ProvinceDueDate)
            .Select(p => new { p.Id, p.Kind, p.ProvinceDueDate }).ToListAsync(ct);
        list.AddRange(periods.Select(p => new PlanRecord(PlanRecordKind.ConsolidatedReport, p.Id,
            $"Báo cáo CCHC {PeriodNames.Of(p.Kind)} năm {p.ProvinceDueDate.Year}".Replace("  ", " ", StringComparison.Ordinal))));
        var reports = await db.Set<UnitReport>().AsNoTracking()
            .Where(r => r.AcceptedAt != null && db.Set<ReportingPeriod>().Any(p => p.Id == r.PeriodId && planIds.Contains(p.PlanId)))
            .Select(r => new
            {
                r.Id,
                r.UnitId,
                Kind = db.Set<ReportingPeriod>().Where(p => p.Id == r.PeriodId).Select(p => p.Kind).First(),
            }).ToListAsync(ct);
        var units = await agencies.UnitsByIdAsync(reports.Select(r => r.UnitId).Distinct().ToList(), ct);
        list.AddRange(reports.Select(r => new PlanRecord(PlanRecordKind.UnitReport, r.Id, $"{(units.TryGetValue(r.UnitId, out var u) ? u.Name : "?")} — báo cáo {(r.Kind == PeriodKind.Year ? "năm" : PeriodNames.Of(r.Kind))}")));
        return list;
    }

    public async Task<IReadOnlyList<PlanSectionHeading>> SectionsAsync(Guid agencyId, IReadOnlyCollection<int> years, CancellationToken ct) =>
        await db.Set<PlanSection>().AsNoTracking()
            .Join(db.Set<Plan>().Where(p => p.AgencyId == agencyId && years.Contains(p.Year)), s => s.PlanId, p => p.Id, (s, p) => new PlanSectionHeading(s.Id, p.Year, s.Order, s.Heading, s.LeadUnitId))
            .ToListAsync(ct);

    public async Task<PlanSigner?> LatestSignerAsync(Guid agencyId, CancellationToken ct) =>
        await db.Set<Plan>().AsNoTracking().Where(p => p.AgencyId == agencyId && p.SignerName != null)
            .OrderByDescending(p => p.Year).Select(p => new PlanSigner(p.SignerTitle, p.SignerName)).FirstOrDefaultAsync(ct);

    public async Task<AddTaskResult> AddTaskAsync(Guid agencyId, int year, Func<IReadOnlyList<PlanSectionHeading>, Guid> chooseSection, string text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chooseSection);
        var plan = await db.Set<Plan>().Include(p => p.Sections).ThenInclude(s => s.Tasks)
            .Where(p => p.AgencyId == agencyId && p.Year == year && p.Status != PlanStatus.Closed)
            .OrderByDescending(p => p.Status).ThenByDescending(p => p.CreatedAt).FirstOrDefaultAsync(ct);
        if (plan is null || plan.Sections.Count == 0)
        {
            return new AddTaskResult(AddTaskOutcome.NoPlan, null, null);
        }

        if (plan.Sections.SelectMany(s => s.Tasks).Any(t => t.Text == text))
        {
            return new AddTaskResult(AddTaskOutcome.AlreadyThere, plan.Id, null);
        }

        var chosen = chooseSection(plan.Sections.OrderBy(s => s.Order).Select(s => new PlanSectionHeading(s.Id, plan.Year, s.Order, s.Heading, s.LeadUnitId)).ToList());
        var section = plan.Sections.First(s => s.Id == chosen);
        var task = section.AddTask(text);
        db.Add(task);
        await db.SaveChangesAsync(ct);
        return new AddTaskResult(AddTaskOutcome.Added, plan.Id, task.Id);
    }

    /// <summary>The agency's issued (or closed) plans of the year.</summary>
    internal static async Task<IReadOnlyList<Guid>> IssuedPlansAsync(SiparDbContext db, Guid agencyId, int year, CancellationToken ct) =>
        await db.Set<Plan>().AsNoTracking().Where(p => p.AgencyId == agencyId && p.Year == year && p.Status != PlanStatus.Draft).Select(p => p.Id).ToListAsync(ct);

    /// <summary>The tasks of the given plans in plan order, with their sections.</summary>
    internal static async Task<IReadOnlyList<(PlanSection Section, PlanTask Task)>> TasksOfAsync(SiparDbContext db, IReadOnlyCollection<Guid> planIds, CancellationToken ct)
    {
        var sections = await db.Set<PlanSection>().AsNoTracking().Include(s => s.Tasks).Where(s => planIds.Contains(s.PlanId))
            .OrderBy(s => s.PlanId).ThenBy(s => s.Order).ToListAsync(ct);
        return sections.SelectMany(s => s.Tasks.OrderBy(t => t.Order).Select(t => (s, t))).ToList();
    }

    private static string Short(string text) => text.Length > 100 ? text[..100] + "…" : text;
}
