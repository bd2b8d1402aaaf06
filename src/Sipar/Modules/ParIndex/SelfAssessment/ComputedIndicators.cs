using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Organisation;
using Sipar.Modules.Plans;

namespace Sipar.Modules.ParIndex;

/// <summary>One line of a computed criterion's drill-down: a report or a task, and whether it counted as on time.</summary>
public sealed record IndicatorRow(string Label, string Detail, bool? OnTime);

/// <summary>The frozen figures of a computed criterion: what it was computed from, when, and each record behind it.</summary>
public sealed record IndicatorSnapshot(string Source, DateOnly AsOf, int OnTime, int Counted, decimal Percent, IReadOnlyList<IndicatorRow> Rows)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static IndicatorSnapshot? FromJson(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<IndicatorSnapshot>(json, Json);

    /// <summary>Points by the criterion's rule: bands take the percentage, the others (proportional by default) the share.</summary>
    public decimal PointsFor(string? rule, decimal max) => RuleSyntax.KindOf(rule) switch
    {
        RuleKind.PercentBands => ParCalculator.RulePoints(rule, max, Percent),
        RuleKind.None => ParCalculator.RulePoints("proportional", max, Percent / 100m),
        _ => ParCalculator.RulePoints(rule, max, Percent / 100m),
    };
}

/// <summary>
/// Values of computed criteria from Sipar's own records for an agency and a year (its issued plans of that year):
/// the share of unit reports submitted by their internal due date, and the share of plan tasks completed by their
/// deadline (a task without one is due on 31/12). Only what is due by the snapshot day counts, plus what was done early.
/// </summary>
public sealed class ComputedIndicators(SiparDbContext db, UnitReporting reporting)
{
    public async Task<IndicatorSnapshot> ComputeAsync(string source, Guid agencyId, int year, DateOnly asOf, CancellationToken ct)
    {
        var plans = await db.Set<Plan>().AsNoTracking().Where(p => p.AgencyId == agencyId && p.Year == year && p.Status != PlanStatus.Draft)
            .Select(p => p.Id).ToListAsync(ct);
        var rows = source switch
        {
            ComputedSources.UnitReportsOnTime => await ReportRowsAsync(plans, ct),
            ComputedSources.PlanTasksOnTime => await TaskRowsAsync(plans, year, asOf, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown source"),
        };
        var counted = rows.Count(r => r.OnTime is not null);
        var onTime = rows.Count(r => r.OnTime == true);
        var percent = counted == 0 ? 0 : Math.Round(onTime * 100m / counted, 2, MidpointRounding.AwayFromZero);
        return new IndicatorSnapshot(source, asOf, onTime, counted, percent, rows);
    }

    /// <summary>The tasks of the given plans in plan order, with their sections.</summary>
    internal static async Task<IReadOnlyList<(PlanSection Section, PlanTask Task)>> TasksOfAsync(SiparDbContext db, IReadOnlyCollection<Guid> planIds, CancellationToken ct)
    {
        var sections = await db.Set<PlanSection>().AsNoTracking().Include(s => s.Tasks).Where(s => planIds.Contains(s.PlanId))
            .OrderBy(s => s.PlanId).ThenBy(s => s.Order).ToListAsync(ct);
        return sections.SelectMany(s => s.Tasks.OrderBy(t => t.Order).Select(t => (s, t))).ToList();
    }

    private async Task<List<IndicatorRow>> ReportRowsAsync(List<Guid> plans, CancellationToken ct)
    {
        var rows = new List<IndicatorRow>();
        foreach (var planId in plans)
        {
            var matrix = await reporting.MatrixAsync(planId, ct);
            foreach (var period in matrix.Periods)
            {
                foreach (var (unitId, unitName) in matrix.Units)
                {
                    var state = matrix.Cells.First(c => c.PeriodId == period.Id && c.UnitId == unitId).State;
                    bool? onTime = state switch { ReportState.OnTime => true, ReportState.Late or ReportState.Missing => false, _ => null };
                    rows.Add(new IndicatorRow(unitName, "PeriodKind." + period.Kind + "|" + period.InternalDueDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) + "|ReportState." + state, onTime));
                }
            }
        }

        return rows;
    }

    private async Task<List<IndicatorRow>> TaskRowsAsync(List<Guid> plans, int year, DateOnly asOf, CancellationToken ct)
    {
        var tasks = (await TasksOfAsync(db, plans, ct)).Select(x => new { Section = x.Section.Code, x.Task.Order, x.Task.Text, x.Task.Deadline, x.Task.Status, x.Task.Id }).ToList();
        var ids = tasks.Select(t => t.Id).ToList();
        var done = (await db.Set<TaskUpdate>().AsNoTracking().Where(u => ids.Contains(u.TaskId) && u.Status == PlanTaskStatus.Done)
                .Select(u => new { u.TaskId, u.At }).ToListAsync(ct))
            .GroupBy(u => u.TaskId).ToDictionary(g => g.Key, g => VietnamTime.DateOf(g.Max(u => u.At)));
        var rows = new List<IndicatorRow>();
        foreach (var t in tasks)
        {
            var deadline = t.Deadline ?? new DateOnly(year, 12, 31);
            DateOnly? doneOn = t.Status == PlanTaskStatus.Done && done.TryGetValue(t.Id, out var d) ? d : null;
            bool? onTime = doneOn is { } finished ? finished <= deadline : deadline < asOf ? false : null;
            var text = t.Text.Length > 120 ? t.Text[..120] + "…" : t.Text;
            rows.Add(new IndicatorRow(
                t.Section + "." + t.Order.ToString(CultureInfo.InvariantCulture) + " " + text,
                deadline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) + "|" + (doneOn?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "—"),
                onTime));
        }

        return rows;
    }
}
