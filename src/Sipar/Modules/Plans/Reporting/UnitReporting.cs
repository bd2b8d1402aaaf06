using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Calendar;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

internal sealed record PeriodColumn(Guid Id, PeriodKind Kind, DateOnly WindowStart, DateOnly WindowEnd, DateOnly InternalDueDate, DateOnly ProvinceDueDate);

internal sealed record MatrixCell(Guid PeriodId, Guid UnitId, ReportState State, UnitReportStatus? Status);

internal sealed record PeriodTotals(Guid PeriodId, int Expected, int Submitted, int OnTime, int Late, int Missing);

internal sealed record ReportMatrix(Guid PlanId, string PlanTitle, Guid AgencyId, IReadOnlyList<PeriodColumn> Periods, IReadOnlyList<(Guid Id, string Name)> Units, IReadOnlyList<MatrixCell> Cells, IReadOnlyList<PeriodTotals> Totals);

internal sealed record ReportLineView(Guid TaskId, string Code, string Text, PlanTaskStatus Status, string Progress, string? Actuals);

internal sealed record ReportView(
    Guid Id, Guid PlanId, string PlanTitle, PeriodColumn Period, Guid UnitId, string UnitName, UnitReportStatus Status, ReportState State, string Narrative,
    string? ReturnReason, DateTime? SubmittedAt, IReadOnlyList<ReportLineView> Lines, bool CanEdit, bool CanReview, bool CanApprove);

/// <summary>Reporting periods and each unit's periodic report: pre-filled, submitted, returned or accepted, approved.</summary>
internal sealed class UnitReporting(SiparDbContext db, CurrentUser me, Capabilities can, IAgencies agencies, TimeProvider clock, ICalendars calendars, ReportingTemplate template)
{
    /// <summary>Default internal due date: this many working days before the province's.</summary>
    public const int DefaultLeadWorkingDays = 5;

    public DateOnly Today => VietnamTime.Today(clock);

    public static ReportState StateOf(DateOnly internalDue, DateTime? firstSubmittedUtc, DateOnly today)
    {
        if (firstSubmittedUtc is { } at)
        {
            return VietnamTime.DateOf(at) <= internalDue ? ReportState.OnTime : ReportState.Late;
        }

        return today > internalDue ? ReportState.Missing : ReportState.NotDue;
    }

    /// <summary>Creates the four periods of the plan's year when it is issued.</summary>
    public async Task CreatePeriodsAsync(Plan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (await db.Set<ReportingPeriod>().AnyAsync(p => p.PlanId == plan.Id, ct))
        {
            return;
        }

        var calendar = await calendars.GetAsync(ct);
        db.AddRange(ReportingPeriod.DefaultsFor(plan.Id, plan.Year, due => calendar.SubtractWorkingDays(due, DefaultLeadWorkingDays), template));
    }

    /// <summary>The reporting periods of the given plans, for links from "my tasks".</summary>
    public async Task<IReadOnlyList<(Guid PlanId, Guid PeriodId, PeriodKind Kind, DateOnly Due)>> PeriodsOfAsync(IReadOnlyCollection<Guid> planIds, CancellationToken ct)
    {
        var rows = await db.Set<ReportingPeriod>().AsNoTracking().Where(p => planIds.Contains(p.PlanId)).OrderBy(p => p.ProvinceDueDate)
            .Select(p => new { p.PlanId, p.Id, p.Kind, p.InternalDueDate }).ToListAsync(ct);
        return rows.Select(r => (r.PlanId, r.Id, r.Kind, r.InternalDueDate)).ToList();
    }

