using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Plans;

internal sealed record OverdueTask(Guid TaskId, string SectionCode, int Order, string LeadName, DateOnly? Deadline);

internal sealed record DashboardData(
    string PlanTitle, IReadOnlyList<SectionProgress> Sections, IReadOnlyList<UnitProgress> Units, IReadOnlyList<PeriodColumn> Periods,
    IReadOnlyList<PeriodTotals> Totals, IReadOnlyList<OverdueTask> Overdue, double DonePercent, double OnTimePercent, int Flags, Guid AgencyId,
    int Year, int NoDeadline, int NotStartedAfterYear, ObligationInfo Obligation, IReadOnlyList<ObligationInfo> Obligations);

/// <summary>The figures behind the leadership dashboard; the same ones the consolidated report prints.</summary>
internal sealed class PlanInsights(SiparDbContext db, UnitReporting reporting, PlanFollowUp followUp, Consolidation consolidation)
{
    /// <param name="planId">The plan.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="obligationId">The report whose timeliness is shown (a report type owed in the plan's year); the CCHC report when none.</param>
    public async Task<DashboardData> DashboardAsync(Guid planId, CancellationToken ct, Guid? obligationId = null)
    {
        var matrix = await reporting.MatrixAsync(planId, ct, obligationId);
        var (plan, rows, _) = await followUp.TableAsync(planId, new TableFilter(), ct);
        var sections = plan.Sections.OrderBy(s => s.Order).Select(s => new SectionProgress(
            s.Code, s.Heading, s.Tasks.Count, s.Tasks.Count(t => t.Status == PlanTaskStatus.Done), s.Tasks.Count(t => t.Status == PlanTaskStatus.InProgress),
            s.Tasks.Count(t => t.Status == PlanTaskStatus.NotStarted), s.Tasks.Count(t => t.Status == PlanTaskStatus.Late))).ToList();
        var lastPeriod = matrix.Periods.LastOrDefault(p => p.InternalDueDate < reporting.Today) ?? (matrix.Periods.Count > 0 ? matrix.Periods[0] : null);
        var units = lastPeriod is null ? [] : (await consolidation.GetAsync(lastPeriod.Id, ct, matrix)).Units;
        var total = rows.Count;
        var done = rows.Count(r => r.Status == PlanTaskStatus.Done);
        var submitted = matrix.Totals.Sum(t => t.OnTime + t.Late + t.Missing);
        var flags = await db.Set<UnitFlag>().CountAsync(f => f.PlanId == planId, ct);
        return new DashboardData(
            plan.Title, sections, units, matrix.Periods, matrix.Totals,
            rows.Where(r => r.Overdue).Select(r => new OverdueTask(r.TaskId, r.SectionCode, r.Order, r.LeadName, r.Deadline)).ToList(),
            total == 0 ? 0 : 100.0 * done / total,
            submitted == 0 ? 0 : 100.0 * matrix.Totals.Sum(t => t.OnTime) / submitted,
            flags, plan.AgencyId, plan.Year,
            // A task without a deadline can never be overdue: the dashboard counts those, and once the plan's year is
            // over, the tasks still not started, so "0 overdue" is never said of a year nobody worked on.
            rows.Count(r => r.Deadline is null && r.Status != PlanTaskStatus.Done),
            reporting.Today.Year > plan.Year ? rows.Count(r => r.Status == PlanTaskStatus.NotStarted) : 0,
            matrix.Obligation, matrix.Obligations);
    }
}
