using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Time;
using Sipar.Modules.ParIndex;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Plans;

/// <summary>
/// Plans' two sources of computed PAR INDEX criteria, over the agency's issued plans of the year: unit reports
/// submitted by their internal due date — of every report type owed, or of one type when the framework names it
/// (<c>unit-reports-on-time:cchc</c>) — and plan tasks completed by their deadline (a task without one is due on 31/12).
/// Only what is due by the snapshot day counts, plus what was done early.
/// </summary>
internal sealed class UnitReportsOnTimeSource(SiparDbContext db, UnitReporting reporting) : IQualifiedParDataSource
{
    public string Code => ParDataSources.UnitReportsOnTime;

    public string Counts => "báo cáo đúng hạn";

    public Task<IReadOnlyList<DataSourceRow>> RowsAsync(Guid agencyId, int year, DateOnly asOf, CancellationToken ct) => RowsOfAsync(agencyId, year, null, ct);

    public Task<IReadOnlyList<DataSourceRow>> RowsAsync(Guid agencyId, int year, DateOnly asOf, string qualifier, CancellationToken ct) => RowsOfAsync(agencyId, year, qualifier, ct);

    private async Task<IReadOnlyList<DataSourceRow>> RowsOfAsync(Guid agencyId, int year, string? typeCode, CancellationToken ct)
    {
        var rows = new List<DataSourceRow>();
        foreach (var planId in await PlanRecords.IssuedPlansAsync(db, agencyId, year, ct))
        {
            foreach (var obligation in await reporting.ObligationsAsync(planId, ct))
            {
                if (typeCode is not null && !string.Equals(obligation.Code, typeCode, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var matrix = await reporting.MatrixAsync(planId, ct, obligation.Id);
                foreach (var period in matrix.Periods)
                {
                    foreach (var (unitId, unitName) in matrix.Units)
                    {
                        var state = matrix.Cells.First(c => c.PeriodId == period.Id && c.UnitId == unitId).State;
                        bool? onTime = state switch { ReportState.OnTime => true, ReportState.Late or ReportState.Missing => false, _ => null };
                        var label = obligation.ReportsOnPlan && typeCode is null ? unitName : obligation.Code + " · " + unitName;
                        rows.Add(new DataSourceRow(label, "PeriodKind." + period.Kind + "|" + Show.Date(period.InternalDueDate) + "|ReportState." + state, onTime));
                    }
                }
            }
        }

        return rows;
    }
}

internal sealed class PlanTasksOnTimeSource(SiparDbContext db) : IParDataSource
{
    public string Code => ParDataSources.PlanTasksOnTime;

    public string Counts => "nhiệm vụ hoàn thành đúng hạn";

    public async Task<IReadOnlyList<DataSourceRow>> RowsAsync(Guid agencyId, int year, DateOnly asOf, CancellationToken ct)
    {
        var plans = await PlanRecords.IssuedPlansAsync(db, agencyId, year, ct);
        var tasks = (await PlanRecords.TasksOfAsync(db, plans, ct)).Select(x => new { Section = x.Section.Code, x.Task.Order, x.Task.Text, x.Task.Deadline, x.Task.Status, x.Task.Id }).ToList();
        var ids = tasks.Select(t => t.Id).ToList();
        var done = (await db.Set<TaskUpdate>().AsNoTracking().Where(u => ids.Contains(u.TaskId) && u.Status == PlanTaskStatus.Done)
                .Select(u => new { u.TaskId, u.At }).ToListAsync(ct))
            .GroupBy(u => u.TaskId).ToDictionary(g => g.Key, g => VietnamTime.DateOf(g.Max(u => u.At)));
        var rows = new List<DataSourceRow>();
        foreach (var t in tasks)
        {
            var deadline = t.Deadline ?? new DateOnly(year, 12, 31);
            DateOnly? doneOn = t.Status == PlanTaskStatus.Done && done.TryGetValue(t.Id, out var d) ? d : null;
            bool? onTime = doneOn is { } finished ? finished <= deadline : deadline < asOf ? false : null;
            var text = t.Text.Length > 120 ? t.Text[..120] + "…" : t.Text;
            rows.Add(new DataSourceRow(
                t.Section + "." + t.Order.ToString(CultureInfo.InvariantCulture) + " " + text,
                Show.Date(deadline) + "|" + (Show.Date(doneOn) ?? "—"),
                onTime));
        }

        return rows;
    }
}