    public async Task<ReportMatrix> MatrixAsync(Guid planId, CancellationToken ct)
    {
        // Who owes reports needs the sections' lead and coordinating units only, not the tasks and their updates.
        var plan = await db.Set<Plan>().AsNoTracking().Include(p => p.Sections).ThenInclude(s => s.Coordinators)
            .FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        me.EnsureCanReadAgency(plan.AgencyId);
        var periods = await db.Set<ReportingPeriod>().AsNoTracking().Where(p => p.PlanId == planId).OrderBy(p => p.ProvinceDueDate).ToListAsync(ct);
        var units = await ExpectedUnitsAsync(plan, ct);
        var periodIds = periods.Select(p => p.Id).ToList();
        var reports = await db.Set<UnitReport>().AsNoTracking().Where(r => periodIds.Contains(r.PeriodId))
            .Select(r => new { r.PeriodId, r.UnitId, r.Status, r.FirstSubmittedAt }).ToListAsync(ct);
        var today = Today;
        var cells = new List<MatrixCell>();
        foreach (var p in periods)
        {
            foreach (var (unitId, _) in units)
            {
                var r = reports.Find(x => x.PeriodId == p.Id && x.UnitId == unitId);
                cells.Add(new MatrixCell(p.Id, unitId, StateOf(p.InternalDueDate, r?.FirstSubmittedAt, today), r?.Status));
            }
        }

        var totals = periods.Select(p =>
        {
            var c = cells.Where(x => x.PeriodId == p.Id).ToList();
            return new PeriodTotals(p.Id, c.Count, c.Count(x => x.State is ReportState.OnTime or ReportState.Late), c.Count(x => x.State == ReportState.OnTime),
                c.Count(x => x.State == ReportState.Late), c.Count(x => x.State == ReportState.Missing));
        }).ToList();
        return new ReportMatrix(plan.Id, plan.Title, plan.AgencyId, periods.Select(Column).ToList(), units, cells, totals);
    }

    /// <summary>Refuses (403) a caller who is not the plan's office, before the form is read.</summary>
    public async Task EnsureOfficeForPlanAsync(Guid planId, CancellationToken ct) => EnsureOffice((await LoadPlanAsync(planId, ct)).AgencyId);

    public async Task SetInternalDueDateAsync(Guid periodId, DateOnly due, CancellationToken ct)
    {
        var period = await db.Set<ReportingPeriod>().FirstOrDefaultAsync(p => p.Id == periodId, ct) ?? throw new NotFoundException();
        var plan = await LoadPlanAsync(period.PlanId, ct);
        EnsureOffice(plan.AgencyId);
        period.SetInternalDueDate(due);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A unit's report for a period. Before its first save it is shown pre-filled from the unit's tasks but not
    /// stored (a GET writes nothing); a unit that owes no report for the plan is a 404.
    /// </summary>
    public async Task<ReportView> OpenAsync(Guid periodId, Guid unitId, CancellationToken ct)
    {
        var (period, plan) = await LoadPeriodAsync(periodId, ct);
        if (!IsUnitOfficer(plan.AgencyId, unitId) && !me.CanReadAgency(plan.AgencyId))
        {
            throw new ForbiddenException();
        }

        var report = await db.Set<UnitReport>().AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.PeriodId == periodId && r.UnitId == unitId, ct);
        if (report is null)
        {
            await EnsureExpectedAsync(plan, unitId, ct);
            return await ViewAsync(UnitReport.Start(periodId, unitId, "", Prefill(plan, unitId, period)), period, plan, saved: false, ct);
        }

        return await ViewAsync(report, period, plan, saved: true, ct);
    }

    /// <summary>Where a report opens, for links by id; null when it does not exist or the signed-in person may not read it.</summary>
    public async Task<(Guid PeriodId, Guid UnitId)?> LocateAsync(Guid reportId, CancellationToken ct)
    {
        var found = await db.Set<UnitReport>().AsNoTracking().Where(r => r.Id == reportId)
            .Join(db.Set<ReportingPeriod>(), r => r.PeriodId, p => p.Id, (r, p) => new { r.PeriodId, r.UnitId, p.PlanId })
            .Join(db.Set<Plan>(), x => x.PlanId, p => p.Id, (x, p) => new { x.PeriodId, x.UnitId, p.AgencyId })
            .FirstOrDefaultAsync(ct);
        return found is not null && (me.CanReadAgency(found.AgencyId) || IsUnitOfficer(found.AgencyId, found.UnitId)) ? (found.PeriodId, found.UnitId) : null;
    }

    public Task SaveAsync(Guid periodId, Guid unitId, string? narrative, IReadOnlyDictionary<Guid, string?> progress, CancellationToken ct) =>
        ChangeAsync(periodId, unitId, (r, plan) =>
        {
            EnsureUnitOfficer(plan.AgencyId, unitId);
            r.Edit(narrative, progress);
        }, ct, startIfMissing: true);

    public Task SubmitAsync(Guid periodId, Guid unitId, string? narrative, IReadOnlyDictionary<Guid, string?> progress, CancellationToken ct) =>
        ChangeAsync(periodId, unitId, (r, plan) =>
        {
            EnsureUnitOfficer(plan.AgencyId, unitId);
            r.Edit(narrative, progress);
            r.Submit(clock.GetUtcNow().UtcDateTime);
        }, ct, startIfMissing: true);

    public Task ReturnAsync(Guid periodId, Guid unitId, string reason, CancellationToken ct) =>
        ChangeAsync(periodId, unitId, (r, plan) =>
        {
            EnsureOffice(plan.AgencyId);
            r.Return(reason);
        }, ct);

    public Task AcceptAsync(Guid periodId, Guid unitId, CancellationToken ct) =>
        ChangeAsync(periodId, unitId, (r, plan) =>
        {
            EnsureOffice(plan.AgencyId);
            r.Accept(clock.GetUtcNow().UtcDateTime);
        }, ct);

    public Task ApproveAsync(Guid periodId, Guid unitId, CancellationToken ct) =>
        ChangeAsync(periodId, unitId, (r, plan) =>
        {
            can.Ensure(Capability.ApproveForAgency, plan.AgencyId);

            r.Approve(clock.GetUtcNow().UtcDateTime);
        }, ct);

    /// <summary>Changes a stored report; the unit's first save or submission (<paramref name="startIfMissing"/>) creates it.</summary>
    private async Task ChangeAsync(Guid periodId, Guid unitId, Action<UnitReport, Plan> change, CancellationToken ct, bool startIfMissing = false)
    {
        var (period, plan) = await LoadPeriodAsync(periodId, ct);
        var report = await db.Set<UnitReport>().Include(r => r.Lines).FirstOrDefaultAsync(r => r.PeriodId == periodId && r.UnitId == unitId, ct);
        if (report is null)
        {
            if (!startIfMissing)
            {
                throw new NotFoundException();
            }

            EnsureUnitOfficer(plan.AgencyId, unitId);
            await EnsureExpectedAsync(plan, unitId, ct);
            report = UnitReport.Start(periodId, unitId, "", Prefill(plan, unitId, period));
            db.Add(report);
        }

        change(report, plan);
        await db.SaveChangesAsync(ct);
    }

    private async Task EnsureExpectedAsync(Plan plan, Guid unitId, CancellationToken ct)
    {
        if (!(await ExpectedUnitsAsync(plan, ct)).Any(u => u.Id == unitId))
        {
            throw new NotFoundException();
        }
    }

    private async Task<ReportView> ViewAsync(UnitReport report, ReportingPeriod period, Plan plan, bool saved, CancellationToken ct)
    {
        var unitName = (await agencies.UnitsByIdAsync([report.UnitId], ct)).TryGetValue(report.UnitId, out var unit) ? unit.Name : throw new NotFoundException();
        var tasks = plan.Sections.SelectMany(s => s.Tasks.Select(t => (s, t))).ToDictionary(x => x.t.Id);
        var lines = report.Lines.Where(l => tasks.ContainsKey(l.TaskId)).Select(l =>
        {
            var (s, t) = tasks[l.TaskId];
            return (s.Order, t.Order, new ReportLineView(l.TaskId, $"{s.Code}.{t.Order}", t.Text, l.Status, l.Progress, l.Actuals));
        }).OrderBy(x => x.Item1).ThenBy(x => x.Item2).Select(x => x.Item3).ToList();
        var editable = report.Status is UnitReportStatus.Draft or UnitReportStatus.Returned;
        return new ReportView(
            saved ? report.Id : Guid.Empty, plan.Id, plan.Title, Column(period), report.UnitId, unitName, report.Status, StateOf(period.InternalDueDate, report.FirstSubmittedAt, Today),
            report.Narrative, report.ReturnReason, report.SubmittedAt, lines,
            editable && IsUnitOfficer(plan.AgencyId, report.UnitId),
            report.Status == UnitReportStatus.Submitted && IsOffice(plan.AgencyId),
            report.Status == UnitReportStatus.Accepted && can.Has(Capability.ApproveForAgency, plan.AgencyId));
    }

    private static IEnumerable<(Guid TaskId, PlanTaskStatus Status, string Progress, string? Actuals)> Prefill(Plan plan, Guid unitId, ReportingPeriod period)
    {
        var from = VietnamTime.StartOfDayUtc(period.WindowStart);
        var to = VietnamTime.StartOfDayUtc(period.WindowEnd.AddDays(1));
        // The unit's own words in the period: its progress notes on the tasks it leads, its contributions on those it
        // supports, and the target actuals of the tasks it leads; never another unit's notes.
        foreach (var s in plan.Sections.Where(s => s.LeadUnitId == unitId || s.LeadIsAllUnits || s.Coordinators.Any(c => c.UnitId == unitId)).OrderBy(s => s.Order))
        {
            var leads = s.LeadUnitId == unitId || s.LeadIsAllUnits;
            foreach (var t in s.Tasks.OrderBy(t => t.Order))
            {
                var notes = t.Updates.Where(u => u.UnitId == unitId && u.At >= from && u.At < to && u.Note is not null).OrderBy(u => u.At).Select(u => u.Note!);
                var actuals = leads ? string.Join("; ", t.Targets.Where(x => x.Actual is not null).Select(x => $"{x.Value} {x.Measure}: {x.Actual}")) : "";
                // A prefill joins many notes; what does not fit keeps its newest part and shows that it was shortened.
                var progress = string.Join("\n", notes);
                progress = progress.Length > UnitReportLine.ProgressMaxLength ? "…" + progress[^(UnitReportLine.ProgressMaxLength - 1)..] : progress;
                actuals = actuals.Length > UnitReportLine.ActualsMaxLength ? actuals[..(UnitReportLine.ActualsMaxLength - 1)] + "…" : actuals;
                yield return (t.Id, t.Status, progress, actuals.Length > 0 ? actuals : null);
            }
        }
    }

    /// <summary>Units that owe a report: every unit leading or supporting a task (all units when a section names them all).</summary>
    private async Task<IReadOnlyList<(Guid Id, string Name)>> ExpectedUnitsAsync(Plan plan, CancellationToken ct)
    {
        var units = await agencies.UnitsAsync(plan.AgencyId, ct);
        var all = plan.Sections.Any(s => s.LeadIsAllUnits);
        var named = plan.Sections.SelectMany(s => s.Coordinators.Select(c => c.UnitId).Append(s.LeadUnitId ?? Guid.Empty)).ToHashSet();
        return units.Where(u => all || named.Contains(u.Id)).Select(u => (u.Id, u.Name)).ToList();
    }

    private static PeriodColumn Column(ReportingPeriod p) => new(p.Id, p.Kind, p.WindowStart, p.WindowEnd, p.InternalDueDate, p.ProvinceDueDate);

    private async Task<Plan> LoadPlanAsync(Guid planId, CancellationToken ct) =>
        await db.Set<Plan>().AsNoTracking().AsSplitQuery()
            .Include(p => p.Sections).ThenInclude(s => s.Coordinators)
            .Include(p => p.Sections).ThenInclude(s => s.Tasks).ThenInclude(t => t.Targets)
            .Include(p => p.Sections).ThenInclude(s => s.Tasks).ThenInclude(t => t.Updates)
            .FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();

    private async Task<(ReportingPeriod Period, Plan Plan)> LoadPeriodAsync(Guid periodId, CancellationToken ct)
    {
        var period = await db.Set<ReportingPeriod>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct) ?? throw new NotFoundException();
        return (period, await LoadPlanAsync(period.PlanId, ct));
    }

    private bool IsOffice(Guid agencyId) => can.Has(Capability.RunPlan, agencyId);

    private bool IsUnitOfficer(Guid agencyId, Guid unitId) => can.Has(Capability.WorkOnUnitTasks, agencyId, unitId);

    private void EnsureOffice(Guid agencyId)
    {
        if (!IsOffice(agencyId))
        {
            throw new ForbiddenException();
        }
    }

    private void EnsureUnitOfficer(Guid agencyId, Guid unitId)
    {
        if (!IsUnitOfficer(agencyId, unitId))
        {
            throw new ForbiddenException();
        }
    }
}
